"""The geoparser benchmark's articles: invented news text, reproducible from a seed.

A template mixes place names in the shapes news uses ('Homs', 'Aleppo province', 'the city
of Hama', 'the outskirts of Idlib'), people, organisations, numbers and dates; every article
is distinct. Kept apart from ``bench_geoparse`` (which times the parser on them) so each
module stays small; ``bench_events`` reads them too, for its linearity table.
"""

from __future__ import annotations

import random

SEED = 7
N_ARTICLES = 2_000
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
