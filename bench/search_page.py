"""Search page benchmark: the bytes a visitor downloads for ``/sok/?q=korps`` on the example site.

Builds the bundled example (or takes a built site as its argument), serves it on 127.0.0.1 as
GitHub Pages would (under ``/frivilligkatalogen/``), opens ``sok/?q=korps`` in Chromium with an
empty cache, waits until the results are shown, and sums every response Chromium loaded, each
body gzip-compressed (level 6, as a web server compresses on the fly; the wasm and the index
chunks, already compressed by Pagefind, barely change). Prints a table by kind of file and
the total against the 150 KiB budget, which both must keep: for a first visit (everything the
page loads, with the index) and for a visit that comes from the front page (files the front
page loaded then come from the cache and are not counted). The search page is drawn without
Material's stylesheet and script (``adapters/theme/plain.html``), so a first visit costs little
more than Pagefind.

    .venv/bin/python bench/search_page.py [built-site]
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser import CHROMIUM_ARGS, SiteServer, chromium_path  # noqa: E402

BUDGET_KIB = 150
QUERY = "korps"
READY = "#katalog-sok-treff[data-settled] li"
"""The first result, once the list is drawn."""


def build() -> Path:
    out = Path(tempfile.mkdtemp(prefix="katalog-search-")) / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795305600")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)],
        cwd=HERE.parent,
        check=True,
        env=env,
    )
    return out


def kind(path: str) -> str:
    if "/pagefind/" in path:
        name = path.rsplit("/", 1)[-1]
        if name.startswith("wasm."):
            return "Pagefind wasm"
        return "Pagefind JS" if name.endswith(".js") else "Pagefind index"
    suffix = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html"
    return {"js": "JavaScript", "css": "CSS", "html": "HTML"}.get(suffix, suffix)


def load(browser, server_url: str, first: str | None) -> dict[str, bytes]:
    """The responses of ``sok/?q=…`` in a fresh context, after ``first`` if given (whose files
    are then in the cache, and not counted)."""
    context = browser.new_context()
    page = context.new_page()
    seen: dict[str, bytes] = {}

    def record(response):
        try:
            seen[response.url] = response.body()
        except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
            seen.setdefault(response.url, b"")

    page.on("response", record)
    if first is not None:
        page.goto(server_url + first)
        page.wait_for_load_state("networkidle")
    cached = set(seen)
    seen.clear()
    page.goto(server_url + "sok/?q=" + QUERY)
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_load_state("networkidle")
    context.close()
    return {url: body for url, body in seen.items() if url not in cached}


def measure(site: Path) -> dict[str, dict[str, list[int]]]:
    """For a first visit and for one from the front page: per kind of file, [files, raw bytes,
    gzip bytes]."""
    from playwright.sync_api import sync_playwright

    server = SiteServer(site, prefix="/frivilligkatalogen/")
    tables: dict[str, dict[str, list[int]]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            for name, first in (("first visit", None), ("from the front page", "")):
                table = tables.setdefault(name, {})
                for url, body in load(browser, server.url, first).items():
                    row = table.setdefault(kind(urlsplit(url).path), [0, 0, 0])
                    row[0] += 1
                    row[1] += len(body)
                    row[2] += len(gzip.compress(body, compresslevel=6, mtime=0))
            browser.close()
    finally:
        server.stop()
    return tables


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else build()
    tables = measure(site)
    kept = True
    for name, table in tables.items():
        print(f"/sok/?q={QUERY}, {name}: what Chromium loads until the results show")
        print(f"  {'kind':<18}{'files':>6}{'raw KiB':>10}{'gzip KiB':>10}")
        for what, (files, raw, packed) in sorted(table.items(), key=lambda item: -item[1][2]):
            print(f"  {what:<18}{files:>6}{raw / 1024:>10.1f}{packed / 1024:>10.1f}")
        total = sum(row[2] for row in table.values()) / 1024
        files = sum(row[0] for row in table.values())
        raw = sum(row[1] for row in table.values()) / 1024
        verdict = f"budget {BUDGET_KIB}: " + ("kept" if total < BUDGET_KIB else "exceeded")
        print(f"  {'total':<18}{files:>6}{raw:>10.1f}{total:>10.1f}  {verdict}")
        kept = kept and total < BUDGET_KIB
    return 0 if kept else 1


if __name__ == "__main__":
    sys.exit(main())
