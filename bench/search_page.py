"""Search page benchmark: the bytes a visitor downloads for ``/sok/?q=korps`` on the example site.

Builds the bundled example (or takes a built site as its argument), serves it on 127.0.0.1 as
GitHub Pages would (under ``/frivilligkatalogen/``), opens ``sok/?q=korps`` in Chromium with an
empty cache, waits until the results are shown, and sums every response Chromium loaded, each
body gzip-compressed (level 6, as a web server compresses on the fly; the wasm and the index
chunks, already compressed by Pagefind, barely change). Prints a table by kind of file and
the total against the 150 KiB budget: for a first visit (the theme's CSS and JavaScript
included) and for a visit that comes from another page of the site (the theme's files, which
every page shares, then cached: "(cached)" rows, left out of that total).

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


def measure(site: Path) -> dict[str, list[int]]:
    """Per kind of file: [files, raw bytes, gzip bytes]."""
    from playwright.sync_api import sync_playwright

    server = SiteServer(site, prefix="/frivilligkatalogen/")
    seen: dict[str, bytes] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=CHROMIUM_ARGS
            )
            page = browser.new_page()

            def record(response):
                try:
                    seen[response.url] = response.body()
                except Exception:  # noqa: BLE001 - a redirect or an aborted request has no body
                    seen.setdefault(response.url, b"")

            page.on("response", record)
            page.goto(server.url)  # a visit starts elsewhere: the theme's files are then cached
            page.wait_for_load_state("networkidle")
            before = set(seen)
            seen.clear()
            page.goto(server.url + "sok/?q=" + QUERY)
            page.wait_for_selector("#katalog-sok-treff[data-settled] li", timeout=120_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.stop()
    table: dict[str, list[int]] = {}
    for url, body in seen.items():
        name = kind(urlsplit(url).path) + (" (cached)" if url in before else "")
        row = table.setdefault(name, [0, 0, 0])
        row[0] += 1
        row[1] += len(body)
        row[2] += len(gzip.compress(body, compresslevel=6, mtime=0))
    return table


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else build()
    table = measure(site)
    print(f"/sok/?q={QUERY}: what Chromium loads until the results show")
    print(f"{'kind':<22}{'files':>6}{'raw KiB':>10}{'gzip KiB':>10}")
    for name, (files, raw, packed) in sorted(table.items(), key=lambda item: -item[1][2]):
        print(f"{name:<22}{files:>6}{raw / 1024:>10.1f}{packed / 1024:>10.1f}")
    total = sum(row[2] for row in table.values()) / 1024
    own = sum(row[2] for name, row in table.items() if "cached" not in name) / 1024
    files = sum(row[0] for row in table.values())
    print(f"{'first visit':<22}{files:>6}{'':>10}{total:>10.1f}")
    print(f"{'from another page':<22}{'':>6}{'':>10}{own:>10.1f}")
    for label, value in (("first visit", total), ("from another page", own)):
        print(f"budget {BUDGET_KIB} KiB, {label}: {'kept' if value < BUDGET_KIB else 'exceeded'}")
    return 0 if own < BUDGET_KIB else 1


if __name__ == "__main__":
    sys.exit(main())
