"""Writes a benchmark's results table into README.md, between ``<!-- bench:NAME -->`` markers."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def write_table(name: str, table: str) -> None:
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- bench:{name} -->\n).*?(<!-- /bench:{name} -->)", re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no <!-- bench:{name} --> block")
    README.write_text(
        pattern.sub(lambda m: m.group(1) + table.rstrip() + "\n" + m.group(2), text),
        encoding="utf-8",
    )
