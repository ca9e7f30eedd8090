"""Which sentences carry events: headline, boilerplate, continuation, anaphora, totals."""

from eventmap.article import article_from_text
from eventmap.events.sentences import AGGREGATE, ANAPHORA, CONTINUES_REPORT, skipped
from eventmap.geoparse import sentence_bounds


def test_headline_and_boilerplate_are_skipped() -> None:
    text = (
        "Rebels shell the port\nRebels shelled the port on Monday. "
        "Click here to subscribe to our newsletter. Two people died."
    )
    article = article_from_text(text, {"title": "Rebels shell the port"})
    bounds = sentence_bounds(text)
    assert skipped(text, bounds, article) == {0, 2}
    untitled = article_from_text(text)
    assert skipped(text, bounds, untitled) == {2}


def test_a_sentence_continuing_the_report_is_recognised() -> None:
    assert CONTINUES_REPORT.search("The ministry said the strikes continued.")
    assert CONTINUES_REPORT.search("Officials also reported damage to a school.")
    assert not CONTINUES_REPORT.search("Fighting broke out near the airport.")


def test_the_gated_continuation_pattern_finds_what_the_plain_one_finds() -> None:
    import random
    import re

    from eventmap.literal_gate import GatedPattern

    assert isinstance(CONTINUES_REPORT, GatedPattern)
    plain = re.compile(CONTINUES_REPORT.pattern, CONTINUES_REPORT.flags)
    rng = random.Random(11)
    words = [
        "The",
        "THE",
        "it",
        "Also",
        "further",
        "FURTHERMORE",
        "moreover",
        "agency",
        "Army",
        "said",
        "noted",
        "ſaid",
        "x,",
        ".",
    ]
    for _ in range(2000):
        text = rng.choice(["", " ", "\n "]) + " ".join(
            rng.choice(words) for _ in range(rng.randint(1, 6))
        )
        want, got = plain.search(text), CONTINUES_REPORT.search(text)
        assert (got and got.span()) == (want and want.span()), text


def test_anaphora_and_totals() -> None:
    assert ANAPHORA.match("These raids destroyed two bridges.")
    assert not ANAPHORA.match("Raids destroyed two bridges.")
    assert AGGREGATE.search("A total of 40 people have died since the start of the war.")
    assert AGGREGATE.search("Altogether 12 villages were emptied.")
    assert not AGGREGATE.search("Twelve people died on Monday.")


def test_a_total_without_a_span_of_time_counts_one_incident() -> None:
    # One incident's victims: an event, not a sum over days.
    assert not AGGREGATE.search("Gunfire at the party left a total of four guests wounded.")
    assert not AGGREGATE.search("A total of three men were shot outside the store on Friday.")
    # A span of time or a running total makes it a sum (a claim).
    assert AGGREGATE.search("A total of 18 people were shot in the city last month.")
    assert AGGREGATE.search("A total of 52 homicides were recorded in 2016.")
    assert AGGREGATE.search("A total of 210 civilians have been killed in the province.")
    assert AGGREGATE.search("Troops have destroyed a total of 75 tanks, the army claims.")
    assert AGGREGATE.search("Rebels shelled a total of 9 villages over the past week.")


def test_a_run_without_a_letter_is_no_sentence() -> None:
    text = "* * * * *\n\n---- 2 ----\n\nTwo men were shot on Friday."
    bounds = sentence_bounds(text)
    article = article_from_text(text)
    kept = [
        text[s:e].strip()
        for i, (s, e) in enumerate(bounds)
        if i not in skipped(text, bounds, article)
    ]
    assert kept == ["Two men were shot on Friday."]


def test_boilerplate_is_found_in_any_case() -> None:
    text = (
        "Gunmen killed two men on Monday. CLICK HERE for more. Ann Doe Contributed To This Report."
    )
    article = article_from_text(text)
    assert skipped(text, sentence_bounds(text), article) == {1, 2}
