"""Output sets: safe names, whole-or-absent writes and the manifest that vouches for them.

An article's id comes from whoever handed the article over, so it never becomes a path as
is: :func:`safe_stem` turns it into a short slug (plus a hash when the slug had to change
it) that cannot leave the output folder. A run's files are staged as hidden temporary files
beside their targets and renamed into place only when every one of them was produced; the
manifest is written last, so a set without a manifest (or whose hashes disagree with it) is
known to be incomplete. Temporary names carry the writer's process id, so leftovers of a
killed run are recognised and removed by the next run without touching a live one's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventmap.errors import OutputError

TEMP_PREFIX = ".eventmap-tmp-"
MANIFEST_SUFFIX = ".manifest.json"
MAX_STEM = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
# Hidden temporary files written by eventmap before output sets (killed runs left them).
_LEGACY_TEMP = re.compile(
    r"^\..+\.(?:html|png)\.[A-Za-z0-9_]{8}\.tmp$|^\..+\.(csv|geojson|gpkg)\.[A-Za-z0-9_]{8}\.\1$"
)
LEGACY_TEMP_AGE_S = 600


def safe_stem(name: str, *, fallback: str = "article") -> str:
    """A file-name stem from untrusted text: ASCII letters, digits, '.', '_', '-' only.

    Never empty, never hidden, never '..', at most MAX_STEM characters; when the slug is
    not the name itself, 8 hex digits of the name's hash keep different names apart
    ('a/b' and 'a_b' give different stems).
    """
    raw = str(name)
    folded = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode("ascii")
    slug = _UNSAFE.sub("_", folded).strip("._-")
    slug = re.sub(r"_{2,}", "_", slug)[:MAX_STEM].strip("._-")
    if not slug or _WINDOWS_RESERVED.match(slug):
        slug = fallback if not slug else f"{fallback}_{slug}"
    if slug != raw:
        digest = hashlib.sha256(raw.encode("utf-8", errors="surrogatepass")).hexdigest()[:8]
        slug = f"{slug}-{digest}"
    return slug


def inside(folder: Path, name: str) -> Path:
    """folder/name, checked to resolve directly inside folder (the last line of defence)."""
    target = folder / name
    if Path(name).name != name or target.resolve().parent != folder.resolve():
        raise OutputError(f"{name!r}: refusing to write outside {folder}")
    return target


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def temp_path(target: Path) -> Path:
    """A hidden sibling of target, named after this process, with target's suffix (GDAL
    drivers go by the extension)."""
    token = os.urandom(4).hex()
    return target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{token}-{target.name}")


def write_atomic(target: Path, write: Callable[[Path], Any]) -> Path:
    """write(tmp) under a hidden temporary name, then rename: readers never see half a file."""
    target = Path(target)
    _mkdir(target.parent)
    tmp = temp_path(target)
    try:
        write(tmp)
        _share(tmp)
        os.replace(tmp, target)
    finally:
        _unlink(tmp)
    return target


def write_folder(final: Path, fill: Callable[[Path], None], *, prefix: str = ".tmp-") -> Path:
    """A folder appears whole or not at all: ``fill`` writes into a private temporary folder
    (``prefix`` + the final name, this process, the clock) that then takes ``final``'s place.
    A ``final`` already there is from an interrupted or earlier attempt and is replaced."""
    tmp = final.with_name(f"{prefix}{final.name}-{os.getpid()}-{time.monotonic_ns()}")
    tmp.mkdir(parents=True)
    try:
        fill(tmp)
        if final.exists():
            shutil.rmtree(final)
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return final


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_temps(folder: Path) -> list[Path]:
    """Remove temporary files that killed runs left in folder (never a live run's)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        stale = False
        if name.startswith(TEMP_PREFIX):
            pid = name[len(TEMP_PREFIX) :].split("-", 1)[0]
            stale = pid.isdigit() and not _pid_alive(int(pid))
        elif _LEGACY_TEMP.match(name):
            try:
                stale = now - entry.stat(follow_symlinks=False).st_mtime > LEGACY_TEMP_AGE_S
            except OSError:
                stale = False
        if stale and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


class OutputSet:
    """Stage files, then commit them all (and the manifest) or none.

    ``stage_bytes``/``stage_with`` produce each file under a temporary name; ``commit``
    removes the old manifest, renames every staged file into place and writes the new
    manifest last. ``discard`` (also on any exception inside ``with``) deletes the temporary
    files and leaves whatever was there before untouched.
    """

    def __init__(self, manifest: Path) -> None:
        self.manifest = manifest
        self.staged: dict[str, tuple[Path, Path]] = {}
        self.kept: dict[str, Path] = {}
        self.removed: list[Path] = []

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.discard()

    def stage_bytes(self, kind: str, target: Path, data: bytes) -> None:
        def write(tmp: Path) -> None:
            with open(tmp, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())

        self.stage_with(kind, target, write)

    def stage_with(self, kind: str, target: Path, write: Callable[[Path], Any]) -> None:
        """Let write(tmp) produce the file (e.g. a GDAL driver) under a temporary name."""
        _mkdir(target.parent)
        tmp = temp_path(target)
        try:
            write(tmp)
            if not tmp.is_file():
                raise OutputError(f"{target}: nothing was written")
            _share(tmp)
        except BaseException:
            _unlink(tmp)
            raise
        self.staged[kind] = (tmp, target)

    def keep(self, kind: str, target: Path) -> None:
        """A file of the previous set that is still right (e.g. the PNG of unchanged HTML)."""
        self.kept[kind] = target

    def remove(self, target: Path) -> None:
        """A file of the previous set that no longer belongs (deleted at commit)."""
        self.removed.append(target)

    def commit(self, record: dict[str, Any]) -> dict[str, Path]:
        """Rename everything into place, then write the manifest: {kind: path}."""
        folder = self.manifest.parent
        files: dict[str, dict[str, Any]] = {}
        for kind, (tmp, target) in self.staged.items():
            files[kind] = _file_record(tmp, target, folder)
        for kind, target in self.kept.items():
            files[kind] = _file_record(target, target, folder)
        record = {**record, "files": dict(sorted(files.items()))}
        data = (json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
        self.stage_bytes("manifest", self.manifest, data)
        manifest_tmp, _ = self.staged.pop("manifest")
        try:
            self.manifest.unlink(missing_ok=True)  # a set being replaced is not vouched for
            for target in self.removed:
                target.unlink(missing_ok=True)
            for tmp, target in self.staged.values():
                os.replace(tmp, target)
            os.replace(manifest_tmp, self.manifest)
        except OSError as exc:
            _unlink(manifest_tmp)
            folder = self.manifest.parent
            raise OutputError(f"{folder}: could not finish writing ({_why(exc)})") from exc
        written = {kind: target for kind, (_, target) in self.staged.items()}
        written.update(self.kept)
        self.staged.clear()
        return {**dict(sorted(written.items())), "manifest": self.manifest}

    def discard(self) -> None:
        for tmp, _ in self.staged.values():
            _unlink(tmp)
        self.staged.clear()


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest's record, or None if it is missing or unreadable (then nothing is kept)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def verified(manifest: dict[str, Any] | None, kind: str, path: Path) -> dict[str, Any] | None:
    """The manifest's entry for kind if the file on disk still has the recorded hash."""
    if not manifest:
        return None
    entry = (manifest.get("files") or {}).get(kind)
    if not isinstance(entry, dict) or not path.is_file():
        return None
    try:
        return entry if sha256_file(path) == entry.get("sha256") else None
    except OSError:
        return None


def _file_record(source: Path, target: Path, folder: Path) -> dict[str, Any]:
    return {
        "path": os.path.relpath(target, folder),
        "sha256": sha256_file(source),
        "bytes": source.stat().st_size,
    }


def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError(f"{folder}: exists and is not a folder") from exc
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({_why(exc)})") from exc


def _share(path: Path) -> None:
    """Maps are for sharing: the usual umask, not mkstemp's private 0600."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def _unlink(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _why(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()
