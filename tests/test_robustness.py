"""No input text crashes the parser or the extractor; unresolved places are reported."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap.article import article_from_text
from eventmap.events import extract_events
from eventmap.geoparse import geoparse

PLACES = [
    "Homs",
    "Hama",
    "Aleppo province",
    "the city of Hama",
    "Daraa",
    "Kafr Qwx",
    "SANA",
    "Reading",
    "Frederick R Cook",
    "Syrian",
    "US",
    "Türkiye",
    "<b>Idlib</b>",
]
WORDS = [
    "On Saturday",
    "airstrikes",
    "shelling",
    "killed",
    "dozens",
    "in",
    "near",
    "the army",
    "HTS",
    "<script>alert(1)</script>",
    "&amp;",
    "\u200f",
    "\x00",
    "—",
    "“",
    "”",
    ".",
]


def _check(text: str) -> None:
    for m in geoparse(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.resolved == (m.latitude is not None)
        if not m.resolved:
            assert m.reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_random_unicode(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PLACES + WORDS), max_size=60).map(" ".join))
def test_newsy_soup(text: str) -> None:
    _check(text)
    t = extract_events(article_from_text(text or "x", {"published": "2024-12-07"}))
    assert t.events["quote"].notna().all()


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300))
def test_binary_junk(data: bytes) -> None:
    _check(data.decode("utf-8", errors="replace"))
    _check(data.decode("latin-1"))


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet=string.printable + "<>/=\"'", max_size=300))
def test_html_markup(text: str) -> None:
    _check(f"<html><body><p>{text}</p><a href='javascript:x'>Homs</a></body></html>")


def test_one_megabyte_of_text() -> None:
    para = (
        "On Saturday, Syrian army artillery shelled Idlib and the countryside of Homs, "
        "killing dozens. Frederick R Cook reported from Reading. "
    )
    text = para * (1_000_000 // len(para))
    mentions = geoparse(text)
    assert len(mentions) > 10_000
