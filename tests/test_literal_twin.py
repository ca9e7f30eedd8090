"""The lower-case twin of a case-insensitive pattern (used by the literal gate)."""

import re

from eventmap.literal_twin import lower_twin


def testlower_twin_only_where_it_is_the_same_pattern() -> None:
    assert lower_twin(re.compile(r"\bUAVs?\s+struck\b", re.I)) is not None
    for unsafe in (r"\S+ killed", r"[A-Z]illed", r"(?-i:K)illed", r"\x4Billed", r"ſhot"):
        assert lower_twin(re.compile(unsafe, re.I)) is None, unsafe
    assert lower_twin(re.compile(r"killed")) is None  # case-sensitive: no twin needed
    # named groups keep their syntax; typographic quotes have no case
    twin = lower_twin(re.compile(r"(?P<Low>Two|\d+)[”’]? (?P=Low)", re.I))
    assert twin is not None and twin.pattern == "(?P<low>two|\\d+)[”’]? (?P=low)"
    assert lower_twin(re.compile(r"\(?P<x", re.I)).pattern == r"\(?p<x"  # a literal 'P<'
    assert lower_twin(re.compile(r"(?P<x>é)", re.I)) is None
