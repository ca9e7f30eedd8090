"""Articles: the text exactly as received, plus what is known about it (a JSON sidecar).

The raw file is never changed; metadata lives beside it as ``NAME.meta.json`` with keys
``title, outlet, source_chain, published (YYYY-MM-DD), url, language``. Without a sidecar an
article still loads, with an unknown date, so events can only be background.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
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
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise ArticleError(f"{path}: cannot be read ({reason})") from exc
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
    if not isinstance(text, str):
        raise ArticleError(f"article text must be a string, not {type(text).__name__}")
    if len(text.encode("utf-8", errors="surrogatepass")) > MAX_BYTES:
        raise ArticleError(f"text is over {MAX_BYTES // (1024 * 1024)} MB")
    where = str(sidecar_path(path)) if path is not None else "metadata"
    fields = validate_meta(meta, where)
    article_id = fields["id"] or (path.stem if path else None)
    if not article_id:
        article_id = text_hash(text)[:16]
    return Article(
        id=article_id,
        text=text,
        title=fields["title"],
        outlet=fields["outlet"],
        source_chain=fields["source_chain"],
        published=fields["published"],
        url=fields["url"],
        language=fields["language"],
        path=path,
        meta=meta,
    )


def text_hash(text: str) -> str:
    """SHA-256 of the text as UTF-8: the identity used to spot the same article twice."""
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


# The sidecar's schema: field -> (longest accepted string, what the field is for).
SIDECAR_STRINGS = {
    "id": 200,
    "title": 1000,
    "outlet": 300,
    "url": 2048,
    "language": 35,
}
MAX_CHAIN = 50
MAX_CHAIN_ITEM = 300
MAX_EXTRA_STRING = 20_000
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def validate_meta(meta: dict[str, Any], where: str = "metadata") -> dict[str, Any]:
    """Check a sidecar against its schema; the first problem is one ArticleError naming the
    file and the field, because a wrong type here would otherwise surface far downstream
    (as a crash in the map, or as a formula in a spreadsheet)."""
    if not isinstance(meta, dict):
        raise ArticleError(f"{where}: metadata must be a JSON object")

    def fail(key: str, problem: str) -> ArticleError:
        return ArticleError(f"{where}: field {key!r} {problem}")

    out: dict[str, Any] = {}
    for key, limit in SIDECAR_STRINGS.items():
        value = meta.get(key)
        if value is None or value == "":
            out[key] = None
            continue
        if not isinstance(value, str):
            raise fail(key, f"must be a string or null, not {_json_type(value)}")
        if len(value) > limit:
            raise fail(key, f"is {len(value):,} characters long (at most {limit:,})")
        if _CONTROL.search(value):
            raise fail(key, "contains control characters (newline, tab, NUL...)")
        if key == "id" and not value.strip():
            raise fail(key, "is blank")
        out[key] = value
    chain = meta.get("source_chain")
    if chain is None:
        chain = []
    elif isinstance(chain, str):
        chain = [chain]
    if not isinstance(chain, list):
        raise fail("source_chain", f"must be a list of strings, not {_json_type(chain)}")
    if len(chain) > MAX_CHAIN:
        raise fail("source_chain", f"has {len(chain)} items (at most {MAX_CHAIN})")
    for i, item in enumerate(chain):
        if not isinstance(item, str):
            raise fail(f"source_chain[{i}]", f"must be a string, not {_json_type(item)}")
        if len(item) > MAX_CHAIN_ITEM:
            raise fail(f"source_chain[{i}]", f"is longer than {MAX_CHAIN_ITEM} characters")
        if _CONTROL.search(item):
            raise fail(f"source_chain[{i}]", "contains control characters")
    out["source_chain"] = tuple(item for item in chain if item.strip())
    out["published"] = _published(meta.get("published"), fail)
    for key, value in meta.items():
        if key in out or key == "source_chain":
            continue
        if isinstance(value, str) and len(value) > MAX_EXTRA_STRING:
            raise fail(key, f"is longer than {MAX_EXTRA_STRING:,} characters")
    return out


def _published(value: Any, fail) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise fail("published", f"must be a date string YYYY-MM-DD, not {_json_type(value)}")
    match = _DATE.match(value.strip())
    if not match:
        raise fail("published", f"{value[:40]!r} is not a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError as exc:
        raise fail("published", f"{match.group(1)!r} is not a real date ({exc})") from exc


def _json_type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", list: "a list"}
    names[dict] = "an object"
    return names.get(type(value), type(value).__name__)


def _read_sidecar(path: Path) -> dict[str, Any]:
    side = sidecar_path(path)
    if not side.exists():
        return {}
    try:
        raw = side.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise ArticleError(f"{side}: cannot be read ({reason})") from exc
    if len(raw) > 1024 * 1024:
        raise ArticleError(f"{side}: metadata over 1 MB is refused")
    try:
        meta = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{side}: metadata is not valid UTF-8 (byte {exc.start})") from exc
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = (
            f"line {exc.lineno} column {exc.colno}: {exc.msg}"
            if isinstance(exc, json.JSONDecodeError)
            else "nested too deeply"
        )
        raise ArticleError(f"{side}: metadata is not valid JSON ({detail})") from exc
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
