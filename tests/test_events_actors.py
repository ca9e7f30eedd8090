"""Who did what to whom in one sentence (the stage alone)."""

from collections.abc import Callable

import pytest

from eventmap.actors import Span, default_actors, demonyms
from eventmap.events import EventExtractor
from eventmap.events.actors import not_speakers, pair, sentence_actors

MainEvent = Callable[..., dict]  # conftest.main_event: a report's deadliest dated event

TABLE = default_actors()


def _refs(sentence: str, previous: list[str] | None = None, offset: int = 0) -> list[Span]:
    return sentence_actors(sentence, offset, "SY", previous or [], TABLE, demonyms())


def _ref(phrase: str) -> str:
    return TABLE.find(phrase, "SY")[0].ref


def test_spans_are_offset_into_the_whole_text() -> None:
    spans = _refs("Syrian army units moved.", offset=50)
    assert spans[0].start == 50 and spans[0].ref == _ref("Syrian army")


def test_two_demonyms_share_one_noun() -> None:
    refs = [sp.ref for sp in _refs("Russian and Syrian warplanes struck the town.")]
    assert _ref("Russian warplanes") in refs and _ref("Syrian warplanes") in refs


def test_the_generic_word_after_a_named_group_is_that_group() -> None:
    named = _ref("HTS")
    spans = _refs("The jihadists then advanced on the town.", previous=[named])
    assert [sp.ref for sp in spans] == [named] and not spans[0].generic
    alone = _refs("The jihadists then advanced on the town.")
    assert alone[0].generic


def test_subject_before_the_trigger_target_after() -> None:
    army, rebels = _ref("Syrian army"), _ref("rebels")
    before = [Span(0, 11, "Syrian army", army)]
    after = [Span(30, 36, "rebels", rebels, True)]
    first, second = pair(before, after, TABLE)
    assert [s.ref for s in first] == [army] and [s.ref for s in second] == [rebels]
    assert pair([], after, TABLE) == ([], after)


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        ("Police said a man was shot dead near the market.", ["a man"]),
        ("Police say a woman was killed in a shooting.", ["a woman"]),
        ("According to police, a man was killed.", ["a man"]),
        ("Police shot a man, officials said.", ["Police", "a man"]),
        ("The army said its forces killed 12 militants.", ["army", "militants"]),
    ],
)
def test_who_tells_of_an_event_is_no_side_of_it(
    extractor: EventExtractor, sentence: str, kept: list[str]
) -> None:
    spans = sentence_actors(sentence, 0, "US", [], extractor.actors, extractor.demonyms)
    sides, _ = not_speakers(spans, sentence)
    assert [sp.text for sp in sides] == kept


def test_a_shooting_police_told_of_is_an_attack_by_no_one_named(main_event: MainEvent) -> None:
    row = main_event("Police said a man was shot dead in Macon, Georgia, on Monday.")
    assert (row["sub_event_type"], row["actor1"]) == (
        "Attack",
        "Unidentified Armed Group (United States)",
    )
    row = main_event("Police say a woman was killed in a shooting in Macon, Georgia, on Monday.")
    assert row["actor1"] == "Unidentified Armed Group (United States)"
    row = main_event("According to police, a man was shot dead in Macon, Georgia, on Monday.")
    assert row["sub_event_type"] == "Attack"
    # the victim, not the speaker, makes it a clash
    row = main_event("Police said an officer was shot dead in Macon, Georgia, on Monday.")
    assert row["sub_event_type"] == "Armed clash"
