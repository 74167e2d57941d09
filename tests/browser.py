"""A real browser on a real server: Debian's Chromium driven by Playwright, the site served on 127.0.0.1."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-quic",
]


class StaticHostHandler(SimpleHTTPRequestHandler):
    """Like GitHub Pages: the site under a path prefix, 404.html for what is missing."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".ics": "text/calendar; charset=utf-8", ".wasm": "application/wasm"}
    prefix = "/"

    def translate_path(self, path):
        if path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        else:
            path = "/\x00missing"
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class SiteServer:
    """Serves a built site folder on a free port of 127.0.0.1, under ``prefix``, until stopped."""

    def __init__(self, root: Path, prefix: str = "/"):
        handler = functools.partial(type("Handler", (StaticHostHandler,), {"prefix": prefix}), directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


PATIENCE_MS = 180_000
"""How long a browser test waits for a condition before it fails. A test waits for what it needs,
never for a fixed time: a quiet machine answers in a second, a busy 2-core one compiles Pagefind's
WebAssembly and fetches its index chunks much more slowly, and both must pass."""

SEARCH_SETTLED = """() => !!document.querySelector('#katalog-sok-treff[data-settled]')"""
"""True once the search page has answered the query in its field: assets/search.js marks its result
list ``data-settled`` when the results (or none) are drawn and counted in the live region, and
takes the mark away while a new query runs."""


class PatientBrowser:
    """Playwright's browser, whose pages and contexts wait as long as a busy machine needs."""

    def __init__(self, browser):
        self.browser = browser

    def new_context(self, **options):
        context = self.browser.new_context(**options)
        context.set_default_timeout(PATIENCE_MS)
        context.set_default_navigation_timeout(PATIENCE_MS)
        return context

    def new_page(self, **options):
        page = self.browser.new_page(**options)
        page.set_default_timeout(PATIENCE_MS)
        page.set_default_navigation_timeout(PATIENCE_MS)
        return page


RESULT = "#katalog-sok-treff > li"
"""One result of the search page: a heading with the link, and the excerpt or summary."""


def wait_for_search(page, results: bool = True) -> None:
    """Wait until Pagefind has answered the query in the address and drawn every result."""
    page.wait_for_function(SEARCH_SETTLED, timeout=PATIENCE_MS)
    if results:
        page.wait_for_selector(RESULT, timeout=PATIENCE_MS)


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violations(page) -> list[str]:
    """What axe-core finds against WCAG 2.0/2.1 A and AA (and 2.2 AA) on the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']}: {v['nodes'][0]['target']} {v['nodes'][0].get('failureSummary', '')[:200]}" for v in result.response["violations"]]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    assert path, "Chromium is missing: scripts/test.sh installs it (apt-get install chromium)"
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, timeout=PATIENCE_MS)
        yield PatientBrowser(instance)
        instance.close()


@pytest.fixture(scope="session")
def served_example(example_site):
    server = SiteServer(example_site, prefix="/frivilligkatalogen/")  # as site_url in mkdocs.yml
    yield server.url
    server.stop()
