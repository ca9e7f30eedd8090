"""Where built indexes live (see test_gazetteer.py for locking, crashes and pruning)."""

from pathlib import Path

from eventmap.gazetteer import store
from eventmap.gazetteer.integrity import write_manifest


def test_the_cache_directory_can_be_moved(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("EVENTMAP_CACHE_DIR", str(tmp_path))
    assert store.cache_dir() == tmp_path
    monkeypatch.delenv("EVENTMAP_CACHE_DIR")
    assert store.cache_dir().name == "eventmap"


def test_an_existing_index_is_used_as_it_is(monkeypatch, tmp_path: Path) -> None:
    def never(target: Path) -> dict:
        raise AssertionError("rebuilt an index that exists")

    monkeypatch.setattr(store, "source_version", lambda: "cafe")
    (tmp_path / "gazetteer-cafe").mkdir()
    (tmp_path / "gazetteer-cafe" / "meta.json").write_text("{}")
    write_manifest(tmp_path / "gazetteer-cafe")  # as the store leaves a finished build
    monkeypatch.setattr(store, "build_index", never)
    assert store.ensure_index(tmp_path) == tmp_path / "gazetteer-cafe"
