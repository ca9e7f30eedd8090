import datetime as dt
from pathlib import Path

import pytest

from eventmap.article import article_from_text, find_articles, load_article
from eventmap.errors import ArticleError

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_fe935601f8305200.txt"


def test_seed_loads_with_its_sidecar() -> None:
    a = load_article(SEED)
    assert a.published == dt.date(2024, 12, 7)
    assert a.title.startswith("Russian and Syrian airstrikes")
    assert a.language == "en"
    assert "SANA" in a.source and "TROIB News" in a.source
    assert a.text == SEED.read_text(encoding="utf-8")  # exactly as received


def test_missing_sidecar_still_loads_with_unknown_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Shelling hit Homs on Monday.", encoding="utf-8")
    a = load_article(p)
    assert a.published is None and a.id == "a"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\t", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("Ḩamāh".encode("cp1256", errors="ignore") + b"\xff\xfe caf\xe9", "not valid utf-8"),
    ],
)
def test_bad_files_say_why(tmp_path: Path, content: bytes, message: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(ArticleError, match=message):
        load_article(p)


def test_non_utf8_with_explicit_encoding(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Clashes near Aléppo".encode("latin-1"))
    with pytest.raises(ArticleError, match="encoding="):
        load_article(p)
    assert "Aléppo" in load_article(p, encoding="latin-1").text


def test_missing_directory_and_huge(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="directory"):
        load_article(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ArticleError, match="MB"):
        load_article(big)


def test_bad_sidecar(tmp_path: Path) -> None:
    p = tmp_path / "x.txt"
    p.write_text("text", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ArticleError, match="JSON"):
        load_article(p)
    (tmp_path / "x.meta.json").write_text('{"published": "7 Dec"}', encoding="utf-8")
    with pytest.raises(ArticleError, match="YYYY-MM-DD"):
        load_article(p)


def test_find_articles_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.meta.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in find_articles([tmp_path])] == ["a.txt", "b.txt"]


def test_article_from_text_ids_are_stable() -> None:
    assert article_from_text("abc").id == article_from_text("abc").id
