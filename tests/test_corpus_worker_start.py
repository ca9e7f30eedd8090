"""Local workers forked from a forkserver that loaded worker_start: the extraction's modules
imported, Arrow on the C library's malloc, the run's extractor opened once, and dropped by a
worker whose index folder was replaced since. In a fresh interpreter: a forkserver serves
every cluster of the process that started it, so this test's must not be an earlier test's."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from eventmap.gazetteer import ensure_index

SCRIPT = """
import json, os, sys
from eventmap.corpus.cluster import executor, worker_state

def states():
    with executor(workers=2, gazetteer=sys.argv[1]) as ex:
        return list(ex.map_unordered(worker_state, [1, 2]))

if __name__ == "__main__":
    first = states()
    os.rename(sys.argv[1], sys.argv[1] + ".old")  # the index rebuilt under the same name
    os.rename(sys.argv[2], sys.argv[1])
    print(json.dumps([first, states()]))
"""


def _hardlinked_copy(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, copy_function=lambda a, b: Path(b).hardlink_to(a))


def test_workers_fork_with_the_extractor_open_and_drop_it_for_a_replaced_index(
    tmp_path: Path,
) -> None:
    index = tmp_path / "gazetteer"
    _hardlinked_copy(ensure_index(), index)
    _hardlinked_copy(ensure_index(), tmp_path / "rebuilt")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(index), str(tmp_path / "rebuilt")],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    first, after = json.loads(done.stdout.strip().splitlines()[-1])
    opened = {"preloaded": True, "arrow_pool": "system", "extractors": [str(index)]}
    assert first == [opened, opened]
    assert after == [opened | {"extractors": []}] * 2


SPAWN = """
import json, multiprocessing, sys
multiprocessing.get_all_start_methods = lambda: ["spawn"]  # as on Windows
from eventmap.corpus.cluster import executor, worker_state

if __name__ == "__main__":
    with executor(workers=1, gazetteer=sys.argv[1]) as ex:
        print(json.dumps(list(ex.map_unordered(worker_state, [1]))))
"""


def test_without_a_forkserver_each_worker_loads_worker_start_itself() -> None:
    index = str(ensure_index())
    done = subprocess.run(
        [sys.executable, "-c", SPAWN, index],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    states = json.loads(done.stdout.strip().splitlines()[-1])
    assert states == [{"preloaded": True, "arrow_pool": "system", "extractors": [index]}]
