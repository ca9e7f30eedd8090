"""Runs: capitalised word sequences, their words, sentences, and possible unknown names."""

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


def test_only_name_shaped_runs_could_be_unknown_places() -> None:
    parser = default_geoparser()
    assert parser._unknown_size_of("Kafr Nabudah") == len("Kafr Nabudah")
    assert parser._unknown_size_of("President") == 0  # a title
    assert parser._unknown_size_of("NATO") == 0  # an acronym
    assert parser._unknown_size_of("Syrian") == 0  # a demonym
