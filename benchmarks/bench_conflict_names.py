"""Domain check: do conflict place names, as the news spells them, land on the right town?

Each name in ``conflict_names.tsv`` (Syria, Iraq, Lebanon, Gaza and the West Bank, Yemen,
Ukraine and Russia, Sudan, the Sahel, Somalia, DR Congo, Ethiopia, Myanmar, Afghanistan,
Nigeria, Mozambique, Haiti) is geoparsed in the same neutral sentence, with no other context,
and classed:

- right: the mention covers the whole name and its point lies in an expected country within the
  row's tolerance of the town (a border camp that GeoNames codes to the neighbour counts when
  within 3 km); the same-named governorate is not the town;
- partial: right place, but the mention covers only part of the name ('Bab' of 'al-Bab');
- wrong: a point somewhere else - the case that matters, a wrong dot on a conflict map;
- missing: nothing placed (unresolved or not found): the offline data lacks the place.

Run: ``python -m benchmarks.bench_conflict_names``.
"""

from __future__ import annotations

import argparse
import math
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.tables import format_table

NAMES = Path(__file__).with_name("conflict_names.tsv")
SENTENCE = "Clashes were reported in {name} on Monday, residents said."
BORDER_KM = 3.0


def load(path: Path = NAMES) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, codes, lat, lon, tol, *note = line.split("\t")
        rows.append(
            {
                "name": name,
                "codes": set(codes.split(",")),
                "lat": float(lat),
                "lon": float(lon),
                "tol": float(tol),
                "note": note[0] if note else "",
            }
        )
    return rows


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def classify(parser: Any, row: dict[str, Any]) -> tuple[str, str]:
    """(class, what the parser said) for one name."""
    text = SENTENCE.format(name=row["name"])
    start = text.index(row["name"])
    end = start + len(row["name"])
    placed = [
        m
        for m in parser.parse(text)
        if m.resolved and m.latitude is not None and m.start < end and start < m.end
    ]
    if not placed:
        return "missing", "-"
    whole = [m for m in placed if m.start <= start and m.end >= end]
    m = (whole or placed)[0]
    km = _km(row["lat"], row["lon"], m.latitude, m.longitude)
    said = f"{m.text} -> {m.name}, {m.country_code} ({m.kind}), {km:,.0f} km off"
    near = km <= row["tol"]
    right = near and (m.country_code in row["codes"] or km <= BORDER_KM) and m.kind != "admin1"
    if not right:
        return "wrong", said
    return ("right" if whole else "partial"), said


def main(quick: bool = False) -> int:
    from eventmap.geoparse import Geoparser

    rows = load()
    parser = Geoparser()
    classes: Counter[str] = Counter()
    wrong: list[tuple[str, str, str]] = []
    for row in rows:
        cls, said = classify(parser, row)
        classes[cls] += 1
        if cls == "wrong":
            wrong.append((row["name"], ",".join(sorted(row["codes"])), said))
    total = len(rows)
    print(
        f"Conflict place names: {total} names as news English spells them, each alone in "
        f'"{SENTENCE}" (no context); {NAMES.name}'
    )
    order = ("right", "partial", "wrong", "missing")
    print(
        format_table(
            ("class", "names", "share"),
            [(c, f"{classes[c]}", f"{classes[c] / total:.1%}") for c in order],
        )
    )
    if wrong:
        print("wrong dots (the ones that matter):")
        print(format_table(("name", "expected", "eventmap said"), wrong))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _parser.add_argument("--quick", action="store_true", help="same as without: it is fast")
    raise SystemExit(main(_parser.parse_args().quick))
