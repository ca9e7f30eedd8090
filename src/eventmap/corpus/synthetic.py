"""Invented multi-outlet news reports of invented incidents, for tests and benchmarks.

Each incident (a real Syrian town, a day, a type, a toll) is reported by one to four
outlets that word it differently, round the toll differently, and sometimes republish a
wire copy word for word; so merging, near-duplicate detection and the fatality range all
have work to do. Nothing here describes a real event.

A bigger corpus covers a longer period, as a real one does (a monitor's archive grows by
the day, not by piling more reports on the same days): about ``PER_DAY`` reports a day,
so incidents, and the merged events, grow with the corpus while the reports of one town
and week stay as many as in a small corpus. Stage B's blocks (area x week) then hold as
much at 100,000 articles as at 10,000, which is what a memory benchmark must exercise.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
from collections.abc import Iterator
from pathlib import Path

from eventmap.synthetic import TOWNS

OUTLETS = (
    "Wire One",
    "Daily Courier",
    "Levant Monitor",
    "Evening Post",
    "Radio North",
    "City Herald",
    "Observer Desk",
    "Frontline News",
)
_KINDS = (
    ("shelling on {town}", "Shelling/artillery/missile attack"),
    ("air strikes on {town}", "Air/drone strike"),
    ("clashes in {town}", "Armed clash"),
    ("a car bomb in {town}", "Remote explosive/landmine/IED"),
)
_LEADS = (
    "{what_cap} killed {n} people on {date}, {outlet} reported.",
    "On {date}, {what} killed at least {n} people, according to local sources.",
    "{n_cap} people were killed when {what} on {date}, witnesses told {outlet}.",
)
_FILLER = (
    "Residents said the situation remained tense.",
    "Rescue teams were searching the rubble for survivors.",
    "The report could not be independently verified.",
    "Local officials called for calm.",
    "Schools in the area were closed for the rest of the week.",
)
PER_DAY = 40  # reports a day: ~18 incidents over 23 towns, most of them alone on their town-day
MIN_DAYS = 120  # a small corpus still spreads over four months
_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine")


def span_days(n_articles: int) -> int:
    """Days the corpus covers: ``PER_DAY`` reports a day, at least ``MIN_DAYS``."""
    return max(MIN_DAYS, -(-n_articles // PER_DAY))


def reports(n_articles: int, seed: int = 0, start: dt.date = dt.date(2018, 1, 1)) -> Iterator[dict]:
    """``n_articles`` JSON-able records ``{id, text, title, outlet, url, published, incident}``
    (the same arguments give the same records)."""
    rng = random.Random(seed)
    days = span_days(n_articles)
    made = 0
    incident = 0
    while made < n_articles:
        town, _gov, _lat, _lon = TOWNS[rng.randrange(len(TOWNS))]
        day = start + dt.timedelta(days=rng.randrange(days))
        phrase, _sub = _KINDS[rng.randrange(len(_KINDS))]
        toll = rng.randrange(2, 10)
        outlets = rng.sample(OUTLETS, k=min(rng.choice((1, 1, 2, 3, 4)), n_articles - made))
        wire = None
        for outlet in outlets:
            if wire is not None and rng.random() < 0.3:
                text = wire  # a republication, word for word
            else:
                n = max(1, toll + rng.choice((0, 0, 0, -1, 1)))
                what = phrase.format(town=town)
                lead = _LEADS[rng.randrange(len(_LEADS))].format(
                    what=what,
                    what_cap=what[0].upper() + what[1:],
                    n=n,
                    n_cap=(_NUMBERS[n - 2] if 2 <= n <= 9 else str(n)).capitalize(),
                    date=f"{day.day} {day:%B %Y}",
                    outlet=outlet,
                )
                body = " ".join(rng.sample(_FILLER, k=3))
                text = f"{lead} {body}"
                wire = wire or text
            published = day + dt.timedelta(days=rng.choice((0, 1, 1, 2)))
            yield {
                "id": f"syn-{seed}-{made:07d}",
                "title": f"{town}: {toll} killed",
                "text": text,
                "outlet": outlet,
                "url": f"https://example.org/{made}",
                "published": published.isoformat(),
                "incident": f"inc-{seed}-{incident:07d}",
            }
            made += 1
            if made >= n_articles:
                return
        incident += 1


def write_jsonl(path: str | Path, n_articles: int, seed: int = 0) -> Path:
    """Write the reports as JSON Lines (gzip when the name ends with .gz)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for rec in reports(n_articles, seed):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path
