"""A query read before any lookup: rejected with the reason, or split into name and words."""

import pytest

from eventmap.errors import InvalidInput
from eventmap.geocode_query import MAX_QUERY_LENGTH, parse_query, validate_query


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        (None, "is None"),
        (42, "must be a string"),
        ("   ", "empty or blank"),
        ("x" * (MAX_QUERY_LENGTH + 1), "the limit is"),
        ("Homs\x00", "control characters"),
    ],
)
def test_an_unusable_query_says_why(query: object, reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        validate_query(query)


def test_a_query_is_stripped_and_bidi_marks_are_kept() -> None:
    assert validate_query("  Hama\u200f ") == "Hama\u200f"


@pytest.mark.parametrize(
    ("text", "name", "kind", "qualifier"),
    [
        ("northeast of Homs province", "Homs", "admin1", "direction"),
        ("the city of Hama", "Hama", "city", None),
        ("rural Damascus", "Damascus", "admin1", "countryside"),
        ("the Aleppo countryside", "Aleppo", "admin1", "countryside"),
        ("Daraa", "Daraa", None, None),
    ],
)
def test_the_words_around_a_name_say_its_kind(
    text: str, name: str, kind: str | None, qualifier: str | None
) -> None:
    parsed = parse_query(text)
    assert (parsed.name, parsed.kind, parsed.qualifier) == (name, kind, qualifier)


def test_a_query_without_a_blank_is_its_own_name() -> None:
    """parse_query answers a blank-free query without its patterns: none can match one."""
    import itertools

    from eventmap.geocode_query import _LEADING_THE, _QUALIFIERS, ParsedQuery

    words = ["Hama", "the", "THE", "province", "city", "rural", "greater", "northern", "of"]
    pairs = ["".join(pair) for pair in itertools.pairwise(words)]
    texts = [*words, *pairs, "Homs-province", "x\u00a0y"]
    for text in texts:
        if any(ch.isspace() for ch in text):
            continue
        assert not any(pattern.match(text) for pattern, _, _ in _QUALIFIERS)
        assert _LEADING_THE.sub("", text) == text
        assert parse_query(text) == ParsedQuery(text, None, None, None)
    assert parse_query("Hama\u00a0province").kind == "admin1"  # a no-break space is a blank


def test_printable_queries_and_marks_pass() -> None:
    assert validate_query(" Homs ") == "Homs"
    assert validate_query("Homs\u200e") == "Homs\u200e"  # a direction mark is allowed
    with pytest.raises(InvalidInput, match="control characters"):
        validate_query("Ho\u200bms")
