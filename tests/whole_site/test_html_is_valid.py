"""The Nu Html Checker (the W3C's validator, ``vnu.jar`` from npm, run with Java) finds no error
in the markup of the project's own templates, on every page template in both editions.

Two errors it reports come from Material's own templates, which the project does not change
(``base.html`` and ``partials/nav.html`` are not overridable blocks); they are listed here as
documented false positives, each recognised by its message and by Material's markup."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from test_pages_meet_wcag_21_aa import TEMPLATES

VNU = Path(__file__).resolve().parents[1] / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIALS_OWN = (
    # <input class="md-toggle" type="checkbox" autocomplete="off"> in Material's base.html
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # <label class="md-nav__link" tabindex=""> in Material's partials/nav-item.html
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'),
)


def materials_own(message: dict) -> bool:
    return any(message["message"].startswith(text) and markup in message.get("extract", "") for text, markup in MATERIALS_OWN)


def test_the_nu_html_checker_finds_no_error_in_our_markup(example_site):
    assert VNU.is_file(), "scripts/test.sh installs vnu.jar (npm ci --prefix tests/tools)"
    assert shutil.which("java"), "scripts/test.sh installs Java (default-jre-headless)"
    pages = []
    for url in [*TEMPLATES.values(), "en/", "en/organisasjoner/", "en/bli-frivillig/", "en/kontakt/"]:
        path = url.split("?")[0]
        file = example_site / (path if path.endswith(".html") else path + "index.html")
        pages.append(str(file if file.is_file() else example_site / "404.html"))
    checked = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(set(pages))], capture_output=True, text=True)
    messages = json.loads(checked.stderr)["messages"]
    assert len(pages) > 15
    ours = [(m.get("url", "").rsplit("/", 2)[-2:], m["message"], m.get("extract", "")) for m in messages if not materials_own(m)]
    assert ours == [], json.dumps(ours, ensure_ascii=False, indent=1)
    assert any(materials_own(m) for m in messages)  # the checker ran and saw the pages


