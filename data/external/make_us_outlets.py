#!/usr/bin/env python
"""Rebuild src/eventmap/resources/us_outlets.tsv (US local outlets' web addresses and TV call
signs -> the state they serve, and their home city where the directories agree on one).

Sources, both MIT-licensed directories of US newspapers, TV and radio stations:
- Leon Yin's Local News Dataset (github.com/yinleon/LocalNewsDataset, commit
  d97f2f86aa7da3813f6e388e637f9e7350e53178, data/local_news_dataset_2018.csv), compiled in
  2018 from usnpl.com, stationindex.com and the station groups' own lists: address, call
  sign, state.
- Local Memory (github.com/harvard-lil/local-memory, commit
  75b201e6fb71219eb97286fbe9cea77f4671b4bb, LocalMemoryProject/Sources/USA/usa.json; ODU
  Web Science / Digital Libraries Research Group): address, state, city or county.

Not part of the build: run it by hand after cloning both repositories:

    python path/to/data/external/make_us_outlets.py \\
        LocalNewsDataset/data/local_news_dataset_2018.csv \\
        local-memory/LocalMemoryProject/Sources/USA/usa.json

Kept: a web address (without 'www.') or a call sign ('WTKR', '-TV'/'-DT'/'-CD' and '*'
dropped) that the directories give to exactly one state; a network's address shared by
stations in several states ('cbslocal.com') says nothing and is left out, and so are a few
national papers listed under their home state ('nytimes.com'). The city only
where every listing of the address names the same one, and never for an address listed
with a path (a section of a bigger paper's site).
"""

import csv
import json
import os
import re
import sys
from collections import defaultdict

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(REPO, "src", "eventmap", "resources", "us_outlets.tsv")
STATES = os.path.join(REPO, "src", "eventmap", "resources", "us_states.tsv")
HEADER = """\
# US local outlets -> the state they serve: a web address ('wtkr.com') or a TV station's call
# sign ('WTKR'), tab, the state's postal code, tab, the outlet's city when known (else
# empty). Only keys the directories give one state.
# Sources (both MIT licence): Local News Dataset 2018 by Leon Yin
# (github.com/yinleon/LocalNewsDataset, commit d97f2f8; from usnpl.com, stationindex.com and
# station groups' lists) and Local Memory by ODU Web Science / Digital Libraries Research
# Group (github.com/harvard-lil/local-memory, commit 75b201e, usa.json).
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
# National papers the directories list under their home state: a national story's state
# is not theirs.
NATIONAL = {"nydailynews.com", "nytimes.com", "usatoday.com", "washingtonpost.com", "wsj.com"}
CALL_SIGN = re.compile(r"^([KW][A-Z]{2,3})(?:-(?:TV|DT|CD|LD|LP|CA))?\*?$")


def codes() -> set[str]:
    with open(STATES, encoding="utf-8") as fh:
        return {line.split("\t")[0] for line in fh if line.strip() and not line.startswith("#")}


def _address(url: str) -> tuple[str, bool]:
    """The web address without scheme and 'www.', and whether a path followed it."""
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    host, _, path = url.partition("/")
    return host.removeprefix("www."), bool(path.strip("/"))


def main(yin_csv: str, local_memory_json: str) -> None:
    valid = codes()
    states: dict[str, set[str]] = defaultdict(set)
    cities: dict[str, set[str]] = defaultdict(set)
    with open(yin_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            state = row["state"].strip().upper()  # 'NATIONAL', 'IL/IA': kept, to tell ambiguity
            domain = row["domain"].strip().lower().removeprefix("www.")
            if domain and "." in domain and "/" not in domain and domain not in PLATFORMS:
                states[domain].add(state)
            if row["medium"] == "TV station":
                m = CALL_SIGN.match(row["name"].strip().upper())
                if m:
                    states[m.group(1)].add(state)
    with open(local_memory_json, encoding="utf-8") as fh:
        directory = json.load(fh)
    for state, media in directory.items():
        for kind in ("newspaper", "tv", "radio"):
            for outlet in media.get(kind) or ():
                domain, with_path = _address(outlet.get("website") or "")
                if not domain or "." not in domain or domain in PLATFORMS:
                    continue
                states[domain].add(state.upper())
                city = (outlet.get("city-county-name") or "").strip()
                cities[domain].add("" if with_path or "\t" in city else city)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(HEADER)
        n = 0
        for key in sorted(states):
            if len(states[key]) != 1 or not states[key] <= valid or key in NATIONAL:
                continue
            city = cities.get(key, set())
            city_name = next(iter(city)) if len(city) == 1 else ""
            fh.write(f"{key}\t{next(iter(states[key]))}\t{city_name}\n")
            n += 1
    print(f"{n} outlets -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
