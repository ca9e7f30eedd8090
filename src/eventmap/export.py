"""Save maps as one self-contained HTML file or as a PNG rendered by headless Chromium.

A map that needs a CDN is a map that breaks offline, in an archive, or when the CDN
changes. save_html() therefore inlines every script, stylesheet and image from
packages installed from PyPI (xstatic-leaflet, xstatic-leaflet-markercluster,
xstatic-jquery) and drops folium's defaults the map does not use (Bootstrap, Font
Awesome, awesome-markers), so a ten-event map stays in the low hundreds of kB.
show() displays the same inlined page in a notebook.
save_png() renders that file in a local Chromium with every non-file request
blocked, so it never waits on tiles and never leaks what is being mapped.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import tempfile
import warnings
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

from branca.element import Element

from eventmap.errors import BrowserNotFound, PngExportError
from eventmap.outputs import temp_path

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
)
CHROMIUM_CANDIDATES = (
    "/usr/bin/chromium",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
)

_SCRIPT_LINK = re.compile(r'<script src="(https?://[^"]+)"></script>')
_CSS_LINK = re.compile(r'<link rel="stylesheet" href="(https?://[^"]+)"/>')
_JQUERY_USE = re.compile(r"(?<![\w$.])\$\(|\bjQuery\b")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
# folium defaults that only style things eventmap never draws (and cannot be
# inlined from PyPI); dropped unless the page uses them.
_UNUSED_DEFAULTS = {
    "bootstrap.bundle.min.js": None,
    "bootstrap.min.css": None,
    "bootstrap-glyphicons.css": None,
    "leaflet.awesome.rotate.min.css": None,
    "leaflet.awesome-markers.js": "L.AwesomeMarkers",
    "leaflet.awesome-markers.css": "L.AwesomeMarkers",
    "all.min.css": '"prefix": "fa"',
}


class OfflineAssetWarning(UserWarning):
    """A resource of the map could not be inlined, so the saved file needs the network."""


def save_html(m: Element, path: str | os.PathLike[str], self_contained: bool = True) -> Path:
    """Write the map's HTML atomically; inline every asset unless self_contained=False."""
    html = m.get_root().render()
    if self_contained:
        html = inline_assets(html)
    return _atomic_write(Path(path), html.encode("utf-8"))


class InlineMap:
    """A map shown in a notebook with the exported file's inlined assets.

    folium's own notebook display links Leaflet from CDNs, so offline the cell stays blank
    while the saved HTML works; ``show(m)`` displays exactly what save_html() would write
    (only the background tiles need the network).
    """

    def __init__(self, m: Element, height: int = 560) -> None:
        self.map = m
        self.height = int(height)

    def _repr_html_(self) -> str:
        from html import escape

        page = inline_assets(self.map.get_root().render())
        return (
            f'<iframe srcdoc="{escape(page)}" style="width:100%;height:{self.height}px;'
            'border:none;" allowfullscreen></iframe>'
        )


def show(m: Element, height: int = 560) -> InlineMap:
    """Display a folium map (eventmap's or explore()'s) in a notebook, offline-capable."""
    return InlineMap(m, height)


def inline_assets(html: str) -> str:
    """Replace CDN <script>/<link> tags by the same files from installed packages.

    Only the document head holds folium's links; the body may be megabytes of data
    that regular expressions need not scan.
    """
    cut = html.find("</head>")
    head, rest = (html[:cut], html[cut:]) if cut >= 0 else (html, "")
    # Plain substring tests: cheap on 20 MB; a false positive only costs jQuery's size.
    needs_jquery = "$(" in rest or "jQuery" in rest or bool(_JQUERY_USE.search(_strip(head)))

    def script(match: re.Match[str]) -> str:
        url = match.group(1)
        name = url.rsplit("/", 1)[-1]
        if _unused(name, html):
            return ""
        if name.startswith("jquery"):
            if not needs_jquery:
                return ""
            return _inline_js(_read("jquery", "jquery.min.js"))
        if name in ("leaflet.js", "leaflet-src.js"):
            return _inline_js(_read("leaflet", "leaflet.js")) + _default_icon_script()
        if name in ("leaflet.markercluster.js", "leaflet.markercluster-src.js"):
            return _inline_js(_read("leaflet_markercluster", "leaflet.markercluster.js"))
        return _keep(match.group(0), url)

    def stylesheet(match: re.Match[str]) -> str:
        url = match.group(1)
        name = url.rsplit("/", 1)[-1]
        if _unused(name, html):
            return ""
        if name == "leaflet.css":
            return _inline_css(_leaflet_css())
        if name in ("MarkerCluster.css", "MarkerCluster.Default.css"):
            return _inline_css(_read("leaflet_markercluster", name))
        return _keep(match.group(0), url)

    head = _SCRIPT_LINK.sub(script, head)
    return _CSS_LINK.sub(stylesheet, head) + rest


def _strip(head: str) -> str:
    return _CSS_LINK.sub("", _SCRIPT_LINK.sub("", head))


def find_chromium() -> str | None:
    """Path of a local Chromium/Chrome: $EVENTMAP_CHROMIUM first, then the usual names."""
    configured = os.environ.get("EVENTMAP_CHROMIUM")
    if configured:
        found = shutil.which(configured)
        return found if found else None
    for candidate in CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def save_png(
    map_or_html: Element | str | os.PathLike[str],
    path: str | os.PathLike[str],
    size: tuple[int, int] = (1200, 800),
    *,
    timeout_s: float = 30.0,
) -> Path:
    """Screenshot the map in headless Chromium once its markers are drawn."""
    return _atomic_write(Path(path), render_png(map_or_html, size, timeout_s=timeout_s))


def render_png(
    map_or_html: Element | str | os.PathLike[str],
    size: tuple[int, int] = (1200, 800),
    *,
    timeout_s: float = 30.0,
) -> bytes:
    """The PNG bytes of save_png, without writing them (output sets stage them first).

    Every way the browser can fail (not found, found but does not start, crashes, times
    out) is a PngExportError with one line that says which browser and what happened.
    """
    executable = find_chromium()
    if executable is None:
        raise BrowserNotFound(
            "No Chromium found to render the PNG. Install one with your system package "
            "manager (Debian/Ubuntu: `apt-get install chromium`) or point "
            "EVENTMAP_CHROMIUM at a Chrome/Chromium binary. eventmap never downloads "
            "browsers (no `playwright install`)."
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dependency
        raise BrowserNotFound("PNG export needs Playwright: pip install playwright") from exc

    def shoot(html_path: Path) -> bytes:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=executable, args=list(CHROMIUM_ARGS), headless=True
            )
            try:
                page = browser.new_page(
                    viewport={"width": int(size[0]), "height": int(size[1])},
                    device_scale_factor=1,
                )
                page.route("**/*", offline_route)
                page.goto(html_path.resolve().as_uri(), wait_until="load")
                wait_until_drawn(page, timeout_s)
                return page.screenshot(type="png")
            finally:
                browser.close()

    with tempfile.TemporaryDirectory(prefix="eventmap-png-") as tmp:
        html_path = _html_file(map_or_html, Path(tmp))
        # Playwright's sync API refuses to run where an asyncio loop is running
        # (Jupyter, or inside another sync_playwright): a worker thread has none.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventmap-png") as pool:
            try:
                return pool.submit(shoot, html_path).result()
            except Exception as exc:
                raise PngExportError(
                    f"Chromium at {executable} could not render the PNG: {_first_line(exc)}"
                ) from exc


def _first_line(exc: BaseException) -> str:
    """Playwright's messages run to dozens of lines (call log); the first says what broke."""
    for line in str(exc).splitlines():
        line = line.strip().strip("╔═╗║╚╝ ")
        if line:
            return line[:300]
    return type(exc).__name__


def offline_route(route: Any) -> None:
    """Playwright route handler: let file: and data: through, abort everything else."""
    if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()


def wait_until_drawn(page: Any, timeout_s: float = 30.0) -> None:
    """Wait for eventmap's ready flag (or, for other folium maps, the map container)."""
    timeout = timeout_s * 1000
    if page.evaluate("() => typeof window.eventmap !== 'undefined'"):
        page.wait_for_function("() => window.__eventmapReady === true", timeout=timeout)
    else:
        page.wait_for_selector(".leaflet-container", timeout=timeout)
    # two animation frames: markers added in the last script are laid out and painted
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(1))))"
    )


def _html_file(map_or_html: Element | str | os.PathLike[str], tmp: Path) -> Path:
    if isinstance(map_or_html, Element):
        return save_html(map_or_html, tmp / "map.html")
    if isinstance(map_or_html, str) and "<" in map_or_html:
        target = tmp / "map.html"
        target.write_text(map_or_html, encoding="utf-8")
        return target
    candidate = Path(map_or_html)
    if not candidate.is_file():
        raise FileNotFoundError(f"not a map, HTML text or HTML file: {map_or_html!s:.80}")
    return candidate


def _atomic_write(path: Path, data: bytes) -> Path:
    """Write next to the target then rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_name = temp_path(path)  # named after this process: a killed run's leftover is cleaned
    fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return path


def _unused(name: str, html: str) -> bool:
    if name not in _UNUSED_DEFAULTS:
        return False
    marker = _UNUSED_DEFAULTS[name]
    return marker is None or marker not in html


def _keep(tag: str, url: str) -> str:
    warnings.warn(
        f"{url} has no offline copy; the saved map needs the network for it",
        OfflineAssetWarning,
        stacklevel=4,
    )
    return tag


def _inline_js(code: str) -> str:
    code = _SOURCE_MAP.sub("", code).replace("</script", "<\\/script")
    return f"<script>{code}</script>"


def _inline_css(code: str) -> str:
    code = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", code).replace("</style", "<\\/style")
    return f"<style>{code}</style>"


@lru_cache(maxsize=16)
def _read(package: str, name: str) -> str:
    return (_xstatic_dir(package) / name).read_text(encoding="utf-8")


def _xstatic_dir(package: str) -> Path:
    import importlib

    module = importlib.import_module(f"xstatic.pkg.{package}")
    return Path(module.BASE_DIR)


def _data_uri(package: str, relative: str) -> str:
    data = (_xstatic_dir(package) / relative).read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


@lru_cache(maxsize=1)
def _leaflet_css() -> str:
    def replace(match: re.Match[str]) -> str:
        return f'url("{_data_uri("leaflet", "images/" + match.group(2))}")'

    return re.sub(r"url\((['\"]?)images/([\w.-]+)\1\)", replace, _read("leaflet", "leaflet.css"))


@lru_cache(maxsize=1)
def _default_icon_script() -> str:
    """Leaflet's default marker images as data URIs (it would look for images/ next to us)."""
    return (
        "<script>L.Icon.Default.imagePath = '';L.Icon.Default.mergeOptions({"
        f"iconUrl: '{_data_uri('leaflet', 'images/marker-icon.png')}',"
        f"iconRetinaUrl: '{_data_uri('leaflet', 'images/marker-icon-2x.png')}',"
        f"shadowUrl: '{_data_uri('leaflet', 'images/marker-shadow.png')}'}});</script>"
    )
