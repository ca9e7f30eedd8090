"""Many phrases found at once: whole words, longest first, capitals only where written so."""

import pytest

from eventmap.actors import default_actors
from eventmap.actors.phrases import PhraseIndex, Span, non_overlapping


@pytest.mark.parametrize(
    "sentence",
    [
        "HTS fighters and Hayat Tahrir al-Sham clashed with the Syrian army near Idlib.",
        "The police said gunmen shot two men; police later arrested the gunmen.",
        "IS claimed the attack, and the Islamic State's media arm AMAQ said so again.",
        "Russian and Syrian warplanes struck rebels of the Free Syrian Army in Hama.",
        "Nothing here anchors a phrase at all.",
        "SANA and sana: the agency, SANA, reported it.",
    ],
)
def test_anchor_places_from_the_word_index_are_the_word_loops(sentence: str):
    table = default_actors()
    indexes = [v for v in vars(table).values() if isinstance(v, PhraseIndex)]
    lower, lower_set, exact_set = PhraseIndex.words_of(sentence)
    for index in indexes:
        loop = index._hits(sentence, lower)
        assert index._ascii_hits(sentence, lower, lower_set, exact_set) == loop


def test_capitals_match_exactly_other_phrases_in_any_case() -> None:
    index = PhraseIndex({"WFP": ("wfp", False), "Free Syrian Army": ("fsa", False)})
    found = index.find("the wfp and the FREE SYRIAN-ARMY, then WFP")
    assert [(s.text, s.ref) for s in found] == [("FREE SYRIAN-ARMY", "fsa"), ("WFP", "wfp")]
    assert index.find("WFPs and Free Syrian Armyish") == []  # whole words only


def test_the_longest_phrase_wins_where_phrases_overlap() -> None:
    index = PhraseIndex({"Syrian Army": ("army", False), "Free Syrian Army": ("fsa", False)})
    spans = index.find("the Free Syrian Army said")
    assert [s.ref for s in non_overlapping(spans)] == ["fsa"]
    kept = non_overlapping(
        [Span(4, 10, "Syrian", "a"), Span(0, 20, "x", "b"), Span(20, 22, "y", "c")]
    )
    assert [s.ref for s in kept] == ["b", "c"]


def test_the_lowered_text_keeps_its_offsets() -> None:
    # 'İ' lowers to two characters: it stays as written so offsets hold
    assert PhraseIndex.lowered("İdlib City") == "İdlib city"


def test_phrase_shapes_finished_on_first_use_are_the_eager_ones() -> None:
    # every built-in index: a word's shapes are finished from its own raw entry, once
    from eventmap.actors import PhraseIndex, default_media, load_actors, name_mask
    from eventmap.actors.phrases import _finish_shapes

    table = load_actors()
    indexes = [table._named, table._generic_index, table._role_index]
    indexes += [default_media().index, name_mask(default_media(), table)]
    indexes.append(PhraseIndex({"Free Syrian Army": ("FSA", False), "HTS": ("HTS", False)}))
    for index in indexes:
        raw = dict(index._word_shapes)
        assert raw and all(type(v) is dict for v in raw.values())  # nothing finished yet
        for word, shapes in raw.items():
            finished = index._shapes_of(word)
            assert finished == _finish_shapes(shapes)
            assert index._shapes_of(word) is finished  # kept, not finished again
        assert index._shapes_of(("qzxv", False)) == ()


def test_probe_reads_lazily_finished_shapes() -> None:
    # an index whose words were all finished up front (as before) probes and finds the same
    from eventmap.actors import PhraseIndex
    from eventmap.actors.phrases import _finish_shapes

    phrases = {"Free Syrian Army": ("FSA", False), "Syrian Democratic Forces": ("SDF", False)}
    lazy, eager = PhraseIndex(phrases), PhraseIndex(phrases)
    eager._word_shapes = {w: _finish_shapes(s) for w, s in eager._word_shapes.items()}
    for span in ("Free Syrian", "Syrian", "Army", "Democratic Forces", "Idlib"):
        assert lazy.probe(span) == eager.probe(span)
    text = "Fighters of the Free Syrian Army and the Syrian Democratic Forces met in Manbij."
    assert lazy.find(text) == eager.find(text)
    assert [s.ref for s in lazy.find(text)] == ["FSA", "SDF"]


def test_a_capitals_word_in_a_run_of_capitals_is_typesetting_not_an_acronym() -> None:
    index = PhraseIndex({"ANA": ("afghan army", False), "HTS": ("hts", False)})
    # a dateline or headline set in capitals: 'ANA' is the end of a town's name
    assert index.find("SANTA ANA, Calif. -- Two men were shot on Main Street.") == []
    assert index.find("LAST WORDS FROM ANA") == []
    # an acronym between ordinary words, or next to another known acronym, still counts
    found = index.find("ANA soldiers and HTS ANA units met; KABUL, the ANA said.")
    assert [s.text for s in found] == ["ANA", "HTS", "ANA", "ANA"]
    # the span-local scan (the geoparser's name mask) agrees
    text = "SANTA ANA, Calif. -- police said"
    assert index.scanner(text).near(6, 9, index.probe("ANA")) == []
    text = "in Kandahar the ANA said"
    assert index.scanner(text).near(16, 19, index.probe("ANA")) == [(16, 19)]


def test_a_known_acronym_next_to_the_capitals_word_is_not_a_run() -> None:
    from eventmap.actors.words import in_capitals_run

    assert in_capitals_run("SANTA ANA", 6, 9, frozenset())
    assert not in_capitals_run("HTS ANA", 4, 7, frozenset({"HTS"}))
    assert not in_capitals_run("the ANA said", 4, 7, frozenset())
    assert not in_capitals_run("U.S. ANA", 5, 8, frozenset())  # one letter is no word


@pytest.mark.parametrize(
    "text",
    [
        "HTS fighters and Hayat Tahrir al-Sham clashed near IDLIB_2 and x9Y.",
        "IS is what the police said; HTSX, hts and HTS-run (IS).",
        "Nothing here.",
        "",
        "Ḩamāh and İstanbul: KELVIN\u212a and straße",  # not ASCII: lowered word by word
        "“IS” and the “police” of HTS’s İdlib",
    ],
)
def test_the_words_of_a_text_are_its_tokens_lowered_and_as_written(text: str) -> None:
    # only the words some index looks up: its anchors, its capitals words
    from eventmap.actors.phrases import _EXACT, _EXACT_BY_LOWER, _KNOWN
    from eventmap.actors.words import TOKEN, lowered

    default_actors()
    lower = lowered(text)
    lower_set, exact_set = frozenset(TOKEN.findall(lower)), frozenset(TOKEN.findall(text))
    assert {word for words in _EXACT_BY_LOWER.values() for word in words} == _EXACT
    assert PhraseIndex.words_of(text) == (lower, lower_set & _KNOWN, exact_set & _EXACT)


def test_an_index_built_after_a_text_was_read_finds_its_words_there() -> None:
    # the words kept of a text read before the index was built were cut down without its own
    text = "the Qzxv Brigade and QZW, not qzw"
    PhraseIndex.words_of(text)
    index = PhraseIndex({"Qzxv Brigade": ("brigade", False), "QZW": ("qzw", False)})
    assert [(s.text, s.ref) for s in index.find(text)] == [
        ("Qzxv Brigade", "brigade"),
        ("QZW", "qzw"),
    ]


def test_a_shapes_phrases_grouped_by_their_words_inside_a_span_are_the_filters() -> None:
    # probe reads a shape's phrases that fit a span by its words there (_by_words), once
    # per cut, not by filtering all of them again for every run
    from eventmap.actors.phrases import _by_words

    keys = {
        ("al", "nusra", "front"): 1,
        ("jabhat", "al", "nusra"): 2,
        ("al", "qaeda", "front"): 1,
        ("nusra", "front", "x"): 0,
    }
    for a, b in [(0, 1), (1, 2), (0, 2), (1, 3), (2, 3)]:
        groups = _by_words(keys, a, b)
        assert set(groups) == {key[a:b] for key in keys}
        for words, (group, before, after) in groups.items():
            want = {key: anchor for key, anchor in keys.items() if key[a:b] == words}
            assert group == want and list(group) == list(want)  # the shape's own order
            # the words touching a span that holds words a..b, read once per group
            assert before == {key[a - 1] for key in want if a}
            assert after == {key[b] for key in want if b < len(key)}


def test_probe_answers_do_not_depend_on_the_spans_probed_before() -> None:
    from eventmap.actors import load_actors

    spans = ["Free Syrian", "Army", "Syrian Democratic", "Police Department", "Jabhat", "Hama"]
    table = load_actors()
    warm = table._named
    answers = [warm.probe(span) for span in spans + spans[::-1]]
    for span, answer in zip(spans + spans[::-1], answers, strict=True):
        assert PhraseIndex(_phrases_of(table)).probe(span) == answer


def _phrases_of(table) -> dict:
    return {a: (actor.name, False) for actor in reversed(table.actors) for a in actor.aliases}


def test_a_run_holding_no_word_of_any_phrase_is_probed_at_once() -> None:
    # the quick answer for a run none of whose words is in a phrase is the full reading's
    from eventmap.actors import load_actors

    class _Everything:
        def isdisjoint(self, words: object) -> bool:
            return False

    table = load_actors()
    full = PhraseIndex(_phrases_of(table))
    full._probe_exact = full._probe_lower = _Everything()  # type: ignore[assignment]
    spans = ["Puyallup", "MANASSAS", "Free Syrian", "A Manassas City Police", "Police", "", "Ḩamāh"]
    for span in spans:
        assert table._named.probe(span) == full.probe(span)
    assert table._named.probe("Puyallup") == () and table._named.probe("Police") != ()
