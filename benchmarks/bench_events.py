"""Event benchmark: ACLED-coded text scored with the event kit, and the cost per KB of text.

1. Accuracy. With the kit's dev split at ``/tmp/eventeval/acled_dev.jsonl`` (see
   ``../shared/eval/acled/README.md``), every text goes through ``eventmap.batch`` (the same
   path as ``eventmap events --jsonl``) and through a naive baseline (keyword triggers, the
   first city geotext finds, geocoded offline), and the kit's own scorer prints its table for
   both, overall and by event type. Without the file it says how to get it and skips. The
   corpus and the predictions stay under /tmp: ACLED's terms forbid redistributing them.
2. Linearity. Extraction time for one article of 1 KB to 4 MB (invented conflict news,
   articles concatenated): the cost per KB should stay flat. A size is skipped once the
   previous one took over a minute (a quadratic extractor would take many more).

Run: ``python -m benchmarks.bench_events [--quick]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.tables import format_table
from eventmap.batch import PREDICTION_FIELDS

GOLD = Path("/tmp/eventeval/acled_dev.jsonl")
REPO = Path(__file__).resolve().parents[1]
SCORERS = (
    REPO.parent / "shared" / "eval" / "acled" / "score_events.py",
    Path("/work/shared/eval/acled/score_events.py"),
)
TARGETS = {
    "det": (">=", 95.0),
    "type": (">=", 85.0),
    "sub|d": (">=", 80.0),
    "loc~|d": (">=", 92.0),
    "p1>25": ("<=", 2.0),
    "fat=|d": (">=", 94.0),
    "a1/n": (">=", 85.0),
    "a1side": (">=", 80.0),
    "FP/t": ("<=", 0.10),
    "ms50": ("<=", 3.0),
    "crash": ("<=", 0),
}
SIZES_KB = (1, 16, 256, 1024, 4096)
BUDGET_S = 60.0

HOW_TO_GET = """\
ACLED dev split not found at {gold}; skipping the accuracy part (not a failure). To get it,
see ../shared/eval/acled/README.md (fetch RPanlilio/acled, then convert_acled.py).
Keep it under /tmp: never copy it into the repository."""

# The naive baseline: a keyword -> sub-event type list a newcomer would write in ten minutes.
NAIVE_KEYWORDS: tuple[tuple[str, str], ...] = (
    (r"air ?strike|airstrike|drone|warplane|bombed", "Air/drone strike"),
    (r"shell|artillery|mortar|rocket|missile", "Shelling/artillery/missile attack"),
    (r"\bIED\b|landmine|mine\b|explosive device|bomb", "Remote explosive/landmine/IED"),
    (r"grenade", "Grenade"),
    (r"clash|fight|battle|exchange of fire|firefight", "Armed clash"),
    (r"riot|vandal|stones?\b|torched", "Violent demonstration"),
    (r"protest|demonstrat|rally|march", "Peaceful protest"),
    (r"kidnap|abduct", "Abduction/forced disappearance"),
    (r"kill|shot|attack|murder|stab|beat", "Attack"),
    (r"arrest|detain", "Arrests"),
    (r"loot|burn|destroy", "Looting/property destruction"),
)
NAIVE_TYPES = {
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Armed clash": "Battles",
    "Violent demonstration": "Riots",
    "Peaceful protest": "Protests",
    "Abduction/forced disappearance": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Arrests": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
}
_NAIVE_RE = [(re.compile(p, re.IGNORECASE), sub) for p, sub in NAIVE_KEYWORDS]


def scorer() -> Any | None:
    """The kit's scorer module (pure standard library), imported from its file."""
    path = next((p for p in SCORERS if p.exists()), None)
    if path is None:
        return None
    spec = importlib.util.spec_from_file_location("score_events", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


class NaiveBaseline:
    """First keyword hit gives the type; the first city geotext finds (geocoded offline, else
    the first country) gives the place; a keyword without a place is still an event."""

    def __init__(self) -> None:
        from geotext import GeoText

        from eventmap.geocode import OfflineGeocoder

        self._geotext = GeoText
        self._geocoder = OfflineGeocoder()

    def __call__(self, article: Any) -> Any:
        import pandas as pd

        text = article.text
        sub = next((s for rx, s in _NAIVE_RE if rx.search(text)), None)
        rows = []
        if sub is not None:  # a keyword is an event, placed or not
            found = self._geotext(text)
            names = found.cities or found.countries
            loc = self._geocoder.geocode(names[0]) if names else None
            rows.append(
                {
                    "event_date": article.published.isoformat() if article.published else None,
                    "event_type": NAIVE_TYPES[sub],
                    "sub_event_type": sub,
                    "actor1": None,
                    "actor2": None,
                    "inter1": None,
                    "inter2": None,
                    "admin1": None,
                    "location": names[0] if names else None,
                    "latitude": loc.latitude if loc else None,
                    "longitude": loc.longitude if loc else None,
                    "geo_precision": 1,
                    "fatalities": 0,
                    "mention_type": "event",
                }
            )

        class _Tables:
            events = pd.DataFrame(rows, columns=list(PREDICTION_FIELDS))

        return _Tables()


def predictions(extract: Any, docs: list[dict], target: Path) -> float:
    from eventmap.batch import predict, write_lines

    start = time.perf_counter()
    write_lines(target, [json.dumps(predict(d, extract), ensure_ascii=False) for d in docs])
    return time.perf_counter() - start


def accuracy(score: Any, gold: Path = GOLD) -> int:
    from eventmap.batch import read_texts
    from eventmap.events import EventExtractor

    docs = read_texts(gold)
    gold_rows = score.load_jsonl(gold)
    with tempfile.TemporaryDirectory(prefix="eventmap-bench-events-") as tmp:
        systems = {}
        extractor = EventExtractor()
        extractor.extract(_article("On 1 May 2020, the army shelled Idlib."))  # warm-up
        for name, extract in (("eventmap", extractor.extract), ("naive", NaiveBaseline())):
            target = Path(tmp) / f"{name}.jsonl"
            seconds = predictions(extract, docs, target)
            print(f"{name}: {len(docs)} texts in {seconds:.1f} s", flush=True)
            systems[name] = {p["text_id"]: p for p in score.load_jsonl(target)}
    scored = {
        name: [(g, score.score_row(g, preds.get(g["text_id"]))) for g in gold_rows]
        for name, preds in systems.items()
    }
    lines = [
        (f"all/{name}", score.summarize([r for _, r in rows])) for name, rows in scored.items()
    ]
    score.print_table(f"ACLED dev ({len(gold_rows)} rows), kit scorer", lines)
    by_type: dict[str, int] = {}
    for g in gold_rows:
        by_type[g["gold"]["event_type"]] = by_type.get(g["gold"]["event_type"], 0) + 1
    lines = []
    for etype, _ in sorted(by_type.items(), key=lambda kv: -kv[1]):
        for name, rows in scored.items():
            sel = [r for g, r in rows if g["gold"]["event_type"] == etype]
            lines.append((f"{etype}/{name}", score.summarize(sel)))
    score.print_table("by event type", lines)
    ours = dict(lines and score.summarize([r for _, r in scored["eventmap"]]))
    print("\nTargets (issue 10), eventmap:")
    rows = []
    for col, (op, want) in TARGETS.items():
        got = ours[col].strip()
        value = float(got) if got not in ("-", "") else None
        ok = value is not None and (value >= want if op == ">=" else value <= want)
        rows.append((col, got, f"{op} {want}", "met" if ok else "NOT met"))
    print(format_table(("metric", "eventmap", "target", ""), rows))
    return 0


def _article(text: str) -> Any:
    from eventmap.article import Article

    return Article(id="bench", text=text, published=dt.date(2020, 5, 1))


def linearity(sizes_kb: tuple[int, ...]) -> list[tuple[str, ...]]:
    from benchmarks.bench_geoparse import make_articles, text_of_size
    from eventmap.events import EventExtractor

    extractor = EventExtractor()
    articles = make_articles(40)
    extractor.extract(_article(articles[0]))
    rows = []
    last = 0.0
    for kb in sizes_kb:
        if last > BUDGET_S:
            rows.append((f"{kb:,} KB", "skipped", "-", "-", "previous size over budget"))
            continue
        text = text_of_size(articles, kb * 1024)
        start = time.perf_counter()
        tables = extractor.extract(_article(text))
        last = time.perf_counter() - start
        real_kb = len(text.encode()) / 1024
        rows.append(
            (
                f"{kb:,} KB",
                f"{last:.3f}",
                f"{last / real_kb * 1000:.2f}",
                f"{len(tables.events):,}",
                "",
            )
        )
    return rows


def main(quick: bool = False) -> int:
    score = scorer()
    if GOLD.exists() and score is not None:
        accuracy(score)
    else:
        print(HOW_TO_GET.format(gold=GOLD))
    sizes = SIZES_KB[:3] if quick else SIZES_KB
    print("\nEvent extraction cost by text size (one article, invented conflict news, warm):")
    print(format_table(("text size", "seconds", "ms per KB", "events", "note"), linearity(sizes)))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 256 KB only")
    raise SystemExit(main(quick=parser.parse_args().quick))
