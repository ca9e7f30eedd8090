#!/usr/bin/env python
"""Rebuild src/eventmap/resources/us_outlets.tsv (US local outlets' web addresses and TV call
signs -> the state they serve).

Source: Leon Yin's Local News Dataset (github.com/yinleon/LocalNewsDataset, commit
d97f2f86aa7da3813f6e388e637f9e7350e53178, data/local_news_dataset_2018.csv; MIT licence),
a directory of US newspapers, magazines and TV stations by state compiled in 2018 from
usnpl.com, stationindex.com and the station groups' own lists. Not part of the build: run it
by hand after cloning that repository:

    git clone https://github.com/yinleon/LocalNewsDataset && cd LocalNewsDataset/data
    python path/to/data/external/make_us_outlets.py local_news_dataset_2018.csv

Kept: a web address (without 'www.') or a call sign ('WTKR', '-TV'/'-DT'/'-CD' and '*'
dropped) that the directory gives to exactly one state; a network's address shared by
stations in several states ('cbslocal.com') says nothing and is left out.
"""

import csv
import os
import re
import sys
from collections import defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, "src", "eventmap", "resources", "us_outlets.tsv")
STATES = os.path.join(REPO, "src", "eventmap", "resources", "us_states.tsv")
HEADER = """\
# US local outlets -> the state they serve: a web address ('wtkr.com') or a TV station's call
# sign ('WTKR'), tab, the state's postal code. Only keys the directory gives one state.
# Source: Local News Dataset 2018 by Leon Yin (github.com/yinleon/LocalNewsDataset, commit
# d97f2f8, MIT licence), from usnpl.com, stationindex.com and station groups' lists.
# Regenerate with data/external/make_us_outlets.py.
"""
# Platforms that host outlets of every state: never one outlet's address.
PLATFORMS = {
    "aol.com",
    "blogspot.com",
    "facebook.com",
    "go.com",
    "google.com",
    "instagram.com",
    "msn.com",
    "patch.com",
    "tumblr.com",
    "twitter.com",
    "wix.com",
    "wordpress.com",
    "yahoo.com",
    "youtube.com",
}
CALL_SIGN = re.compile(r"^([KW][A-Z]{2,3})(?:-(?:TV|DT|CD|LD|LP|CA))?\*?$")


def codes() -> set[str]:
    with open(STATES, encoding="utf-8") as fh:
        return {line.split("\t")[0] for line in fh if line.strip() and not line.startswith("#")}


def main(path: str) -> None:
    valid = codes()
    seen: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            state = row["state"].strip().upper()  # 'NATIONAL', 'IL/IA': kept, to tell ambiguity
            domain = row["domain"].strip().lower().removeprefix("www.")
            if domain and "." in domain and "/" not in domain and domain not in PLATFORMS:
                seen[domain].add(state)
            if row["medium"] == "TV station":
                m = CALL_SIGN.match(row["name"].strip().upper())
                if m:
                    seen[m.group(1)].add(state)
    rows = sorted(
        (key, next(iter(states)))
        for key, states in seen.items()
        if len(states) == 1 and states <= valid
    )
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        for key, state in rows:
            fh.write(f"{key}\t{state}\n")
    print(f"{len(rows)} outlets -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
