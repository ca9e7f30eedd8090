"""Is a built index whole? Checksums written with it, checked before any byte is trusted.

The index lives in a user cache that disks, backups, antivirus tools and killed processes
can damage. marisa-trie maps its file straight into native code, which crashes the process
(a segmentation fault, not an exception) on bytes it did not write; a zeroed block in the
row table gives silently wrong coordinates. So the builder records every file's size and
checksums in ``checksums.json`` (written last: no manifest, no index), and:

- :func:`verify` (``full=False``) runs on every open: manifest present, each file's size,
  the numpy headers (dtype, shape), the marisa header, the offsets' ends, and a CRC-32 of
  every file (about 25 MB, some 10 ms from the page cache);
- :func:`verify` with ``full=True`` (``eventmap gazetteer check``) adds SHA-256 of every file
  and a semantic check (every row's kind, coordinates, and name offsets in range).

A damaged index is an :class:`IndexDamaged` naming the file and what is wrong; the store
rebuilds it (with a one-line notice), never reads it.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from eventmap.errors import GazetteerError
from eventmap.gazetteer.index_format import KINDS, ROW_DTYPE

MANIFEST = "checksums.json"
FILES = ("meta.json", "names.bin", "names.marisa", "offsets.npy", "rows.npy")
MARISA_MAGIC = b"We love Marisa."
_BLOCK = 1 << 20


class IndexDamaged(GazetteerError):
    """The index on disk is missing a file or differs from what the builder wrote."""


def write_manifest(directory: Path) -> dict[str, Any]:
    """Record every built file's size, CRC-32 and SHA-256 (the last step of a build)."""
    files = {}
    for path in sorted(directory.iterdir()):
        if path.name == MANIFEST or not path.is_file():
            continue
        crc, sha = _digests(path, sha=True)
        files[path.name] = {"bytes": path.stat().st_size, "crc32": crc, "sha256": sha}
    record = {"format": 1, "files": files}
    (directory / MANIFEST).write_text(json.dumps(record, indent=1, sort_keys=True) + "\n")
    return record


def verify(directory: Path, *, full: bool = False, required: tuple[str, ...] = FILES) -> None:
    """Raise IndexDamaged unless every file the manifest lists (and every required one) is
    exactly what was built; ``full`` adds SHA-256 and a check of the contents."""
    files = _manifest(directory)["files"]
    for name in required:
        if name not in files:
            raise IndexDamaged(f"{directory / MANIFEST}: does not list {name}")
    for name, expected in files.items():
        if not isinstance(expected, dict) or Path(name).name != name or name in ("", ".", ".."):
            raise IndexDamaged(f"{directory / MANIFEST}: bad entry {name[:40]!r}")
        path = directory / name
        try:
            size = path.stat().st_size if path.is_file() else None
        except OSError:
            size = None
        if size is None:
            raise IndexDamaged(f"{path}: missing")
        if size != expected.get("bytes"):
            raise IndexDamaged(f"{path}: {size:,} bytes where {expected.get('bytes')} were built")
    _check_headers(directory, files)
    for name, expected in files.items():
        crc, sha = _digests(directory / name, sha=full)
        if crc != expected.get("crc32") or (full and sha != expected.get("sha256")):
            raise IndexDamaged(f"{directory / name}: checksum mismatch (the file was changed)")
    if full and set(FILES) <= set(files):
        _check_contents(directory)


def _manifest(directory: Path) -> dict[str, Any]:
    path = directory / MANIFEST
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexDamaged(f"{path}: missing (an interrupted or older build)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise IndexDamaged(f"{path}: unreadable ({type(exc).__name__})") from None
    if not isinstance(record, dict) or not isinstance(record.get("files"), dict):
        raise IndexDamaged(f"{path}: not an index manifest")
    return record


def _digests(path: Path, *, sha: bool) -> tuple[int, str | None]:
    crc = 0
    digest = hashlib.sha256() if sha else None
    try:
        with open(path, "rb") as handle:
            while block := handle.read(_BLOCK):
                crc = zlib.crc32(block, crc)
                if digest is not None:
                    digest.update(block)
    except OSError as exc:
        raise IndexDamaged(f"{path}: unreadable ({(exc.strerror or '').lower()})") from None
    return crc, digest.hexdigest() if digest is not None else None


def _npy_header(path: Path) -> tuple[tuple[int, ...], np.dtype]:
    try:  # a memory map reads the header only; a header that lies about the size fails here
        array = np.load(path, mmap_mode="r", allow_pickle=False)
    except Exception as exc:  # numpy raises ValueError, OSError, SyntaxError on junk headers
        raise IndexDamaged(f"{path}: not a numpy array ({type(exc).__name__})") from None
    return array.shape, array.dtype


def _check_headers(directory: Path, files: dict[str, Any]) -> None:
    """The layout the reader relies on, read from the headers (no data pages touched)."""
    rows = None
    if "rows.npy" in files:
        shape, dtype = _npy_header(directory / "rows.npy")
        if dtype != ROW_DTYPE or len(shape) != 1:
            raise IndexDamaged(f"{directory / 'rows.npy'}: unexpected layout {dtype} {shape}")
        rows = shape[0]
    if "offsets.npy" in files:
        shape, dtype = _npy_header(directory / "offsets.npy")
        expected = (rows + 1,) if rows is not None else shape
        if dtype != np.dtype("<i8") or len(shape) != 1 or shape != expected:
            raise IndexDamaged(f"{directory / 'offsets.npy'}: {shape} does not match {rows} rows")
    if "names.marisa" in files:
        with open(directory / "names.marisa", "rb") as handle:
            if handle.read(len(MARISA_MAGIC)) != MARISA_MAGIC:
                raise IndexDamaged(f"{directory / 'names.marisa'}: not a marisa-trie file")


def _check_contents(directory: Path) -> None:
    """What a checksum cannot say about a file that was written wrong in the first place."""
    rows = np.load(directory / "rows.npy", mmap_mode="r")
    offsets = np.load(directory / "offsets.npy", mmap_mode="r")
    names_size = (directory / "names.bin").stat().st_size
    if int(offsets[0]) != 0 or int(offsets[-1]) != names_size or np.any(np.diff(offsets) <= 0):
        raise IndexDamaged(f"{directory / 'offsets.npy'}: name offsets out of order or range")
    if np.any(rows["kind"] >= len(KINDS)):
        raise IndexDamaged(f"{directory / 'rows.npy'}: unknown place kinds")
    lat, lon = rows["lat"], rows["lon"]
    if not (np.all(np.abs(lat) <= 90) and np.all(np.abs(lon) <= 180)):
        raise IndexDamaged(f"{directory / 'rows.npy'}: coordinates out of range")
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexDamaged(f"{directory / 'meta.json'}: unreadable ({exc})") from None
    if meta.get("rows") != len(rows):
        raise IndexDamaged(f"{directory / 'meta.json'}: {meta.get('rows')} rows, {len(rows)} found")
