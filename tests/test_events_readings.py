import datetime as dt
import random

from eventmap.dates import find_dates
from eventmap.events.readings import Readings
from eventmap.fatalities import find_fatalities
from eventmap.geoparse import sentence_bounds

PUBLISHED = dt.date(2024, 12, 7)
SENTENCES = [
    "Gunmen killed three people in Aleppo on Thursday.",
    "The agency also noted that two were wounded.",
    "Officials met last week.",
    "It rained.",
    "On 5 December, a drone struck a convoy, killing a driver.",
    "Police said the toll rose to four.",
    "The ministry further said clashes went on in March.",
    "No one was hurt.",
]


def _article(seed: int) -> tuple[str, list[tuple[int, int]]]:
    rng = random.Random(seed)
    text = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 12)))
    return text, sentence_bounds(text)


def test_tolls_and_dates_are_those_of_reading_each_sentence() -> None:
    for seed in range(30):
        text, sentences = _article(seed)
        read = Readings(text, sentences, PUBLISHED)
        for i in reversed(range(len(sentences))):  # any order, any number of times
            s, e = sentences[i]
            assert read.toll(i) == find_fatalities(text[s:e], s)
            dates = find_dates(text[s:e], PUBLISHED, s)
            assert read.date(i) == (dates[0] if dates else None)
            assert read.toll(i) is read.toll(i)


def test_last_report_is_the_last_day_dated_sentence_so_far() -> None:
    """Asked at any point of the walk, the answer is the one of reading every sentence's
    date in order and keeping the last day-precise one."""
    for seed in range(60):
        text, sentences = _article(seed)
        rng = random.Random(seed)
        read = Readings(text, sentences, PUBLISHED)
        expected = None
        for i, (s, e) in enumerate(sentences):
            if rng.random() < 0.2:
                continue  # a sentence the walk passes over (a total, an anaphora)
            read.may_report(i, pos=i * 10)
            dates = find_dates(text[s:e], PUBLISHED, s)
            if dates and dates[0].precision == 1:
                expected = (dates[0], i * 10)
            if rng.random() < 0.5:
                assert read.last_report() == expected


def test_a_report_reads_each_date_at_most_once() -> None:
    text = " ".join(["It rained."] * 200 + ["Gunmen attacked on Thursday."] + ["It rained."] * 5)
    sentences = sentence_bounds(text)
    read = Readings(text, sentences, PUBLISHED)
    asked = []
    plain = read.date
    read.date = lambda i: asked.append(i) or plain(i)  # type: ignore[method-assign]
    for i in range(len(sentences)):
        read.may_report(i, i)
        read.last_report()
    assert len(asked) == len(set(asked)) == len(sentences)
    assert read.last_report()[1] == 200


def test_a_sentence_cut_inside_its_date_reads_the_whole_date() -> None:
    # 'Feb.' ends a sentence for the splitter; the day after it is still this sentence's
    text = "Police say a man shot his neighbour on Friday, Feb. 24 around 6 p.m. He fled."
    sentences = [(0, 51), (52, len(text))]
    date = Readings(text, sentences, dt.date(2017, 3, 15)).date(0)
    assert date is not None and date.event_date == dt.date(2017, 2, 24)
    # a whole month's name ends its sentence: the next one's number is no day of it
    text = "The fair opened in May. 5 people were hurt."
    date = Readings(text, [(0, 23), (24, len(text))], dt.date(2017, 6, 1)).date(0)
    assert date is not None and date.precision == 3
