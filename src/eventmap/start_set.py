"""The same regex, told which characters its matches can start with.

Python's ``re`` skips ahead at C speed to the next position that can start a match when the
pattern begins with a literal or a character class (the *charset* of its info block); a
pattern that begins with an assertion ('\\b', '(?<![\\w.])') or an optional part ('(?:on\\s+)?')
gets no such set, and the engine then enters its matcher at every position of the text. The
lexicons and the report-wide scans begin that way, so most of their time was spent trying
positions that cannot start a match (a space, the middle of a word). ``with_start_set``
compiles the pattern's own code with the set of characters its first consumed character can
be, read from the parsed pattern: assertions consume nothing and optional parts add the set
of what follows them. The set only says where matching may be tried, so every method gives
the same results as the plain pattern (tests compare them); where the set cannot be read ('.',
a negated class, a pattern that can match nothing at all) the pattern is returned unchanged.
A case-insensitive pattern's set holds every character IGNORECASE matches to its ASCII
letters (both cases, and the four non-ASCII look-alikes: checked over every code point by the
tests); one that starts with a non-ASCII letter gets none.
"""

from __future__ import annotations

import re
from typing import Any

try:  # private API of the re module (3.11): without it patterns stay as they are
    import _sre
    from re import _compiler as _K
    from re import _constants as _C
    from re import _parser as _P
except ImportError:  # pragma: no cover - other Python versions
    _sre = _K = _C = _P = None  # type: ignore[assignment]

_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
# The non-ASCII characters IGNORECASE matches to an ASCII letter (Python 3.11: dotted and
# dotless i, long s, Kelvin sign), by that letter.
_LOOK_ALIKES = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _first(items: Any) -> tuple[list[tuple[Any, Any]], bool] | None:
    """The character-set items the first character consumed by ``items`` (a parsed sequence)
    can match, and whether the sequence can consume nothing; None when not readable."""
    found: list[tuple[Any, Any]] = []
    for op, av in items:
        name = str(op)
        if name in _ZERO_WIDTH:
            continue  # an assertion only restricts where a match is; it consumes nothing
        if name == "LITERAL":
            return [*found, (op, av)], False
        if name == "IN":
            if any(str(item) == "NEGATE" for item, _ in av):
                return None
            return [*found, *av], False
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None  # '(?i:...)' changes what a literal matches
            part = _first(sub.data)
        elif name == "ATOMIC_GROUP":
            part = _first(av.data)
        elif name == "BRANCH":
            union: list[tuple[Any, Any]] = []
            empty = False
            for branch in av[1]:
                got = _first(branch.data)
                if got is None:
                    return None
                union += got[0]
                empty = empty or got[1]
            part = union, empty
        elif name in _REPEATS:
            low, _high, item = av
            part = _first(item.data)
            if part is not None and low == 0:
                part = part[0], True
        else:
            return None  # '.', a negated literal, a back reference...
        if part is None:
            return None
        found += part[0]
        if not part[1]:
            return found, False
    return found, True


def _any_case(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]] | None:
    """``items`` with every character IGNORECASE matches to theirs; None unless each is an
    ASCII literal or range, or a category (\\d, \\s, \\w: the same sets under IGNORECASE)."""
    found: list[tuple[Any, Any]] = []
    for op, av in items:
        if str(op) == "CATEGORY":
            found.append((op, av))
            continue
        if str(op) == "LITERAL":
            codes = range(av, av + 1)
        elif str(op) == "RANGE":
            codes = range(av[0], av[1] + 1)
        else:
            return None
        if codes.stop > 128:
            return None
        for code in codes:
            low = chr(code).lower()
            for ch in {low, low.upper(), *_LOOK_ALIKES.get(low, "")}:
                found.append((_C.LITERAL, ord(ch)))
    return found


def with_start_set(regex: re.Pattern[str]) -> re.Pattern[str]:
    """``regex`` compiled with the set of characters its matches start with (see the module
    docstring), or ``regex`` itself where ``re`` already has one or none can be read."""
    if _sre is None or not isinstance(regex.pattern, str):
        return regex
    flags = regex.flags
    try:
        parsed = _P.parse(regex.pattern, flags)
        flags |= parsed.state.flags
        if flags & re.LOCALE:
            return regex
        code = _K._code(parsed, flags)
        if str(code[0]) != "INFO":  # pragma: no cover - the compiler always starts with one
            return regex
        mask, low, high = code[2], code[3], code[4]
        if mask & (_C.SRE_INFO_PREFIX | _C.SRE_INFO_CHARSET) or low == 0:
            return regex  # re found a prefix itself, or the pattern can match ''
        first = _first(parsed.data)
        if first is None or first[1]:
            return regex
        items = _any_case(first[0]) if flags & re.IGNORECASE else first[0]
        if not items:
            return regex
        charset, _cased = _K._optimize_charset(items)
        info = [code[0], 0, _C.SRE_INFO_CHARSET, low, high]
        _K._compile_charset(charset, flags, info)
        info[1] = len(info) - 1  # the info block's length, as _compile_info writes it
        code = info + code[1 + code[1] :]
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for group_name, index in groupindex.items():
            indexgroup[index] = group_name
        return _sre.compile(
            regex.pattern,
            flags,
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
    except Exception:  # pragma: no cover - an unexpected tree: keep the plain pattern
        return regex
