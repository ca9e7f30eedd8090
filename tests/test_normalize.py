import pytest

from eventmap.normalize import fold, is_latin, loose, strip_article


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ḩamāh", "Hamah"),
        ("HOMS", "homs"),
        ("Dar‘ā", "Dar'a"),
        ("Dar`a", "Dara"),
        ("As-Suwayda", "As Suwayda"),
        ("Türkiye", "Turkiye"),
        ("  Deir  ez-Zor ", "deir ez zor"),
        ("U.S.", "US"),
    ],
)
def test_fold_equates_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_strip_article_keeps_single_words() -> None:
    assert strip_article("as suwayda") == "suwayda"
    assert strip_article("al") == "al"
    assert strip_article("homs") == "homs"


@pytest.mark.parametrize(
    ("a", "b"), [("Daraa", "Dar'a"), ("Al-Hasakah", "Hasakah"), ("Raqqa", "Ar-Raqqah".rstrip("h"))]
)
def test_loose_key(a: str, b: str) -> None:
    assert loose(fold(a)) == loose(fold(b))


def test_is_latin() -> None:
    assert is_latin("Ḩamāh")
    assert not is_latin("حماة")
    assert not is_latin("Хомс")


def test_loose_collapses_doubles_as_the_regex_does() -> None:
    import random
    import re

    from eventmap.normalize import strip_article

    doubles = re.compile(r"(.)\1+")
    rng = random.Random(11)
    alphabet = "aabl \n\n\r-éé\u212a"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        plain = doubles.sub(r"\1", strip_article(text).replace(" ", ""))
        assert loose(text) == plain, repr(text)
    assert loose("al hassan  bello") == "hasanbelo"


def test_fold_by_byte_tables_as_by_the_str_table() -> None:
    """ASCII names fold through byte tables: the same keys as lower() and the str table."""
    import random

    from anyascii import anyascii

    from eventmap.normalize import _TABLE

    def reference(name: str) -> str:
        if name.isalpha() and name.isascii():
            return name.lower()
        if not name.isascii():
            name = anyascii(name)
        return " ".join(name.lower().translate(_TABLE).split())

    rng = random.Random(13)
    alphabet = [chr(i) for i in range(128)] + list("ḨāéÉ‘’ʿ–—“”«»\u200b\u00a0Хحß")
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert fold(text) == reference(text), repr(text)
    for name in ("Port-au-Prince", "St. Louis", "Dar'a", "Al-Hasakah (Syria)", "U.S."):
        assert fold(name) == reference(name)
