"""The search index knows every page it was given, once, whichever process made the page.

Pagefind runs beside the build as a service; the main process feeds it directly,
a forked worker through a file the index reads as it goes. A page lost on either
path, or given twice, would be missing from (or doubled in) residents' results.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from frivilligkatalogen.site_search import SearchIndex


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


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_pages_from_both_processes_are_all_in_the_index(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "veiledning").mkdir()
    (site / "veiledning" / "index.html").write_text(
        '<html lang="nb"><body><article data-pagefind-body><h1>Veiledning</h1><p>Slik starter dere et lag.</p></article></body></html>',
        encoding="utf-8",
    )
    (site / "veiledning" / "liste.html").write_text('<html lang="nb"><body><h1>Liste</h1><p>ikkeindeksert</p></body></html>', encoding="utf-8")
    index = SearchIndex(site)
    pid = os.fork()
    if pid == 0:  # the other process: pages 200-399 through the spill file
        spill = index.spill()
        for number in range(200, 400):
            spill.add_page(f"organisasjoner/lag-{number}/", body(number))
        spill.close()
        os._exit(0)
    for number in range(200):
        index.add_page(f"organisasjoner/lag-{number}/", body(number))
    assert os.waitpid(pid, 0)[1] == 0
    index.finish(skip=("organisasjoner",))

    pages = indexed_pages(site)
    expected = {f"/organisasjoner/lag-{number}/" for number in range(400)} | {"/veiledning/"}
    assert set(pages) == expected  # the unmarked page is left out, as on the site
    for number in (0, 199, 200, 399):
        text = pages[f"/organisasjoner/lag-{number}/"]
        assert f"kodeord{number:04d}" in text and "hemmelig" not in text
    assert "Slik starter dere et lag" in pages["/veiledning/"]
    assert not index.spill_path.exists(), "the spill file is removed"


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
    assert not index.spill_path.exists()


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
