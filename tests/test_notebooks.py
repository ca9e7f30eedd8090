"""The tutorial notebooks run top to bottom, offline, with the venv's own kernel.

Each notebook is executed with nbclient in a kernel whose kernelspec points at this
interpreter (so the editable eventmap is importable, whatever `python` is on PATH). A cell
injected after the "parameters" cell sends every output file to a temporary folder.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = REPO / "notebooks"
SEED = REPO / "seeds" / "000_fe935601f8305200.txt"
NAMES = (
    "01_geocode_places.ipynb",
    "02_join_events.ipynb",
    "03_map_events.ipynb",
    "04_corpus.ipynb",
)
CELL_TIMEOUT_S = 120


@pytest.fixture(scope="module")
def kernel_env(tmp_path_factory: pytest.TempPathFactory):
    """A 'python3' kernelspec for sys.executable, found first through JUPYTER_PATH."""
    root = tmp_path_factory.mktemp("jupyter")
    spec_dir = root / "kernels" / "python3"
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (eventmap test)",
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(root))
        mp.setenv("EVENTMAP_OFFLINE", "1")
        mp.delenv("EVENTMAP_USER_AGENT", raising=False)
        yield


def _inject_parameters(nb: nbformat.NotebookNode, output_dir: Path) -> int:
    """Papermill-style: a cell right after the tagged parameters cell overrides them."""
    index = next(
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", [])
    )
    overrides = (
        f"ARTICLE = {str(SEED)!r}\n"
        f"OUTPUT_DIR = {str(output_dir)!r}\n"
        "ONLINE = False\n"
        "USER_AGENT = None\n"
    )
    nb.cells.insert(
        index + 1, nbformat.v4.new_code_cell(overrides, metadata={"tags": ["injected-parameters"]})
    )
    return index


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_committed_clean(name: str) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "first code cell is the parameters"
    for variable in ("ARTICLE", "OUTPUT_DIR", "ONLINE", "USER_AGENT"):
        assert f"{variable} = " in code[0].source
    assert all(not c.outputs and c.execution_count is None for c in code), "outputs committed"
    assert sum(c.cell_type == "markdown" for c in nb.cells) >= 5, "a story, not just code"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_offline(name: str, kernel_env, tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    out = tmp_path / "out"
    _inject_parameters(nb, out)
    # Last cell: which interpreter ran the kernel (must be this venv's, where eventmap lives).
    nb.cells.append(nbformat.v4.new_code_cell("import sys\nprint(sys.executable)"))
    client = NotebookClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT_S,
        startup_timeout=60,
        allow_errors=False,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    printed = nb.cells[-1].outputs[0]["text"].strip()
    assert Path(printed).resolve() == Path(sys.executable).resolve()
    if name.startswith("02"):
        assert sorted(p.suffix for p in out.iterdir()) == [".csv", ".geojson", ".gpkg"]
    if name.startswith("03"):
        html = out / f"{SEED.stem}.html"
        assert html.is_file() and html.stat().st_size > 10_000
    if name.startswith(("01", "03", "04")):
        assert_maps_render_offline(nb)
    if name.startswith("04"):
        assert (out / "manifest.json").is_file() and (out / "corpus_map.html").is_file()
    # Outputs went to OUTPUT_DIR, not next to the notebooks.
    assert not [p for p in NOTEBOOKS.iterdir() if p.suffix in (".html", ".png", ".gpkg", ".csv")]


REMOTE_ASSET = re.compile(r"<(?:script|link)[^>]*\s(?:src|href)=[\"']?https?://", re.IGNORECASE)


def assert_maps_render_offline(nb: nbformat.NotebookNode) -> None:
    """Inline maps carry Leaflet themselves: a blank cell offline is not a map."""
    maps = [
        html.unescape(output["data"]["text/html"])
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "text/html" in output.get("data", {}) and "leaflet" in output["data"]["text/html"]
    ]
    assert maps, "no inline map displayed"
    for page in maps:
        assert "L.map(" in page or "L.map (" in page
        assert REMOTE_ASSET.search(page) is None, REMOTE_ASSET.search(page).group(0)
