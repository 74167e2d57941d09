"""A long directory shows the first hundred matches and a button for more; the count covers all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser import SiteServer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synthetic import generate  # noqa: E402


@pytest.fixture(scope="module")
def long_site(tmp_path_factory):
    root = generate(150, tmp_path_factory.mktemp("lang") / "site-root")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795305600")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root, check=True, env=env)
    server = SiteServer(root / "site", prefix="/frivilligkatalogen/")
    yield server.url
    server.stop()


def test_first_hundred_then_more(browser, long_site):
    page = browser.new_page()
    page.goto(long_site + "organisasjoner/")
    page.wait_for_selector("#katalog-filter:not([hidden])")
    assert page.locator("#katalog-liste > li").count() == 100
    assert page.locator("#katalog-antall").inner_text() == "150 organisasjoner"
    more = page.get_by_role("button", name="Vis flere (50 til)")
    more.click()
    assert page.locator("#katalog-liste > li").count() == 150
    assert more.is_hidden()
    page.close()
