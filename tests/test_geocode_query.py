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
