"""The kit's prediction format: which of an article's events is its main one."""

import pandas as pd

from eventmap.corpus.evaluation import main_first


def _events(rows: list[tuple]) -> pd.DataFrame:
    cols = ["article_id", "row", "event_id", "n_articles", "fatalities", "_start"]
    return pd.DataFrame(rows, columns=cols)


def test_the_incident_the_text_tells_first_is_the_main_one_on_a_tie() -> None:
    # row 0 was moved ahead ('Police are also investigating a Sunday shooting', late in the
    # text); the lede's incident (row 1) is the report's
    ordered = main_first(_events([("a", 0, "e-sun", 1, 0, 640), ("a", 1, "e-tue", 1, 0, 12)]))
    assert ordered.drop_duplicates("article_id")["event_id"].tolist() == ["e-tue"]


def test_more_reports_then_more_dead_come_before_the_position() -> None:
    rows = [
        ("a", 0, "lede", 1, 0, 0),
        ("a", 1, "widely reported", 3, 0, 900),
        ("b", 0, "lede", 1, 0, 0),
        ("b", 1, "deadly", 1, 2, 500),
        ("c", 0, "unplaced in the text", 1, 0, None),
        ("c", 1, "told", 1, 0, 40),
    ]
    main = main_first(_events(rows)).drop_duplicates("article_id")["event_id"].tolist()
    assert main == ["widely reported", "deadly", "told"]
