import re

import pytest

from eventmap import fatalities
from eventmap.split_alternation import SplitAlternation, alternatives
from tests.random_texts import random_texts


def test_alternatives_are_the_top_level_branches() -> None:
    head, alts = alternatives(r"\b(?:a(?:b|c)|[|)]x|\(|[]|]y|[^]|]z|d)")
    assert head == r"\b(?:"
    assert alts == ["a(?:b|c)", "[|)]x", r"\(", "[]|]y", "[^]|]z", "d"]
    assert alternatives("(?:one|two)") == ("(?:", ["one", "two"])
    for source in (r"\b(?:a|b)\b", "(?:a)|b", "(a|b)", "x(?:a|b)"):
        with pytest.raises(ValueError):
            alternatives(source)


def test_capturing_groups_are_refused() -> None:
    with pytest.raises(ValueError):
        SplitAlternation(re.compile(r"\b(?:(a)|b)", re.I))


def _texts(seed: int, n: int) -> list[str]:
    """Sentences of the one-victim pattern's own words, cased every way."""
    words = re.findall(
        r"\S+",
        "a an one the man woman victim driver Jo Doe Ann Roe Jr Sr was has been had later "
        "reportedly found shot dead killed killing murdered beheaded died is pronounced him "
        "her he she fatally stabbed wounded of his their body number group Police Officers "
        "The Lee 34 hacked to death beaten gunned down fatal shooting death murder and in",
    )
    cased = [str.lower, str.upper, str.title, str.title, lambda w: w, lambda w: w]
    seps = [" ", " ", " ", ", ", ". ", "; "]
    return random_texts(seed, n, words, seps, (1, 18), cased)


def test_the_one_victim_pattern_split_finds_what_it_finds_whole() -> None:
    split = fatalities._ONE_VICTIM
    assert isinstance(split, SplitAlternation) and len(split.parts) > 1
    assert any(part.lower is not None for part in split.parts)  # runs with a twin
    whole = re.compile(split.pattern, split.flags)
    texts = [
        *_texts(5, 3000),
        "Jo Ann Doe was shot and killed. A man was shot dead, and the victim died.",
        "Police said Lee Roe, 34, of Macon, later died; the body of a man was found.",
        "The fatal shooting of Jo Doe and the killing of a teen; she later died.",
        "Lee Roe, 34, later died.",  # a run without a twin wins
        "The fatal shooting of One Twain",  # two runs match here: the earlier one's match
    ]
    assert split.search(texts[-1]).group(0) == "fatal shooting of One"
    assert split.search(texts[-2]).group(0) == "Roe, 34, later died"
    for text in texts:
        want, got = whole.search(text), split.search(text)
        assert (got and (got.span(), got.group(0))) == (want and (want.span(), want.group(0)))
