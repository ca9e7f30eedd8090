"""Who says so, and which sentences are claims rather than events (the stage alone)."""

from eventmap.actors import default_actors, default_media
from eventmap.article import article_from_text
from eventmap.events.claims import CLAIM, attribution, claim_row
from eventmap.fatalities import find_fatalities
from eventmap.geoparse import default_geoparser

MEDIA, ACTORS = default_media(), default_actors()


def _who(sentence: str, last: tuple = (None, False)) -> tuple:
    return attribution(sentence, "SY", last, MEDIA, ACTORS)


def test_a_party_owned_outlet_makes_a_party_claim() -> None:
    who, party = _who("SANA reported that troops repelled an attack.")
    assert who.endswith("via SANA") and party
    who, party = _who("SANA reported, citing a military source, that troops repelled it.")
    assert who == "Syrian military source via SANA" and party


def test_the_agency_keeps_the_last_source() -> None:
    assert _who("The agency added that two died.", ("Reuters", False)) == ("Reuters", False)


def test_media_reports_without_an_outlet() -> None:
    assert _who("Turkish media claim the border was closed.") == ("Turkish media", True)
    assert _who("Nobody said anything about it.") == (None, False)


def _claim(sentence: str, article_id: str = "a1") -> dict:
    article = article_from_text(sentence, {"id": article_id})
    fatal = find_fatalities(sentence, 0)
    return claim_row(article, sentence, 0, len(sentence), fatal, None, False, default_geoparser())


def test_a_claim_row_keeps_its_quantity_and_speaker() -> None:
    sentence = "John Smith claimed that 1,200 fighters were massing in Idlib province."
    assert CLAIM.search(sentence)
    row = _claim(sentence)
    assert row["claimed_by"] == "John Smith"
    assert (row["quantity_text"], row["quantity_low"]) == ("1,200", 1200)
    assert row["admin1"] == "Idlib" and row["verified"] is False
    assert row["claim_id"] == _claim(sentence)["claim_id"] != _claim(sentence, "a2")["claim_id"]


def test_the_gated_source_patterns_find_what_the_plain_ones_find() -> None:
    import random
    import re

    from eventmap.events import claims

    rng = random.Random(5)
    words = re.findall(
        r"\S+", "the THE Agency agency media MEDIA claims claim reports report from ſaid x"
    )
    for pattern in (claims._THE_AGENCY, claims._MEDIA_REPORTS):
        plain = re.compile(pattern.pattern, pattern.flags)
        found = 0
        for _ in range(1500):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 6)))
            want, got = plain.search(text), pattern.search(text)
            assert (got and got.span()) == (want and want.span()), text
            found += want is not None
        assert found > 50
