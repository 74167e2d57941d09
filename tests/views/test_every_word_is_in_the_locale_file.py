"""Every string a person sees comes from one locale file, and that file is sound."""

from __future__ import annotations

import re
from pathlib import Path

from frivilligkatalogen.base.i18n import LOCALES, strings
from frivilligkatalogen.load.yaml_source import parse_text

PACKAGE = LOCALES.parent


def test_locale_file_has_no_duplicate_keys():
    document = parse_text((LOCALES / "nb.yaml").read_text(encoding="utf-8"))
    assert document.problems == []


def test_every_key_the_code_asks_for_exists():
    table = strings("nb")
    used = set()
    for path in list(PACKAGE.rglob("*.py")) + list(PACKAGE.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text))
        used |= {key + "_one" for key in re.findall(r"""\bt_count\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text)}
    missing = sorted(key for key in used if key not in table and not key.endswith("_"))  # "key_" ~ variable: built keys
    assert missing == []
    assert len(used) > 100
