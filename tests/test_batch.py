import json

import pytest

from eventmap.batch import PREDICTION_FIELDS, events_jsonl, predict
from eventmap.errors import InvalidInput


def _write(path, docs):
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")


def test_each_text_becomes_one_prediction_line(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(
        src,
        [
            {
                "id": "a",
                "text": "On 2 March 2021, soldiers shelled Idlib.",
                "published": "2021-03-02",
            },
            {"text_id": "b", "text": "Nothing happened here.", "published": "2021-03-02"},
        ],
    )
    assert events_jsonl(src, out, progress=False) == 2
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["text_id"] for x in lines] == ["a", "b"]
    assert all(x["crash"] is None and x["ms"] >= 0 for x in lines)
    for event in lines[0]["events"]:
        assert set(PREDICTION_FIELDS) <= set(event)


def test_a_crash_is_recorded_for_its_text_only():
    def boom(article):
        raise RuntimeError("exploded")

    line = predict({"_id": "x", "text": "t", "published": "2021-01-01"}, boom)
    assert line["crash"] == "RuntimeError: exploded" and line["events"] == []


def test_a_malformed_line_stops_before_anything_is_written(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text('{"id": "a", "text": "fine"}\n{not json\n', encoding="utf-8")
    with pytest.raises(InvalidInput, match="2"):
        events_jsonl(src, out, progress=False)
    assert not out.exists()
    src.write_text('{"id": "a", "txt": "no text field"}\n', encoding="utf-8")
    with pytest.raises(InvalidInput):
        events_jsonl(src, out, progress=False)
