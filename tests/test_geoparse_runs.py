"""Runs: capitalised word sequences, their words, sentences, and possible unknown names."""

import re

from eventmap.geoparse import default_geoparser, sentence_bounds
from eventmap.geoparse.runs import RUN


def test_runs_join_capitals_connectors_and_hyphens() -> None:
    text = "Fighting in Deir ez-Zor, said the U.N. in St. Louis, Rio de Janeiro and Homs."
    runs = [m.group(0) for m in RUN.finditer(text)]
    assert runs == ["Fighting", "Deir ez-Zor", "U.N.", "St. Louis", "Rio de Janeiro and Homs"]


def test_a_possessive_splits_a_run() -> None:
    split = default_geoparser()._split("Syria's Homs")
    assert [[w[2] for w in words] for words in split] == [["Syria"], ["Homs"]]
    assert default_geoparser()._split("Homs") == (((0, 4, "Homs"),),)


def test_sentences_end_at_stops_and_line_breaks() -> None:
    text = 'Headline\nShelling hit Homs. "It was loud." Then quiet'
    assert [text[s:e] for s, e in sentence_bounds(text)] == [
        "Headline",
        "Shelling hit Homs.",
        '"It was loud."',
        "Then quiet",
    ]
    assert sentence_bounds("") == [(0, 0)]


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_bounds(text)]


def test_a_title_or_place_prefix_ends_no_sentence_before_a_capital() -> None:
    assert _sentences("MT. VERNON — A man was hurt. Lt. Ana Ruiz said it.") == [
        "MT. VERNON — A man was hurt.",
        "Lt. Ana Ruiz said it.",
    ]
    assert _sentences("Police in Ft. Myers said Det. Hale and Ofc. Diaz left.") == [
        "Police in Ft. Myers said Det. Hale and Ofc. Diaz left."
    ]
    # A stop after a capital-led word ending an abbreviation elsewhere still ends one.
    assert _sentences("It was on Elm St. Police came. It was 12 ft. The end.") == [
        "It was on Elm St.",
        "Police came.",
        "It was 12 ft.",
        "The end.",
    ]
    # A lower-case word next, a line break, or a longer word ending in 'st' keep the split.
    assert _sentences("He ran to the mast. Then the wind came.\nSgt.\nKim") == [
        "He ran to the mast.",
        "Then the wind came.",
        "Sgt.",
        "Kim",
    ]
    assert _sentences("Call Dr. no later than noon.") == ["Call Dr.", "no later than noon."]


def test_only_name_shaped_runs_could_be_unknown_places() -> None:
    parser = default_geoparser()
    assert parser._unknown_size_of("Kafr Nabudah") == len("Kafr Nabudah")
    assert parser._unknown_size_of("President") == 0  # a title
    assert parser._unknown_size_of("NATO") == 0  # an acronym
    assert parser._unknown_size_of("Syrian") == 0  # a demonym


def _reference_patterns():  # the patterns as first written, for the regex module
    import regex

    from eventmap.geoparse.runs import CONNECTORS, _alternation

    cap = r"(?:\p{Lu}\.){2,}|\p{Lu}[\w'’‘ʿʾ]*"
    gap = r"(?:[ \t]{1,2}|-|(?<=[SMFP]t)\.\x20(?<=\b..\.\x20))"
    run = regex.compile(
        rf"(?<![\w'’‘ʿʾ])(?:{cap})(?:{gap}(?:(?:{_alternation(CONNECTORS)}){gap})*(?:{cap}))*"
    )
    sentence_end = regex.compile(r"[.!?…](?P<close>[\"”’')\]]*)\s+|\n+")
    return run, sentence_end


_HARD_TEXTS = (
    "The U.S. and St. Louis, Deir ez-Zor; Syria's Homs and Dar'a.",
    "éSt. Louis _St. Louis 1St. Louis xSt. Louis (St. Louis) St.  Louis Mt. Hood",
    "Café Oasis in Ḥimṣ, Ǆemal and ÅLAND; Hóms (combining) A.B.C. and A.B",
    "Rio de Janeiro\tand  Port-au-Prince -- Al-Bab\u00a0Homs\u2028Aleppo",
    "Mathematical 𝐀𝐁 and 𝐇oms near Hama; 𝔄leppo; Homs𝐀 and a lone \ud800 Idlib",
    'He said. "Homs!" She left…  Then\n\nAleppo?\x85Next\u3000one.\x1cNot a break.\u2029End',
    "Ünïcödé Ærø İstanbul ǅ Ⅻ Ⓐ ꙀK Kelvin K and Ω",
)


def test_the_run_and_sentence_scans_match_the_regex_module_patterns() -> None:
    # RUN and the sentence ends run on re with the regex module's classes spelled out:
    # they must find exactly what the patterns as first written find, astral letters,
    # combining marks, odd spaces and lone surrogates included.
    from eventmap.geoparse.runs import _SENTENCE_END, RUN, run_pattern

    run, sentence_end = _reference_patterns()
    for text in _HARD_TEXTS:
        want = [m.span() for m in run.finditer(text)]
        assert [m.span() for m in run_pattern(text).finditer(text)] == want, text
        if run_pattern(text) is RUN:
            assert text.isascii() or max(text) <= "\uffff"
        want = [(m.span(), m.end(1)) for m in sentence_end.finditer(text)]
        assert [(m.span(), m.end(1)) for m in _SENTENCE_END.finditer(text)] == want, text
    assert run_pattern("Homs and 𝐀leppo") is not RUN


def test_the_unicode_classes_are_the_regex_modules() -> None:
    # resources/unicode_classes.txt is generated from the regex module
    # (data/external/make_unicode_classes.py); a new regex release with a newer Unicode
    # would show here (regenerate the file). Checked over the whole code space.
    import regex

    from eventmap.geoparse.runs import _SPACE
    from eventmap.wordlists import entries, resource_path

    # Another regex release may bring a newer Unicode: then only the scripts news is written
    # in are compared (their letters do not change), and the file wants regenerating.
    made_with = f"regex {regex.__version__}." in resource_path("unicode_classes.txt").read_text()
    every = "".join(map(chr, range(0x110000 if made_with else 0x800)))
    classes = dict(line.split(": ", 1) for line in entries("unicode_classes.txt"))
    for name, pattern in (("upper", r"\p{Lu}"), ("word", r"\w")):
        ours = []
        for span in classes[name].split():
            lo, _, hi = span.partition("-")
            ours.extend(range(int(lo, 16), min(int(hi or lo, 16) + 1, len(every))))
        assert ours == [ord(c) for c in regex.findall(pattern, every)], name
    assert re.findall(_SPACE, every) == regex.findall(r"\s", every)


def test_a_saint_in_capitals_joins_its_name() -> None:
    from eventmap.geoparse import geoparse

    found = [(m.text, m.admin1_iso) for m in geoparse("EAST ST. LOUIS, Ill. - A man was shot.")]
    assert found == [("EAST ST. LOUIS", "US-IL")]
    assert [m.text for m in geoparse("A teen was wounded in MT. VERNON.")] == ["MT. VERNON"]
    assert [m.text for m in geoparse("He lives on MAIN ST. Police said so.")] == []


def test_the_same_text_twice_gets_the_same_sentences_in_a_fresh_list() -> None:
    text = "Shelling hit Homs. Sgt. Ana Ruiz said it.\nMore"
    first = sentence_bounds(text)
    first.append((99, 100))  # the caller's list is its own
    again = sentence_bounds(text)
    assert again == first[:-1] == [(0, 18), (19, 41), (42, 46)]
    other = "Another text. Its own sentences."
    assert sentence_bounds(other) == [(0, 13), (14, 32)]
    assert sentence_bounds(text) == again
