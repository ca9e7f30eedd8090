"""Candidates: each occurrence of a planned name, with what its place in the text adds."""

import pytest

from eventmap.geoparse import default_geoparser, geoparse, sentence_bounds


def _candidates(text: str) -> dict:
    parser = default_geoparser()
    sentences = sentence_bounds(text)
    parser._persons = set()
    found, _ = parser._candidates(text, sentences, [s for s, _ in sentences])
    return {c.text: c for c in found}


def test_candidates_carry_their_sentence_and_qualifiers() -> None:
    got = _candidates("Calm in Hama. Shelling hit the city of Homs.")
    assert got["Hama"].sentence == 0 and got["Homs"].sentence == 1
    assert got["Homs"].kind_hint == "city"


def test_a_title_before_makes_a_person() -> None:
    assert "Homs" not in _candidates("They met President Homs yesterday.")
    assert "Homs" in _candidates("They met in Homs yesterday.")


def test_the_title_is_the_word_right_before_the_run() -> None:
    from eventmap.geoparse.candidates import _title_before

    for text, want in (
        ("President Homs", True),
        ("the president Homs", True),
        ("Mr. Homs", True),
        ("(President Homs", False),
        ("President\tHoms", True),
        ("a very long preamble before President Homs", True),
        ("a very long preamble; then Homs", False),
        ("Homs", False),
        (" Homs", False),
    ):
        assert _title_before(text, text.index("Homs")) is want, text


def test_masked_names_are_not_places() -> None:
    assert "Sanaa" not in _candidates("SANA reported strikes.")
    assert "SANA" not in _candidates("SANA reported strikes.")


def test_a_sentence_initial_common_word_is_marked() -> None:
    got = _candidates("Reading the report, he frowned.")
    assert "Reading" not in got or got["Reading"].initial_common


def test_a_currency_names_no_place() -> None:
    got = _candidates("Traders in Tripoli sold the Lebanese pound for US dollars at dawn.")
    assert "US" not in got and "Lebanese" not in got
    assert "Tripoli" in got
    assert "Hong Kong" not in _candidates("Shops priced goods in Hong Kong dollars.")
    assert "Hong Kong" in _candidates("Shops in Hong Kong stayed shut.")


def test_a_run_naming_no_place_is_passed_over_whatever_name_touches_it() -> None:
    from eventmap.geoparse import Geoparser

    parser = Geoparser()
    text = "The convoy left Homs for Hama. The Guardian said so. The road is open."
    first = parser.parse(text)
    assert parser.parse(text) == first
    assert "The" in parser._quiet  # a masked name ('The Guardian') only takes matches away


def test_the_currency_gate_agrees_with_its_pattern() -> None:
    from eventmap.geoparse.candidates import _NEXT_WORD, _currency_after
    from eventmap.geoparse.lexicon import CURRENCY_WORDS

    chars = [chr(c) for c in range(0x250)] + ["\u3000", "ſ", "K", "İ"]
    for w in sorted(CURRENCY_WORDS):
        for ch in chars:
            for t in (f"X {ch}{w[1:]}", f"X {w[0]}{ch}{w[2:]}", f"X{ch}{w}", f"X\t{ch}{w}"):
                m = _NEXT_WORD.match(t, 1)
                assert _currency_after(t, 1) is bool(m and m.group(1).lower() in CURRENCY_WORDS)


@pytest.mark.parametrize(
    "text",
    [
        "Updated: Nov 3 2015 at 5 pm. Two men were shot in the square.",
        "On Jun. 24th, police said, a car bomb went off.",
        "Posted Mar 2, 2016 by the newsroom",
    ],
)
def test_a_month_before_its_day_is_a_date_not_a_town(text: str) -> None:
    assert [m.text for m in geoparse(text)] == []


def test_a_town_named_like_a_month_is_still_a_town_without_a_day() -> None:
    assert [m.text for m in geoparse("Troops entered Nov on Sunday.")] == ["Nov"]
