"""The output tables: ACLED columns, precision, notes and stable ids (the stage alone)."""

from eventmap.article import article_from_text
from eventmap.events.frame import NAMESAKE_PRECISION, _geo_precision, mentions_frame
from eventmap.events.model import stable_id
from eventmap.geoparse import Mention, geoparse
from eventmap.schema import MENTION_COLUMNS


def _place(**kw) -> Mention:
    return Mention(0, 4, kw.pop("text", "Hama"), "event_location", True, **kw)


def test_geo_precision_follows_acled() -> None:
    assert _geo_precision(_place(kind="admin1")) == 3
    assert _geo_precision(_place(kind="city", qualifier="direction")) == 2
    assert _geo_precision(_place(kind="city", qualifier_text="the city of")) == 1
    assert _geo_precision(_place(kind="city", admin1="Hama")) == NAMESAKE_PRECISION
    assert _geo_precision(_place(kind="city", text="Salamiyah", admin1="Hama")) == 1


def test_ids_are_stable_and_short() -> None:
    assert stable_id("a", "b") == stable_id("a", "b") != stable_id("a", "c")
    assert len(stable_id("x")) == 12


def test_mentions_frame_has_every_mention_and_its_sentence() -> None:
    text = "Shelling hit Homs. Officials in Narnia said nothing."
    article = article_from_text(text, {"id": "t"})
    frame = mentions_frame(geoparse(text), article.id, text)
    assert list(frame.columns) == list(MENTION_COLUMNS)
    assert frame.loc[frame["text"] == "Homs", "sentence"].item() == "Shelling hit Homs."
    assert mentions_frame([], "t").empty
