"""The search index knows every page it was given, once, whichever process made the page.

Pagefind runs beside the build as a service; the main process feeds it its own pages and
the pages worker processes return. A page lost on either path, or given twice, would be
missing from (or doubled in) residents' results.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from frivilligkatalogen.build.search_index import SearchIndex


def indexed_pages(site: Path) -> dict[str, str]:
    """URL → indexed text, read from Pagefind's fragments (gzip JSON after a signature)."""
    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        record = json.loads(data[data.index(b"{"):])
        assert record["url"] not in pages, f"{record['url']} indexed twice"
        pages[record["url"]] = record["content"]
    return pages


def body(number: int) -> str:
    return f"<h1>Lag {number}</h1><p>Vi øver på ordet kodeord{number:04d} hver uke.</p><p data-pagefind-ignore>hemmelig{number:04d}</p>"


def worker_pages(numbers: range) -> list[tuple[str, str]]:
    """What a worker returns for the pages it wrote: their addresses and bodies."""
    return [(f"organisasjoner/lag-{number}/", body(number)) for number in numbers]


def test_pages_from_every_process_are_all_in_the_index(tmp_path):
    from frivilligkatalogen.build.parallel import worker_pool

    site = tmp_path / "site"
    site.mkdir()
    (site / "veiledning").mkdir()
    (site / "veiledning" / "index.html").write_text(
        '<html lang="nb"><body><article data-pagefind-body><h1>Veiledning</h1><p>Slik starter dere et lag.</p></article></body></html>',
        encoding="utf-8",
    )
    (site / "veiledning" / "liste.html").write_text('<html lang="nb"><body><h1>Liste</h1><p>ikkeindeksert</p></body></html>', encoding="utf-8")
    with worker_pool() as pool:  # pages 200-399 from worker processes
        returned = pool.map(worker_pages, [range(200, 300), range(300, 400)])
        index = SearchIndex(site)
        for number in range(200):
            index.add_page(f"organisasjoner/lag-{number}/", body(number))
        for pages in returned:
            for url, text in pages:
                index.add_page(url, text)
    index.finish(skip=("organisasjoner",))

    pages = indexed_pages(site)
    expected = {f"/organisasjoner/lag-{number}/" for number in range(400)} | {"/veiledning/"}
    assert set(pages) == expected  # the unmarked page is left out, as on the site
    for number in (0, 199, 200, 399):
        text = pages[f"/organisasjoner/lag-{number}/"]
        assert f"kodeord{number:04d}" in text and "hemmelig" not in text
    assert "Slik starter dere et lag" in pages["/veiledning/"]


def test_a_pagefind_that_stops_fails_the_build_and_says_how(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    index = SearchIndex(site)
    index.add_page("organisasjoner/a/", body(1))
    index.process.kill()  # Pagefind dies mid-build (out of memory, say)
    index.process.wait()
    index.add_page("organisasjoner/b/", body(2))
    with pytest.raises(RuntimeError, match=r"Pagefind stoppet \(avslutningskode -9\)"):
        index.finish(skip=())
    assert not (site / "pagefind").exists()


def test_a_missing_pagefind_is_named_in_norwegian_and_leaves_nothing_behind(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "finnes-ikke" / "pagefind"))
    before = set(Path(tempfile.gettempdir()).glob("katalog-sok-*"))
    with pytest.raises(RuntimeError, match="Pagefind kunne ikke startes"):
        SearchIndex(tmp_path / "site")
    assert set(Path(tempfile.gettempdir()).glob("katalog-sok-*")) == before


def test_the_build_fails_with_a_message_not_a_traceback_without_pagefind(tmp_path, monkeypatch):
    from conftest import VALID_VENUE, mkdocs_build, write_site

    root = write_site(tmp_path / "nettsted", {"data/venues/hallen.yaml": VALID_VENUE})
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "finnes-ikke"))
    result = mkdocs_build(root, tmp_path / "ut")
    assert result.returncode != 0
    assert "Søkeindeksen kunne ikke lages: Pagefind kunne ikke startes" in result.stderr
    assert "Traceback" not in result.stderr
