"""Fatality counts as ACLED codes them: the lowest figure reported, vague words made numbers.

'dozens' is 12, 'tens' 10, 'hundreds' 100, 'several' or 'many' 3 (10 when the attack is
large), 'casualties' or 'losses' with no figure 0. Ranges keep both ends; the coded value is
the low one. The words they came from are always kept beside the number.

Each figure is read with the outcome it belongs to, not the nearest death word: '4 people and
2 policemen were killed and 19 were wounded' is 6 dead and 19 wounded, 'killing 3 and injuring
5' is 3 dead. A figure right after an outcome word is its object ('killing at least 3');
otherwise it is the subject of the next outcome word ('2 soldiers were killed'). Figures of
the dead add up; the wounded are counted apart and never as fatalities. One named victim ('a
man was shot dead', 'killing a civilian', 'the victim died') is 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventmap.literal_gate import gated
from eventmap.split_alternation import SplitAlternation
from eventmap.start_set import with_start_set  # sentence scans skip to where they can match
from eventmap.wordlists import entries

_VAGUE = {
    "dozens": 12,
    "dozen": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "several": 3,
    "many": 3,
    "numerous": 3,
    "multiple": 3,
    "a number": 3,
    "some": 3,
    "a few": 3,
    "few": 3,
}
_UNITS = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
_WORDS = {w: n for n, w in enumerate(f"{_UNITS} sixteen seventeen eighteen nineteen".split(), 1)}
_WORDS |= {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100}
# A figure is a whole word: 'one' in 'Drone' or 'none', 'ten' in 'often' and '16' in 'M16' or
# '47' in 'AK-47' count nobody.
_NUMBER = (
    r"(?:(?<![\w])(?<![a-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)|\b(?:"
    + "|".join(sorted(_WORDS, key=len, reverse=True))
    + r")(?![a-z]))"
)
_QUANT = (
    rf"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to)\s+)?"
    rf"(?P<low>{_NUMBER})(?:\s*(?:-|–|to|and)\s*(?P<high>{_NUMBER}))?"
    r"|\b(?P<vague>" + "|".join(sorted(map(re.escape, _VAGUE), key=len, reverse=True)) + r")\b"
)
_DEATH = re.compile(
    r"\b(?:kill(?:ed|ing|s)?|dead|deaths?|died|dying|lives|bodies|fatalities|eliminat(?:ed|ing|e)"
    r"|slain|massacred|executed|perished)\b",
    re.IGNORECASE,
)
_CASUALTY_ONLY = gated(re.compile(r"\b(?:casualties|losses)\b", re.IGNORECASE))
# Outcome words: what happened to the people a figure counts (gated: most sentences have
# none, and this scan was most of the module's time).
_OUTCOME = gated(
    re.compile(
        r"\b(?:(?P<death>kill(?:ed|ing|s)?|dead|deaths?|died|dying|lives|bodies|body|fatalit(?:y|ies)"
        r"|eliminat(?:ed|ing|e)|slain|massacred|executed|perished|murdered|beheaded|lynched"
        r"|succumbed|fatally|fatal(?=\s+shooting\s+of\b))|(?P<hurt>injur(?:ed|es|ing|ies|y)|wound(?:ed|ing|s)?|hurt|maimed|hospitali[sz]ed)"
        r"|(?P<other>survived|survives|arrested|captured|detained|abducted|kidnapped|rescued|missing|displaced|"
        r"evacuated|infected|released|taken\s+hostage))\b",
        re.IGNORECASE,
    )
)
# Between an outcome word and its object figure: 'killing at least', 'deaths of'.
_OBJECT_GAP = re.compile(
    r"[\s“\"']*(?:(?:of|to|the|some|another|a\s+further|nearly|about|"
    r"up\s+to|in|coded\s+as|range\s+from|ranging\s+from)[\s“\"']+){0,3}$",
    re.IGNORECASE,
)
# Between a subject figure and its outcome word: a short noun phrase, a verb, no new clause.
_SUBJECT_GAP = re.compile(r"^[^.;:]{0,90}$")
_ONE_VICTIM = re.compile(
    r"\b(?:(?:a|an|one|the)\s+(?!number|few|total|group|dozen|couple|series|car|vehicle)"
    r"(?:[\w-]+\s+){1,4}?(?:was|has\s+been|had\s+been|got|later|reportedly)\s+(?:\w+\s+){0,3}?"
    r"(?:killed|shot\s+dead|murdered|found\s+dead|beheaded|lynched|executed|stabbed\s+to\s+death|"
    r"died|hacked\s+to\s+death|beaten\s+to\s+death)"
    r"|(?:killing|killed|murdered|murdering|beheaded|executed|lynched|shot\s+dead|gunned\s+down|"
    r"stabbed\s+to\s+death)\s+(?:him|her|a|an|one)\b"
    r"|\b(?:a|an|the)\s+[^.;:]{1,90}?\s(?:was|has\s+been|had\s+been)\s+(?:\w+\s+){0,2}?"
    r"(?:killed|shot\s+dead|murdered|beheaded|lynched|executed|shot\s+to\s+death|"
    r"stabbed\s+to\s+death)"
    r"|shot\s+(?:him|her|a|an|the)\s+(?:[\w-]+\s+){0,3}?dead"
    r"|fatally\s+(?:shot|stabbed|wounded|injured|hit|beat|beaten)\s+(?:him|her|a|an|one)\b"
    r"|\b(?:the|a|an|one)\s+(?:[\w-]+\s+){0,3}?(?:man|woman|victim|boy|girl|driver|person|"
    r"child|teen(?:ager)?|toddler|infant|baby|student|father|mother|son|daughter|husband|wife)"
    r"\s+(?:later\s+|has\s+|had\s+|is\s+|was\s+)?(?:died|dead)\b"
    r"|\b(?:a|an|one)\s+(?:[\w-]+\s+){1,3}?(?:(?:later\s+|has\s+|had\s+)?died|is\s+dead)\b"
    r"|\b(?:was|were|been|is)\s+pronounced\s+dead"
    r"|\b[A-Z][\w'’-]+\.?,\s*\d{1,3},\s+(?:[\w-]+\s+){0,3}?(?:died|was\s+killed|was\s+shot\s+dead)"
    r"|\b(?:he|she)\s+(?:later\s+|has\s+|had\s+)?died"
    r"|\b(?:was|has\s+been|had\s+been|is)\s+fatally\s+(?:shot|stabbed|wounded|injured|struck)"
    r"|\b(?:fatal\s+shooting|shooting\s+death|killing|murder)\s+of\s+(?:a|an|one)\b"
    # one person named or described: 'the fatal shooting of his daughter', 'of Jo Doe',
    # 'Jo Ann Doe was shot and killed', 'accused of killing Jo Doe' (names case-sensitive)
    r"|\b(?:fatal\s+shooting|shooting\s+death)\s+of\s+"
    r"(?:his|her|their|(?-i:[A-Z][a-z]+\s+[A-Z][a-z]))"
    r"|(?-i:\b(?!(?:The|A|An|One|Police|Officers?)\b)[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,3})"
    r"(?:\s+(?-i:Jr|Sr|II|III)\.?)?,?(?:\s+\d{1,3},)?\s+(?:was|has\s+been|had\s+been)\s+(?:shot\s+and\s+)?"
    r"(?:killed|shot\s+dead|murdered|shot\s+to\s+death)"
    r"|\b(?:killing|killed)\s+(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z'’-]+){1,2})"
    r"(?=\s*(?:[,.;]|$|\s(?:and|in|at|on|inside|outside)\s))"
    r"|body\s+of\s+(?:a|an|one)\b|(?:a|an|one)\s+(?:[\w-]+\s+){0,2}body\b)",
    re.IGNORECASE,
)
_AND_ONE_MORE = re.compile(
    r"\band\s+(?:a|an|one)\s+(?:[\w-]+\s+){1,2}(?:were|was)\s+(?:also\s+|reportedly\s+)?"
    r"(?:killed|dead|shot\s+dead)",
    re.IGNORECASE,
)
_ACTIVE = re.compile(r"(?:killing|wounding|injuring)$", re.IGNORECASE)
_ACTIVE_PAST = re.compile(r"(?:killed|wounded|injured)$", re.IGNORECASE)
_PASSIVE_MARK = re.compile(r"\b(?:was|were|been|being|are|is|got)\s+(?:\w+\s+)?$", re.IGNORECASE)
# 'one' standing for a noun already said, after a preposition: 'and 3 in the second one', 'at
# the other one'. Not after 'of' ('the killing of the other one' is a victim), and a bare 'one'
# ('killed one', 'in one of the homes') stays a figure.
_THING_ONE = re.compile(
    r"\b(?:in|at|on|from|into|inside|near|during|after|before|outside)\s+(?:the\s+)?"
    r"(?:first|second|third|fourth|fifth|last|latest|next|previous|earlier|later|other|same"
    r"|another|this|that|a\s+(?:new|second|third|different|separate))\s+$",
    re.IGNORECASE,
)
_PART_OF = with_start_set(
    re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+them|among\s+whom)\s+$", re.I)
)
_NO_DEATHS = re.compile(
    r"\b(?:no|neither|nor|zero|without)\s+(?:\w+\s+){0,2}(?:fatalit|deaths?|casualt|one\s+was"
    r"\s+killed)|\bno\s+one\s+(?:was\s+)?killed",
    re.IGNORECASE,
)
_FIGURE = gated(  # run as its lower-case twin (literal_gate): this scan was the module's cost
    re.compile(
        r"[“\"']?(?:" + _QUANT + r")[”\"']?"
        r"(?:\s+(?:of\s+)?[“\"']?(?:the\s+)?)?",
        re.IGNORECASE,
    )
)
_LARGE = re.compile(r"\b(?:massive|large[- ]scale|major|campaign|massacre|heavy)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fatalities:
    """A coded count and the words it came from."""

    coded: int
    low: int | None
    high: int | None
    text: str | None
    start: int | None = None
    end: int | None = None
    wounded: int = 0  # the injured, counted apart: never fatalities


NONE = Fatalities(0, None, None, None)


def _value(token: str) -> int:
    token = token.lower().strip()
    if token in _WORDS:
        return _WORDS[token]
    return int(token.replace(",", ""))


@lru_cache(maxsize=512)  # a sentence is read by the walk, the incident and the toll readers
def find_fatalities(sentence: str, offset: int = 0) -> Fatalities:
    """The dead a sentence reports, by ACLED's rules (0 and no text when it reports none)."""
    outcomes = list(_OUTCOME.finditer(sentence))
    if not outcomes:
        cas = _CASUALTY_ONLY.search(sentence)
        if cas is None:
            return NONE
        return Fatalities(0, None, None, cas.group(0), offset + cas.start(), offset + cas.end())
    dead: list[re.Match[str]] = []
    wounded = 0
    for m in _FIGURE.finditer(sentence):
        if not (m.group("low") or m.group("vague")) or _is_year_or_money(sentence, m):
            continue
        if sentence[max(0, m.start() - 3) : m.start()].lower() == "no ":
            continue  # 'no one was killed'
        if _PART_OF.search(sentence, max(0, m.start() - 16), m.start()):
            continue  # '5 people, including 2 children': already counted
        if (m.group("low") or "").lower() == "one" and _THING_ONE.search(
            sentence, max(0, m.start() - 40), m.start()
        ):
            continue  # '3 in the second one': an attack, a house, not a victim
        if _COUNTS_THINGS.match(sentence, m.end()):
            continue  # 'two airstrikes killed 5', 'killed 3 at 4 locations'
        outcome = _outcome_of(sentence, m, outcomes)
        if outcome is None:
            continue
        if outcome.group("death"):
            dead.append(m)
        elif outcome.group("hurt"):
            wounded += _figure(m, sentence)[0]
    if not any(o.group("death") for o in outcomes):
        cas = _CASUALTY_ONLY.search(sentence)
        if cas is not None:
            start, end = offset + cas.start(), offset + cas.end()
            return Fatalities(0, None, None, cas.group(0), start, end, wounded)
        return Fatalities(0, None, None, None, None, None, wounded)
    if not dead:
        one = _ONE_VICTIM.search(sentence)
        if one is not None and not _NO_DEATHS.search(sentence):
            return Fatalities(
                1, 1, None, one.group(0), offset + one.start(), offset + one.end(), wounded
            )
        return Fatalities(0, None, None, None, None, None, wounded)
    values = [_figure(m, sentence) for m in dead]
    if _AND_ONE_MORE.search(sentence):
        values.append((1, None))  # 'three passengers and a driver were killed'
    low = sum(v[0] for v in values)
    high = sum(v[1] if v[1] is not None else v[0] for v in values)
    first, last = dead[0], dead[-1]
    if len(dead) == 1:
        m = first
        if m.group("vague"):
            return Fatalities(
                low,
                low,
                None,
                m.group("vague"),
                offset + m.start("vague"),
                offset + m.end("vague"),
                wounded,
            )
        text = m.group(0).strip(" “”\"'").removesuffix(" of").strip()
        return Fatalities(
            low,
            low,
            values[0][1],
            text,
            offset + m.start(),
            offset + m.start() + len(text),
            wounded,
        )
    text = " + ".join(m.group(0).strip(" “”\"'").removesuffix(" of").strip() for m in dead)
    return Fatalities(
        low,
        low,
        high if high != low else None,
        text,
        offset + first.start(),
        offset + last.end(),
        wounded,
    )


def _figure(m: re.Match[str], sentence: str) -> tuple[int, int | None]:
    if m.group("vague"):
        coded = _VAGUE[m.group("vague").lower()]
        if coded == 3 and _LARGE.search(sentence):
            coded = 10
        return coded, None
    low = _value(m.group("low"))
    return low, (_value(m.group("high")) if m.group("high") else None)


def _outcome_of(
    sentence: str, m: re.Match[str], outcomes: list[re.Match[str]]
) -> re.Match[str] | None:
    """The outcome word a figure counts: the one just before it (object), else the next one
    in the same clause (subject), else a near one before it."""
    start = m.start("low") if m.group("low") else m.start("vague")
    before = [o for o in outcomes if o.end() <= start]
    if before and _OBJECT_GAP.match(sentence[before[-1].end() : start]):
        return before[-1]
    after = next((o for o in outcomes if o.start() >= m.end()), None)
    gap = sentence[m.end() : after.start()] if after is not None else ""
    if (
        after is not None
        and _SUBJECT_GAP.match(gap)
        and not _FIGURE_IN_GAP.search(gap)  # 'four were shot, two fatally': two died
        and not _ACTIVE.match(after.group(0))  # 'four soldiers ..., killing one': its object
        and (len(gap) <= 30 or _PASSIVE_MARK.search(gap) or not _ACTIVE_PAST.match(after.group(0)))
    ):
        return after
    if before and start - before[-1].end() <= 40:
        return before[-1]
    return None


# A figure whose noun, up to three modifiers on ('two Saudi-led coalition air raids'), is a
# counted thing. A person noun, a function word or punctuation ends the search first, so 'two
# people in cars' and 'one of the strikes' stay people.
_COUNTS_THINGS = re.compile(
    r"\s*(?:(?!(?:"
    + "|".join(entries("function_words.txt"))
    + r")\b)(?!(?:people|persons?|"
    + "|".join(entries("person_nouns.txt"))
    + r")s?\b)[a-z][\w'’-]*\s+){0,3}?(?:"
    + "|".join(
        sorted(
            (re.escape(w).replace(r"\ ", r"\s+") for w in entries("counted_things.txt")),
            key=len,
            reverse=True,
        )
    )
    + r")(?:e?s)?\b",
    re.IGNORECASE,
)
_FIGURE_IN_GAP = re.compile(rf",\s+(?:{_NUMBER})\s+(?:of\s+(?:them|whom)\s+)?\w*$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_AFTER = re.compile(rf"\s*(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b|[/.]\d", re.IGNORECASE)
_DATE_BEFORE = re.compile(rf"\b{_MONTH}\s+$|\d[/.]$", re.IGNORECASE)

# After a figure that counts no people: an age or a compound ('a 23-year-old', '9mm',
# 'a .22-caliber'), a measure or a time ('30 minutes', 'shot 5 times', 'the 300 block').
_NOT_A_COUNT_AFTER = re.compile(
    r"(?:-[a-z]|:\d|(?:st|nd|rd|th)\b|(?:\s+(?:or|to)\s+\d{1,3})?\s+(?:years?|months?|weeks?)[\s-]+old\b|"
    r"\s*(?:minutes?|hours?|seconds?|days?|weeks?|months?|years?|miles?|"
    r"feet|foot|yards?|blocks?|percent|%|times|rounds|shots|bullets|a\.m\.|p\.m\.|mm\b|"
    r"caliber|calibre|grams?|pounds?|degrees))",
    re.IGNORECASE,
)
# A broadcaster's call sign or channel ('WXYZ 7', 'Channel 12', 'CBS 8') or a road's number
# ('Route 33', 'I-75') before a figure.
_STATION_BEFORE = re.compile(
    r"(?:\b[A-Z]{2,5}|\b(?:Channel|News|Fox|Route|Rt\.?|Highway|Hwy\.?|Interstate|I-))\s*$"
)
_AGE_BEFORE = with_start_set(re.compile(r"\b(?:aged?|ages)\s+$", re.IGNORECASE))
# A street address: 'died inside a home at 308 Elm Lane', 'shooting at 11290 Fondren'.
_ADDRESS = re.compile(r"\b(?i:at)\s+\d+\s+[A-Z]")
# 'Lee Park, 19, died', 'a boy, 14, died': a figure between commas right after a word is an age.
_NAME_COMMA = re.compile(r"\b[A-Za-z][\w'’-]+\.?,\s*$")  # 'Jo Roe, 34,', 'Jo Price Sr., 30,'


def _is_year_or_money(sentence: str, m: re.Match[str]) -> bool:
    """Years, days of a date ('28 April', 'May 3', '3/4/2020'), sums of money, ages,
    measures and spans of time ('a 23-year-old man died' is one death, not 23; 'two weeks
    after'), the emergency number, a station's channel number ('told WXYZ 7') and a street
    address ('at 308 Elm Lane')."""
    token = m.group("low") or ""
    if re.fullmatch(r"(19|20)\d\d|911", token):
        return True  # a year, or the emergency number
    if token[:1].isdigit() and _STATION_BEFORE.search(
        sentence, max(0, m.start("low") - 9), m.start("low")
    ):
        return True
    end = m.end("high") if m.group("high") else m.end("low")
    if token and (
        _NOT_A_COUNT_AFTER.match(sentence, end)
        or _AGE_BEFORE.search(sentence, max(0, m.start("low") - 6), m.start("low"))
        or sentence[max(0, m.start("low") - 1) : m.start("low")] == ":"
        or _ADDRESS.match(sentence, max(0, m.start("low") - 3))
        or (
            _NAME_COMMA.search(sentence, max(0, m.start("low") - 30), m.start("low"))
            and sentence[end : end + 1] == ","
        )
    ):
        return True
    if token and token[0].isdigit():
        end = m.end("high") if m.group("high") else m.end("low")
        if _DATE_AFTER.match(sentence, end) or _DATE_BEFORE.search(
            sentence, max(0, m.start("low") - 12), m.start("low")
        ):
            return True
    before = sentence[max(0, m.start() - 2) : m.start()]
    return "$" in before or "£" in before or "€" in before


_SUMMARY = re.compile(
    rf"^\s*(?:[\w\s]+:\s*)?{_NUMBER}\s+fatalit|fatalities\s+(?:were\s+)?coded|total\s+of|"
    r"in\s+total",
    re.IGNORECASE,
)

# A second sentence's dead are more dead only when it says so ('two more', 'also killed').
_MORE = re.compile(
    r"\b(?:also|another|other|others|more|additional|further|second|third|as\s+well)\b",
    re.IGNORECASE,
)
_NO_DEATHS, _AND_ONE_MORE, _MORE = map(with_start_set, (_NO_DEATHS, _AND_ONE_MORE, _MORE))
_ONE_VICTIM = SplitAlternation(_ONE_VICTIM)  # most of its alternatives run as a twin


def add_tolls(a: Fatalities, b: Fatalities, sentence: str = "") -> Fatalities:
    """One event's toll reported over two sentences: the dead and the wounded add up, except
    that a stated total ('3 fatalities.') replaces the count and one victim told twice ('a man
    was shot. The victim died.') stays one."""
    if not b.text and not b.wounded:
        return a
    restated = a.coded == b.coded and not _MORE.search(sentence)
    if b.text and (_SUMMARY.search(sentence) or restated):
        return Fatalities(b.coded, b.low, b.high, b.text, b.start, b.end, a.wounded + b.wounded)
    if not a.text:
        return Fatalities(b.coded, b.low, b.high, b.text, b.start, b.end, a.wounded + b.wounded)
    text = f"{a.text} + {b.text}" if b.text else a.text
    return Fatalities(
        a.coded + b.coded, a.coded + b.coded, None, text, a.start, a.end, a.wounded + b.wounded
    )
