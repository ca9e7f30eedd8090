"""Articles: the text exactly as received, plus what is known about it (a JSON sidecar).

The raw file is never changed; metadata lives beside it as ``NAME.meta.json`` with keys
``title, outlet, source_chain, published (YYYY-MM-DD), url, language``. Without a sidecar an
article still loads, with an unknown date, so events can only be background.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventmap.errors import ArticleError

MAX_BYTES = 5 * 1024 * 1024
SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class Article:
    """One news article and its provenance."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    source_chain: tuple[str, ...] = ()
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None
    path: Path | None = None
    meta: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def source(self) -> str:
        """ACLED's 'source' column: the chain of outlets, semicolon-separated."""
        return "; ".join(self.source_chain) if self.source_chain else (self.outlet or "")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def load_article(path: str | Path, *, encoding: str = "utf-8") -> Article:
    """Read an article file and its sidecar; every failure says what is wrong and what to do."""
    path = Path(path)
    if not path.exists():
        raise ArticleError(f"{path}: no such file")
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory; pass an article file (.txt)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(
                f"{path}: {size:,} bytes; articles over {MAX_BYTES // (1024 * 1024)} MB are "
                "refused (split the file or check that it is an article)"
            )
        data = path.read_bytes()
    except PermissionError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror})") from exc
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{path}: looks binary (NUL bytes); expected plain text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{path}: not valid {encoding} (byte {exc.start}); if you know the file's encoding, "
            "pass it explicitly, e.g. load_article(path, encoding='cp1256') or --encoding cp1256"
        ) from exc
    except LookupError as exc:
        raise ArticleError(f"unknown encoding {encoding!r}") from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise ArticleError(f"{path}: the article is empty")
    meta = _read_sidecar(path)
    return article_from_text(text, meta, path=path)


def article_from_text(
    text: str, meta: dict[str, Any] | None = None, *, path: Path | None = None
) -> Article:
    """An Article from text already in memory (notebooks, tests, other pipelines)."""
    meta = dict(meta or {})
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ArticleError(f"text is over {MAX_BYTES // (1024 * 1024)} MB")
    published = meta.get("published")
    date = None
    if published:
        try:
            date = dt.date.fromisoformat(str(published)[:10])
        except ValueError as exc:
            raise ArticleError(f"published date {published!r} is not YYYY-MM-DD") from exc
    chain = meta.get("source_chain") or ()
    if isinstance(chain, str):
        chain = (chain,)
    article_id = meta.get("id") or (path.stem if path else None)
    if not article_id:
        article_id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return Article(
        id=str(article_id),
        text=text,
        title=meta.get("title"),
        outlet=meta.get("outlet"),
        source_chain=tuple(str(c) for c in chain),
        published=date,
        url=meta.get("url"),
        language=meta.get("language"),
        path=path,
        meta=meta,
    )


def _read_sidecar(path: Path) -> dict[str, Any]:
    side = sidecar_path(path)
    if not side.exists():
        return {}
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArticleError(f"{side}: metadata is not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(meta, dict):
        raise ArticleError(f"{side}: metadata must be a JSON object")
    return meta


def find_articles(paths: list[str | Path]) -> list[Path]:
    """Expand folders into their .txt articles, sorted, so runs are reproducible."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.glob("*.txt") if q.is_file()))
        else:
            found.append(p)
    return found
