"""Qualifiers: the words around a name that set its kind and vagueness."""

import re

from eventmap.geoparse.qualifiers import qualifiers


def _q(text: str, name: str) -> tuple:
    start = text.index(name)
    return qualifiers(text, start, start + len(name))


def test_the_city_of_is_the_town_and_a_province_word_the_division() -> None:
    assert _q("shelling in the city of Hama", "Hama") == ("city", None, "city of")
    assert _q("clashes in Hama province", "Hama") == ("admin1", None, "province")


def test_directions_and_countryside_are_vague() -> None:
    assert _q("fighting north of Homs", "Homs") == (None, "direction", "north of")
    assert _q("in northern Aleppo", "Aleppo") == ("admin1", "direction", "northern")
    assert _q("the outskirts of Idlib", "Idlib")[:2] == ("admin1", "countryside")


def test_a_plural_division_word_covers_both_names() -> None:
    assert _q("in Daraa and Suwayda regions", "Daraa")[0] == "admin1"
    assert _q("Homs was quiet", "Homs") == (None, None, None)


def test_the_word_check_never_hides_a_qualifier() -> None:
    # qualifiers() skips the backwards search when none of QUALIFIER_WORDS is near: every
    # word the pattern knows, in any case and spacing, must still be found.
    from eventmap.geoparse.qualifiers import _QUALIFIER_BEFORE, QUALIFIER_WORDS

    words = re.findall(r"[a-z]+(?:-\?[a-z]+)?", _QUALIFIER_BEFORE.pattern.split("$")[0])
    words = {w.replace("-?", "-") for w in words} | {w.replace("-?", "") for w in words}
    for word in sorted(words - {"r", "p", "dir", "rural", "prov", "city", "dir2", "the", "of"}):
        for shape in (f"the {word} of ", f"{word.upper()} of the ", f"{word.title()}  "):
            text = f"Reports from {shape}Homs"
            start = text.index("Homs")
            if _QUALIFIER_BEFORE.search(text, max(0, start - 40), start):
                assert any(w in text.lower() for w in QUALIFIER_WORDS), text
    assert _q("residents of Homs said", "Homs") == (None, None, None)
    assert _q("the countryside of Homs", "Homs")[:2] == ("admin1", "countryside")
    assert _q("the Countryside Of Homs", "Homs")[:2] == ("admin1", "countryside")
    # Outside ASCII the word check is skipped and the pattern decides alone.
    assert _q("près de Hóms, north of Homs", "Homs") == (None, "direction", "north of")


def test_the_division_word_gate_never_hides_a_match() -> None:
    # qualifiers() reads DIVISION_AFTER only when the next two letters can begin its word.
    from eventmap.geoparse.qualifiers import DIVISION_AFTER

    chars = [chr(c) for c in range(0x250)] + ["\u3000", "ſ", "K", "İ"]
    for w in ("provinces", "governorate", "regions", "countryside", "city", "district", "state"):
        for ch in chars:
            for t in (f"X{ch}{w[1:]}", f"X {ch}{w[1:]}", f"X {w[0]}{ch}{w[2:]}", f"X{ch} {w}"):
                if DIVISION_AFTER.match(t, 1):
                    assert qualifiers(t, 0, 1)[0] is not None, t
