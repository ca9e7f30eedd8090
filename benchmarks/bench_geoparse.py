"""Geoparser benchmark: throughput on synthetic news articles, and linearity in text size.

- throughput: articles/s in one process on 2,000 distinct synthetic ~600-word English news
  articles (fixed seed), for eventmap's ``Geoparser().parse`` (warm: parser built once, one
  warm-up article) and for geotext's ``GeoText(text)`` as a reference, timed in the same run.
  Target: >= 1,000 articles/s for eventmap.
- linearity: parse time for texts of 1 KB, 10 KB, 100 KB and 1 MB (articles concatenated);
  the cost per KB should stay roughly flat.

The articles are invented: a template mixing place names in the shapes news uses ('Homs',
'Aleppo province', 'the city of Hama', 'the outskirts of Idlib'), people, organisations,
numbers and dates. The parser's resolution cache is kept across articles, as in real use.
Run: ``python -m benchmarks.bench_geoparse [--quick] [--profile]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks.tables import format_table

SEED = 7
REAL_CORPUS = "/tmp/geoeval/gwn_dev.jsonl"
N_ARTICLES = 2_000
TARGET_ARTICLES_PER_S = 1_000.0
SIZES_KB = (1, 10, 100, 1_000)
PLACE_SHARE = 0.35  # share of body sentences drawn from the ones naming places

# Places as news English writes them; resolvable by the gazetteer unless marked otherwise.
TOWNS = (
    "Homs",
    "Aleppo",
    "Hama",
    "Idlib",
    "Damascus",
    "Douma",
    "Raqqa",
    "Deir ez-Zor",
    "Palmyra",
    "Latakia",
    "Tartus",
    "Daraa",
    "Qamishli",
    "Manbij",
    "Kobani",
    "Saraqib",
    "Jisr al-Shughur",
    "Maarat al-Numan",
    "Al-Bab",
    "Azaz",
    "Afrin",
    "Tal Abyad",
    "Ras al-Ain",
    "Salamiyah",
    "Rastan",
    "Talbiseh",
    "Mayadin",
    "Abu Kamal",
    "Suwayda",
    "Quneitra",
    "Baghdad",
    "Mosul",
    "Kirkuk",
    "Erbil",
    "Basra",
    "Fallujah",
    "Ramadi",
    "Tikrit",
    "Beirut",
    "Tripoli",
    "Sidon",
    "Tyre",
    "Amman",
    "Irbid",
    "Gaziantep",
    "Kilis",
    "Hatay",
    "Sanliurfa",
    "Kabul",
    "Kandahar",
    "Herat",
    "Kunduz",
    "Jalalabad",
    "Sanaa",
    "Aden",
    "Taiz",
    "Hodeidah",
    "Marib",
    "Mogadishu",
    "Kismayo",
    "Baidoa",
    "Maiduguri",
    "Kano",
    "Abuja",
    "Lagos",
    "Goma",
    "Bunia",
    "Beni",
    "Kharkiv",
    "Donetsk",
    "Mariupol",
    "Odesa",
    "Kherson",
    "Bakhmut",
    "Kyiv",
    "Lviv",
)
PROVINCES = (
    "Aleppo",
    "Homs",
    "Hama",
    "Idlib",
    "Daraa",
    "Raqqa",
    "Deir ez-Zor",
    "Latakia",
    "Nineveh",
    "Anbar",
    "Kirkuk",
    "Helmand",
    "Kandahar",
    "Nangarhar",
    "Borno",
    "Kano",
    "Donetsk",
    "Kharkiv",
)
COUNTRIES = (
    "Syria",
    "Iraq",
    "Lebanon",
    "Jordan",
    "Turkey",
    "Afghanistan",
    "Yemen",
    "Somalia",
    "Nigeria",
    "Ukraine",
    "Russia",
    "Iran",
    "Israel",
    "Egypt",
    "France",
    "Germany",
)
CAPITALS = ("Damascus", "Baghdad", "Ankara", "Moscow", "Tehran", "Washington", "Kyiv", "Kabul")
FIRST = (
    "Ahmad",
    "Mohammed",
    "Fatima",
    "Omar",
    "Layla",
    "Hassan",
    "Sara",
    "Yusuf",
    "Rami",
    "Nour",
    "John",
    "Maria",
    "David",
    "Anna",
    "Peter",
    "Olena",
    "Ibrahim",
    "Khalid",
    "Amina",
    "Tariq",
)
LAST = (
    "Haddad",
    "Khoury",
    "Mansour",
    "Saleh",
    "Nasser",
    "Abboud",
    "Darwish",
    "Hamdan",
    "Jaber",
    "Smith",
    "Miller",
    "Kovalenko",
    "Petrenko",
    "Rahman",
    "Yousef",
    "Karimi",
    "Okafor",
    "Bello",
)
ORGS = (
    "Syrian Observatory for Human Rights",
    "United Nations",
    "World Food Programme",
    "International Committee of the Red Cross",
    "Syrian Arab Red Crescent",
    "Norwegian Refugee Council",
    "Doctors Without Borders",
    "Human Rights Watch",
    "Amnesty International",
    "European Union",
    "World Health Organization",
)
AGENCIES = ("Reuters", "AFP", "AP", "SANA", "Anadolu")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DIRECTIONS = ("north", "south", "east", "west", "northeast", "southwest")

SENTENCES = (
    "{person}, a spokesman for the {org}, said {n} people were killed in {town} on {weekday}.",
    "Shelling hit the city of {town} in {province} province, according to the {org}.",
    "Clashes erupted near {town}, about {km} kilometres {direction} of {town2}, residents said.",
    "The government in {capital} denied the reports, calling them fabricated.",
    "{n} families fled towards {town} after air strikes on the outskirts of {town2}.",
    "In a statement, the {org} said it had documented {n} violations in {province} province "
    "since {month}.",
    "Aid convoys reached {town} on {weekday}, the first since {month}, officials said.",
    "The figures could not be independently verified.",
    "Prices of bread and fuel have risen by {n} percent over the past year, traders said.",
    "{person} told {agency} by telephone that the situation in {town} was desperate.",
    "{country} has accused rival forces of breaking the ceasefire agreed in {month}.",
    "A car bomb exploded at a checkpoint in the {direction} of {province} province, "
    "killing {n} fighters and wounding {n2} civilians.",
    "Hospitals in {town} and {town2} are running short of fuel, the {org} warned.",
    "Residents of {town} said the road to {town2} had been closed for {n} days.",
    "The offensive, launched on {weekday} {day} {month}, aims to retake {town}.",
    "Local councils in rural {province} reported {n} new arrivals from {town}.",
    "{person}, who fled {town} in {year}, now lives with her children in {town2}.",
    "Negotiators from {country} and {country2} are expected to meet again next week.",
    "The {org} has appealed for {n} million dollars to fund its operations this year.",
    "Drones struck positions west of {town} overnight, killing at least {n} people.",
    "Fighting around {town} has displaced more than {n},000 people since {month}, according "
    "to the {org}.",
    "Officials in {capital} said talks with {country} would continue.",
    "The market in {town} reopened on {weekday} after weeks of closures and power cuts.",
    "Teachers in {town} have not been paid since {month}, the local education office said.",
    "Witnesses described scenes of panic as sirens sounded across {town} shortly after dawn.",
    "{person} of the {org} said water stations in {province} province were badly damaged.",
)
# Sentences without place names (people, organisations, numbers, dates): real news is
# mostly these, about 19 toponyms per 600 words in GeoWebNews.
PLAIN = (
    "The figures could not be independently verified.",
    "Prices of bread and fuel have risen by {n} percent over the past year, traders said.",
    "{person}, a {n2}-year-old teacher, said she had not slept for two nights.",
    "The {org} said it was working to reach those in need but that access remained limited.",
    "Neither side commented on the claims when contacted on {weekday}.",
    "About {n} trucks carrying food, medicine and blankets were waiting to cross, the {org} said.",
    "{person} said the family had spent {n2} days without electricity or running water.",
    "Analysts say the fighting is unlikely to end before the winter, when roads become "
    "impassable and supplies run low.",
    "The death toll is expected to rise as rescue teams search the rubble.",
    "{person}, an analyst at a research group, said both sides were trying to gain ground "
    "before the talks resume.",
    "Most of those killed were civilians, including {n2} children, according to medical sources.",
    "The {org} called on all parties to respect international humanitarian law and protect "
    "civilians.",
    "Power cuts now last up to {n2} hours a day, and many families rely on generators.",
    "The ministry did not respond to a request for comment on {weekday} {day} {month}.",
    "Footage shared on social media appeared to show smoke rising over residential buildings.",
    "{person} and {person2} were among {n} people detained at a checkpoint in {month}, "
    "relatives said.",
    "Schools have been closed since {month} and exams were postponed until further notice.",
    "Some {n},000 people depend on aid deliveries, a figure that has doubled since {year}.",
)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        person=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        person2=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        org=rng.choice(ORGS),
        agency=rng.choice(AGENCIES),
        town=rng.choice(TOWNS),
        town2=rng.choice(TOWNS),
        province=rng.choice(PROVINCES),
        country=rng.choice(COUNTRIES),
        country2=rng.choice(COUNTRIES),
        capital=rng.choice(CAPITALS),
        weekday=rng.choice(WEEKDAYS),
        month=rng.choice(MONTHS),
        direction=rng.choice(DIRECTIONS),
        n=rng.randint(2, 400),
        n2=rng.randint(2, 90),
        km=rng.randint(3, 60),
        day=rng.randint(1, 28),
        year=rng.randint(2011, 2023),
    )


def make_article(rng: random.Random, words: int = 600) -> str:
    """One invented news article of about ``words`` words: headline, dateline, paragraphs."""
    town = rng.choice(TOWNS)
    headline = (
        f"{rng.randint(3, 60)} killed as fighting spreads around {town} in "
        f"{rng.choice(PROVINCES)} province"
    )
    byline = f"By {rng.choice(FIRST)} {rng.choice(LAST)}"
    lede = (
        f"{town.upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} ({rng.choice(AGENCIES)}) - "
        + _fill(rng.choice(SENTENCES), rng)
    )
    paragraphs = [headline, byline, lede]
    count = sum(len(p.split()) for p in paragraphs)
    while count < words:
        para = " ".join(
            _fill(rng.choice(SENTENCES if rng.random() < PLACE_SHARE else PLAIN), rng)
            for _ in range(rng.randint(2, 4))
        )
        paragraphs.append(para)
        count += len(para.split())
    return "\n\n".join(paragraphs)


def make_articles(n: int = N_ARTICLES, seed: int = SEED) -> list[str]:
    rng = random.Random(seed)
    articles: list[str] = []
    seen: set[str] = set()
    while len(articles) < n:
        article = make_article(rng)
        if article not in seen:
            seen.add(article)
            articles.append(article)
    return articles


def text_of_size(articles: list[str], size: int) -> str:
    """Articles concatenated and cut at a word boundary to about ``size`` bytes."""
    parts: list[str] = []
    total = 0
    for article in _cycle(articles):
        parts.append(article)
        total += len(article.encode()) + 2
        if total >= size:
            break
    text = "\n\n".join(parts).encode()[:size].decode(errors="ignore")
    cut = text.rfind(" ")
    return text[:cut] if cut > size // 2 else text


def _cycle(items: list[str]):
    while True:
        yield from items


def _time_each(fn: Callable[[str], Any], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return time.perf_counter() - start


def throughput(articles: list[str], geotext_n: int) -> dict[str, Any]:
    from geotext import GeoText

    from eventmap.geoparse import Geoparser

    t0 = time.perf_counter()
    parser = Geoparser()
    parser.parse(articles[0])  # warm-up: opens the gazetteer, loads vocabularies
    warmup = time.perf_counter() - t0
    bench = articles[1:]
    mentions = sum(len(parser.parse(a)) for a in bench[:50])
    ours_s = _time_each(parser.parse, bench)

    GeoText(articles[0])  # warm-up: geotext builds its index on first use
    ref = bench[:geotext_n]
    ref_s = _time_each(GeoText, ref)
    ref_found = sum(len(GeoText(a).cities) + len(GeoText(a).countries) for a in ref[:50])

    real = _real_articles()
    real_s = _time_each(parser.parse, real) if real else None
    return {
        "real_n": len(real),
        "real_s": real_s,
        "real_kb": statistics.mean(len(a.encode()) for a in real) / 1024 if real else None,
        "warmup_s": warmup,
        "ours_n": len(bench),
        "ours_s": ours_s,
        "ours_mentions_per_article": mentions / 50,
        "ref_n": len(ref),
        "ref_s": ref_s,
        "ref_found_per_article": ref_found / 50,
        "words": statistics.mean(len(a.split()) for a in bench),
        "kb": statistics.mean(len(a.encode()) for a in bench) / 1024,
        "parser": parser,
    }


def _real_articles() -> list[str]:
    """GeoWebNews dev texts if present under /tmp (timing only; never stored or copied)."""
    import json
    from pathlib import Path

    path = Path(REAL_CORPUS)
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def linearity(parser: Any, articles: list[str], sizes_kb: tuple[int, ...]) -> list[dict]:
    """Parse time per size, best of 3 batches (a batch repeats small texts for >= 0.2 s).

    The best batch is reported because other work on the machine only ever adds time. Each
    size is timed twice: as it runs, and with CPython's cyclic garbage collector paused. A
    1 MB parse keeps enough objects alive to set off a full collection, which walks every
    object in the process (libraries included) and adds a fixed ~50 ms; small texts mostly
    escape it in their best batch. The paused column shows the parser's own cost.
    """
    rows = []
    for kb in sizes_kb:
        text = text_of_size(articles, kb * 1024)
        parser.parse(text)  # warm: no first-time resolutions in the timed runs
        real_kb = len(text.encode()) / 1024
        row: dict[str, Any] = {"kb": kb}
        for label, paused in (("", False), ("_gc_paused", True)):
            best, runs = _best_batch(parser, text, paused)
            row[f"seconds{label}"] = best
            row[f"runs{label}"] = runs
            row[f"us_per_kb{label}"] = best / real_kb * 1e6
        rows.append(row)
    return rows


def _best_batch(parser: Any, text: str, gc_paused: bool) -> tuple[float, int]:
    import gc

    best = float("inf")
    runs = 0
    for _ in range(3):
        batch = 0
        if gc_paused:
            gc.collect()
            gc.disable()
        try:
            start = time.perf_counter()
            while True:
                parser.parse(text)
                batch += 1
                elapsed = time.perf_counter() - start
                if elapsed >= 0.2:
                    break
        finally:
            gc.enable()
        runs += batch
        best = min(best, elapsed / batch)
    return best, runs


def profile(parser: Any, articles: list[str], top: int = 14) -> str:
    """cProfile of warm parses, by cumulative and by own time.

    Pass articles the parser has not seen yet, or every resolution is a cache hit.
    """
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    for article in articles:
        parser.parse(article)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    text = out.getvalue()
    # pstats pads with blank lines and repeats the header; keep the tables.
    return "\n".join(line for line in text.splitlines() if line.strip())


def main(quick: bool = False, show_profile: bool = False) -> int:
    n = 400 if quick else N_ARTICLES
    articles = make_articles(n)
    t = throughput(articles, geotext_n=200 if quick else 1_000)
    ours_rate = t["ours_n"] / t["ours_s"]
    ref_rate = t["ref_n"] / t["ref_s"]
    print(
        f"Geoparse throughput: {len(articles):,} distinct synthetic articles (seed {SEED}), "
        f"mean {t['words']:.0f} words / {t['kb']:.1f} KB; one process, parser warm "
        f"(build + first article {t['warmup_s']:.2f} s, not counted)"
    )
    rows = [
        (
            "eventmap Geoparser().parse",
            f"{t['ours_n']:,}",
            f"{t['ours_s']:.2f}",
            f"{ours_rate:,.0f}",
            f"{t['ours_s'] / t['ours_n'] * 1e3:.2f}",
            f"{t['ours_mentions_per_article']:.1f}",
            f">= {TARGET_ARTICLES_PER_S:,.0f}",
            "yes" if ours_rate >= TARGET_ARTICLES_PER_S else "NO",
        ),
        (
            "geotext GeoText(text) (reference)",
            f"{t['ref_n']:,}",
            f"{t['ref_s']:.2f}",
            f"{ref_rate:,.0f}",
            f"{t['ref_s'] / t['ref_n'] * 1e3:.2f}",
            f"{t['ref_found_per_article']:.1f}",
            "-",
            "-",
        ),
    ]
    if t["real_n"]:
        real_rate = t["real_n"] / t["real_s"]
        rows.append(
            (
                f"eventmap on GeoWebNews dev ({t['real_kb']:.1f} KB mean)",
                f"{t['real_n']:,}",
                f"{t['real_s']:.2f}",
                f"{real_rate:,.0f}",
                f"{t['real_s'] / t['real_n'] * 1e3:.2f}",
                "-",
                "-",
                "-",
            )
        )
    header = (
        "parser",
        "articles",
        "seconds",
        "articles/s",
        "ms/article",
        "places/article",
        "target",
        "met?",
    )
    print(format_table(header, rows))
    print("places/article: eventmap mentions; geotext cities + countries (first 50 articles)")
    print()

    sizes = SIZES_KB[:3] if quick else SIZES_KB
    lin = linearity(t["parser"], articles, sizes)
    print("Geoparse linearity: articles concatenated to a size, parsed warm")
    rows = [
        (
            f"{r['kb']:,} KB",
            f"{r['seconds']:.4f}",
            f"{r['runs']}",
            f"{r['us_per_kb']:,.0f}",
            f"{r['us_per_kb_gc_paused']:,.0f}",
        )
        for r in lin
    ]
    header = ("text size", "seconds/parse (best)", "parses", "µs per KB", "µs per KB, GC paused")
    print(format_table(header, rows))
    largest = max(r["kb"] for r in lin)
    for label, key in (("", "us_per_kb"), (", GC paused", "us_per_kb_gc_paused")):
        by_kb = {r["kb"]: r[key] for r in lin}
        print(
            f"per-KB cost at {largest:,} KB vs 10 KB{label}: {by_kb[largest] / by_kb[10]:.2f}x "
            "(1.00 = perfectly linear)"
        )
    print(
        "A 1 MB parse sets off a full garbage collection (it walks every object in the "
        "process, a fixed ~50 ms here); paused, the per-KB cost shows the parser's own."
    )
    if show_profile or ours_rate < TARGET_ARTICLES_PER_S:
        print()
        print(
            f"eventmap below {TARGET_ARTICLES_PER_S:,.0f} articles/s"
            if ours_rate < TARGET_ARTICLES_PER_S
            else "profile (requested)"
        )
        n_prof = 50 if quick else 200
        unseen = make_articles(n_prof, seed=SEED + 1)  # warm parser, articles not yet parsed
        print(f"cProfile of {n_prof} warm parses of unseen articles:")
        print(profile(t["parser"], unseen))
    return 0


if __name__ == "__main__":
    _parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    _parser.add_argument("--quick", action="store_true")
    _parser.add_argument("--profile", action="store_true", help="always print the profile")
    _args = _parser.parse_args()
    raise SystemExit(main(quick=_args.quick, show_profile=_args.profile))
