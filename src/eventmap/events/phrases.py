"""Place phrases: which places a sentence names as event locations, one per phrase.

The geoparser has already said which mentions are event locations ('clashes in Hama') rather
than seats of government or speakers' places. This stage reads them as ACLED codes places:

- one place phrase is one location: 'Tall Hamid village in Aleppo countryside', 'Kralgund
  (Kupwara district, Jammu and Kashmir)' and 'Gao, Mali' each name one place, the first, and
  the others only say where it is: never two events for one phrase;
- the parts of a phrase nest: a container read as a namesake abroad is looked up inside the
  outer division the phrase names (or dropped), never allowed to move the event abroad;
- a first name the gazetteer lacks (found by the geoparser, or a capitalised name right
  before the phrase: 'shelled Qarfa in Hama'), or resolves to a namesake outside the
  division the phrase names, is coded under the name as written to what holds it: a town
  it is part of or near at precision 2 ('the Qarawid area of Saraqib'), a district at 2,
  a province, or a town that stands for its province or district ('in Hama', 'X, Donetsk',
  'X (Kupwara, ...)'), at 3; never a dot drawn at a namesake elsewhere;
- 'near X', 'the outskirts of X', 'X countryside', 'between X and Y' (coded at X) and
  'X district' are ACLED's precision 2 when X is a town; a province stays a province (3,
  at its capital).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from eventmap.geoparse import Mention
from eventmap.geoparse.lexicon import ORG_WORDS

# (place as written, the division a phrase puts it in) -> that place inside it, if any.
Resolver = Callable[[Mention, Mention], Mention | None]
# A container's name -> the provinces of that name, in any country ('Bolivar': Venezuela's,
# Colombia's, Ecuador's), best first.
Senses = Callable[[Mention], list[Mention]]
# Place kinds an event can be coded to (a country is too coarse for ACLED).
_EVENT_KINDS = ("city", "admin1", "admin2")
# How far (log10 population) a town must lead its namesakes elsewhere to be taken as meant.
_SURE_MARGIN = 1.0
# Matches on a place's own name (not a curated alias or a loose spelling).
_OWN_NAMES = ("name", "alternate")
# Matches only a spelling away from the place's name.
_WEAK_MATCHES = ("alternate", "loose")
# Roles that say a name is not where something happened.
_NOT_A_PLACE = ("government", "speaker_or_actor_location", "demonym", "in_name")
# Between a place and the division that contains it: 'X, Y', 'X (Y', 'X town in Y', 'X of Y'.
_DIVISIONS = (
    r"town|city|village|district|area|neighbou?rhood|camp|region|municipality|county|"
    r"sub-?district|sub-?division|sub-?county|LGA|commune|locality|settlement|suburb|"
    r"governorate|province|state|prefecture|department|parish|tehsil|taluka?|upazila|woreda|"
    r"sector|ward|colony|barangay|mandal|block|zone|oblast|raion|rayon|circle|arrondissement|"
    r"canton|community|hamlet|township"
)
_CONTAINER_GAP = re.compile(
    rf"(?:-\d+)?(?:\s+(?:{_DIVISIONS}))?"
    r"(?:\s*[,(]\s*(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}\s*,\s*)?|\s+(?:in|of|within)\s+)"
    r"(?:the\s+)?(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"(?:(?:\w+\s+){0,2}(?:district|province|governorate|region|state|county|municipality|"
    r"countryside|department|LGA|area|commune)\s*(?:of\s+|,\s*|\(\s*)?)?(?:the\s+)?",
    re.IGNORECASE,
)
_LOCATOR_GAP = re.compile(
    r"\s*,?\s*(?:\d+\s*(?:km|kilometers|kilometres|miles)\s+)?(?:(?:just\s+)?(?:north|south|east|"
    r"west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside(?:\s+of)?|close\s+to)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.IGNORECASE,
)
_COMPOUND_AFTER = re.compile(r"-[a-z]")
_COMPOUND_BEFORE = re.compile(r"\b(?:pro|anti|ex|non)-$", re.IGNORECASE)
_WIDE_BEFORE = re.compile(
    r"\b(?:near|nearby|outskirts\s+of|vicinity\s+of|around|between|area\s+of|countryside\s+of|"
    r"outside(?:\s+of)?|close\s+to|surroundings\s+of|environs\s+of|direction\s+of|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+(?:of|outskirts\s+of|"
    r"countryside\s+of))\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_WIDE_AFTER = re.compile(
    r"\s*(?:'s\s+)?(?:countryside|outskirts|suburbs?|surroundings|environs|vicinity|frontline|"
    r"front\s*line|front|periphery|area)\b",
    re.IGNORECASE,
)
# A name the gazetteer lacks, then the place that holds it: 'Kralgund town (Kupwara',
# 'shelled Qarfa in Hama', 'the village of Zarzur in the countryside of Idlib', 'in Tarbul,
# Homs'. The name must follow a word that introduces a place (a preposition or a verb of
# attack on a place), so 'killed Ahmed in Homs' keeps Homs.
_NAME = (
    r"(?:(?:al|el|an|ad|as|ar|ash|az|ath|at|ed|es|en|ez|um|umm|abu|bin|ben|wadi|tal|tall|tell|"
    r"khirbet|ain|ein|beit|kafr|deir|jabal|jebel|ras|bir)[ -])?"
    r"[A-Z][\w'’]+(?:(?:\s+|-|\s+-\s+)(?:(?:al|el|ad|an|ar|as|ash|az|de|del|la|le|du|da|do|"
    r"dos|das|di|imeni|y|e|i|of)[ -])?[A-Z0-9][\w'’]*){0,4}"
)
_UNKNOWN_BEFORE = re.compile(
    r"\b(?i:in|at|of|near|on|to|from|towards?|shelled|targeted|struck|hit|stormed|raided|"
    r"bombed|besieged|captured|seized|entered|attacked|ambushed)\s+(?i:the\s+)?(?i:rural\s+)?"
    r"(?i:(?:town|village|city|area|"
    r"hamlet|locality|settlement|camp|district|sub-?district|neighbou?rhood|region)\s+of\s+)?"
    rf"({_NAME})"
    r"(?i:\s+(?:town|village|city|area|camp|neighbou?rhood|locality|hamlet|settlement|front|"
    r"frontline|road|region|sector|district(?:\s+cent(?:er|re))?|sub-?district|LGA|tehsil|"
    r"county|forest|estate))?"
    r"(?:\s*\(\s*(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3}(?i:\s+(?:district|LGA|"
    r"sub-?district|tehsil|county|subdivision|sub-?division))?\s*,\s*)?|\s*,\s*"
    r"|\s+(?i:in|of|within)\s+(?i:the\s+)?(?i:(?:\w+[ -]){0,2}(?:countryside|outskirts|"
    r"province|governorate|district|region|area)\s+of\s+(?:the\s+)?)?(?i:rural\s+)?)"
    r"(?i:(?:north|south|east|west|upper|lower|central)(?:-?(?:east|west))?(?:ern)?\s+)?"
    r"(?i:(?:al|el|ar|as|ad|an|ash|az)[ -])?$"
)
# Capitalised words that start sentences or name times and bodies, never unknown places.
_NOT_NAMES = frozenset(
    {
        "the", "a", "an", "on", "in", "at", "of", "as", "around", "after", "during", "between",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "ramadan", "eid", "covid", "coronavirus",
    }
)  # fmt: skip
# Words that make a capitalised run an armed group or a body, not a village.
_ACTOR_WORDS = frozenset(
    {
        "forces", "force", "militia", "militias", "army", "division", "brigade", "battalion",
        "regiment", "front", "movement", "party", "police", "guard", "guards", "units", "unit",
        "group", "groups", "state", "coalition", "council", "government", "ministry", "people's",
        "peoples", "militants", "fighters", "rebels", "troops", "soldiers",
    }
)  # fmt: skip
# A division word after a name: 'Kupwara district' is the district, not the town.
_DIVISION_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s+(?:district|sub-?district|LGA|tehsil|taluka?|county|province|governorate|region|state|"
    r"municipality|upazila|woreda|raion|rayon|oblast|department|prefecture|division|"
    r"sub-?division)\b",
    re.IGNORECASE,
)
_DISTRICT_AFTER = re.compile(
    r"\s+(?:district|sub-?district|LGA|tehsil|taluka?|county|municipality|upazila|woreda|raion|"
    r"rayon|sub-?division|mandal|block)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$", re.IGNORECASE)


def place_phrases(
    text: str,
    mentions: list[Mention],
    s: int,
    e: int,
    resolve: Resolver | None = None,
    senses: Senses | None = None,
) -> list[tuple[Mention, int | None, str | None]]:
    """(place, precision or None, name as written or None) for each place phrase in [s, e)."""
    inside = [
        m
        for m in mentions
        if s <= m.start < e
        and m.role not in _NOT_A_PLACE
        and (not m.resolved or m.kind in (*_EVENT_KINDS, "country"))
        and not _COMPOUND_AFTER.match(text, m.end)  # 'Taliban-planted': a word, not a place
        and not _COMPOUND_BEFORE.search(text, max(0, m.start - 6), m.start)  # 'pro-Hadi'
    ]
    phrases: list[list[Mention]] = []
    for m in inside:
        if phrases and _CONTAINER_GAP.fullmatch(text, phrases[-1][-1].end, m.start):
            phrases[-1].append(m)
        elif phrases and _LOCATOR_GAP.fullmatch(text, phrases[-1][-1].end, m.start):
            # 'al Khadir, south of Bethlehem', 'Bese, near Saliboko': says where the place
            # before it is, and is no event of its own.
            phrases[-1].append(_Locator(m))  # type: ignore[arg-type]
        else:
            phrases.append([m])
    out: list[tuple[Mention, int | None, str | None]] = []
    covered: list[tuple[int, int]] = []
    skip_next = False
    for k, phrase in enumerate(phrases):
        unknown = _unknown_name(text, s, phrase[0].start, mentions)
        if unknown is not None and not set("(,") & set(unknown[1]) and _plain_town(text, phrase[0]):
            # 'the Qarawid area of Saraqib': a place the gazetteer lacks at a town: the town
            # (2), when the phrase's divisions hold that town.
            placed = _place(phrase[0], phrase[1:], True, resolve, text, senses)
            if placed is not None and placed[2] is None:
                out.append(placed)
                continue
        if unknown is not None:
            # 'Kralgund town (Kupwara district, ...)': a name the gazetteer lacks, then where.
            covered.append(unknown[2:])
            head = _Unknown(unknown[0])
            placed = _place(head, phrase, False, resolve, text, senses)  # type: ignore[arg-type]
            if placed is not None:
                out.append(placed)
            continue
        if skip_next:  # 'between X and Y': one event, at X
            skip_next = False
            continue
        head = phrase[0]
        wide = bool(
            _WIDE_BEFORE.search(text, max(0, head.start - 40), head.start)
            or _WIDE_AFTER.match(text, head.end)
        )
        if _BETWEEN.search(text, max(0, head.start - 40), head.start) and k + 1 < len(phrases):
            skip_next = bool(_AND.fullmatch(text, head.end, phrases[k + 1][0].start))
        if head.kind in ("city", None) and _DISTRICT_AFTER.match(text, head.end):
            wide = True  # 'Biu LGA', 'Lam Sonthi district': the district, not its seat (2)
        if head.kind == "admin1":
            wide = False  # 'the countryside of Homs': the province, coded at its capital (3)
        placed = _place(head, phrase[1:], wide, resolve, text, senses)
        if placed is not None:
            out.append(placed)
    # A place read inside a longer name the gazetteer lacks is part of that name.
    return [p for p in out if not any(a <= p[0].start < b for a, b in covered)]


def _plain_town(text: str, m: Mention) -> bool:
    """A town, not a province named by its capital ('Ar-Raqqa' is both): a name before it
    that the gazetteer lacks is a village or quarter near it; 'X district' is no town."""
    if not m.resolved or m.kind != "city" or _DIVISION_AFTER.match(text, m.end):
        return False
    if m.qualifier_text and "city" in m.qualifier_text:
        return True  # 'the PD7 of Kandahar city': the city, whatever its province is called
    return _skeleton(m.text) != _skeleton(m.admin1 or "")


def _skeleton(name: str) -> str:
    """Transliteration-proof key: 'Ar-Raqqa' and 'Ar Raqqah', 'Idleb' and 'Idlib' agree."""
    value = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    value = re.sub(
        r"\b(?:al|el|ar|as|ad|an|ash|az|governorate|province|oblast|region|state|department|"
        r"prefecture|county|district|viloyati|kray|krai|oblys)\b|[^a-z]",
        "",
        value,
    )
    value = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouyhw]", "", value))
    return value


def _unknown_name(
    text: str, s: int, start: int, mentions: list[Mention]
) -> tuple[str, str, int, int] | None:
    """The name before the place phrase at ``start`` that the place phrase locates, when the
    geoparser found no place there, or only a place inside it: 'Qarfa' in 'shelled Qarfa in
    Hama', 'Shakhta imeni Gagarina' (not 'Shakhta') in 'the area of Shakhta imeni Gagarina,
    Donetsk'. Also: what lies between it and the phrase, and where it is."""
    found = _UNKNOWN_BEFORE.search(text, max(s, start - 90), start)
    if found is None:
        return None
    a, b = found.span(1)
    words = found.group(1).replace("-", " ").split()
    if (
        words[0].lower() in _NOT_NAMES
        or words[-1].lower() in ORG_WORDS
        or any(w.lower() in _ACTOR_WORDS for w in words)
        or any(
            m.start < b
            and a < m.end
            and (m.resolved or m.role != "event_location")
            and not (a <= m.start and m.end < b and m.role == "event_location")
            for m in mentions
        )
    ):
        return None
    return found.group(1), text[b:start], a, b


class _Locator:
    """A place that only locates the one before it: never an event of its own, never a
    container; where the place before it is unknown, the town it is near."""

    resolved = False
    kind = None

    def __init__(self, m: Mention) -> None:
        self.text = m.text
        self.start, self.end = m.start, m.end
        self.mention = m


class _Unknown:
    """A place name the geoparser did not find: only its text is known."""

    resolved = False
    kind = None

    def __init__(self, text: str) -> None:
        self.text = text


def _place(
    head: Mention,
    containers: list[Mention],
    wide: bool,
    resolve: Resolver | None = None,
    text: str = "",
    senses: Senses | None = None,
) -> tuple[Mention, int | None, str | None] | None:
    known = [c for c in containers if c.resolved and c.kind in _EVENT_KINDS]
    if head.resolved and head.kind in _EVENT_KINDS and head.raw.get("match") == "name":
        # 'Ben Arous (La Nouvelle Medina)': a town found by its own name is not moved abroad
        # by a town in brackets read there only by an alternate or loose spelling.
        weak = [c for c in known if c.kind == "city" and c.raw.get("match") in _WEAK_MATCHES]
        known = [c for c in known if c.country_code == head.country_code or c not in weak]
    known = _nested(head, known, resolve)
    if head.resolved and head.kind in _EVENT_KINDS and head.role == "event_location":
        inside = all(
            c.country_code == head.country_code
            and (not c.admin1_code or c.admin1_code == head.admin1_code)
            and c.geonameid != head.geonameid
            for c in known
        )
        province = next((c for c in known if c.kind == "admin1"), None)
        if inside and province is not None and resolve is not None and not resolve(head, province):
            # 'in El Salto, Jalisco' with two El Saltos of a size there: somewhere in the
            # province (3), under the name as written.
            return province, 3, head.text
        if inside:  # '... limits (Rajnandgaon, ...': a district named for its seat (2)
            seat = text[max(0, head.start - 3) : head.start].rstrip().endswith("(")
            return head, (2 if wide or seat else None), None
    if not known:
        return None
    # 'Kamyanka, Donetsk' read as a Kamyanka elsewhere: the one inside the named division.
    division = next((c for c in reversed(known) if c.admin1_code), None)
    itself = head.resolved and all(c.geonameid == head.geonameid for c in known)
    if resolve is not None and division is not None and head.text:
        inside_one = None if itself else resolve(head, division)
        if inside_one is not None:
            return inside_one, (2 if wide else None), None
        # 'Cartagena, Bolivar' with Bolivar read as Venezuela's, 'Santa Ana (Santa Ana)' with
        # both read in California: the container's other senses as a province, the first
        # that holds a place of the head's name.
        for other in senses(known[-1]) if senses is not None else ():
            inside_one = resolve(head, other)
            if inside_one is not None:
                return inside_one, (2 if wide else None), None
    if itself and head.kind in _EVENT_KINDS:
        return head, (2 if wide else None), None  # 'Homs (Homs)': the town in its province
    towns = [c.mention for c in containers if isinstance(c, _Locator) and c.mention.resolved]
    near = next((m for m in towns if m.kind == "city"), None)
    if near is not None and all(
        (c.country_code, c.admin1_code) == (near.country_code, near.admin1_code)
        or (not c.admin1_code and c.country_code == near.country_code)
        for c in known
    ):
        # 'Tall Banat near Tal Tamr in Hasakeh countryside': a village the gazetteer lacks,
        # near a town inside what the phrase names: at that town (2), as written.
        return near, 2, head.text
    # The head is unknown, or a namesake elsewhere: the named division, at the precision of
    # what is known (a US county: 2; a province, or a town named only as the seat of the
    # district the place is in: 3, somewhere in that province).
    best = min(known, key=lambda c: {"admin2": 0, "city": 1, "admin1": 2}[c.kind or "admin1"])
    if text and _plain_town(text, best) and not _after_comma_or_bracket(text, best.start):
        return best, 2, head.text  # 'the Qarawid area of Saraqib': at the town, not in it
    if best.kind == "city" and senses is not None and _after_comma_or_bracket(text, best.start):
        # '(Nihm, Sanaa)': a town after a bracket or comma stands for the province it names,
        # which is the province of its name when the country has one other than the town's
        # own (Sanaa governorate, not the capital's Amanat al-Asimah).
        others = senses(best)
        province = next((p for p in others if p.country_code == best.country_code), None)
        named_like_own = _skeleton(best.text) == _skeleton(best.admin1 or "")
        if province is None and _unsure_town(best) and not named_like_own:
            # '(Radman, Al Bayda)' with Al Bayda read, unsure, as Libya's town: the province
            # of that name (Yemen's), since what the bracket names last is a province.
            province = next((p for p in others if p.raw.get("match") in _OWN_NAMES), None)
        if province is not None:
            return province, 3, head.text
    return best, (2 if best.kind == "admin2" and best.country_code == "US" else 3), head.text


def _unsure_town(m: Mention) -> bool:
    """Read by a loose spelling, or with namesakes elsewhere nearly as likely."""
    margin = m.raw.get("margin")
    return m.raw.get("match") == "loose" or (margin is not None and margin < _SURE_MARGIN)


def _after_comma_or_bracket(text: str, start: int) -> bool:
    """'Kralgund (Kupwara, ...', 'Slavne, Donetsk': a town in brackets or after a comma
    names the district or province it is the seat of."""
    before = text[max(0, start - 80) : start]
    return before.rfind("(") > before.rfind(")") or before.rstrip().endswith(",")


def _nested(head: Mention, known: list[Mention], resolve: Resolver | None) -> list[Mention]:
    """The containers of one phrase, each inside the outermost of the country most of the
    phrase agrees on: in 'Wagga area (Madagali, Adamawa)' a Wagga read abroad is the Wagga
    in Adamawa, or dropped; in 'Banfora (Banfora, Comoe)' the Comoe abroad is dropped."""
    if len(known) < 2:
        return known
    votes = Counter(c.country_code for c in known)
    if head.resolved and head.kind in _EVENT_KINDS:
        votes[head.country_code] += 1
    top = max(votes.values())
    outer = next(c for c in reversed(known) if votes[c.country_code] == top)
    kept = [outer]
    for c in reversed(known[: known.index(outer)]):
        if c.country_code == outer.country_code and (
            not outer.admin1_code or c.admin1_code == outer.admin1_code
        ):
            kept.append(c)
        elif resolve is not None and outer.admin1_code:
            again = resolve(c, outer)
            if again is not None:
                kept.append(again)
    return kept[::-1]
