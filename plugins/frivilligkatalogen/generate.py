"""Writing the generated pages to a folder, for any static site generator.

Each page becomes ``<url>/index.html``: YAML front matter (title, description,
the data file behind it) and the HTML body. Hugo, Eleventy, Jekyll and Zensical
all read HTML content files with front matter.
"""

from __future__ import annotations

import json
from pathlib import Path

from .pages import PageView


def front_matter(view: PageView) -> str:
    """JSON is valid YAML, so every value is quoted safely whatever it holds."""
    lines = ["---", f"title: {json.dumps(view.title, ensure_ascii=False)}"]
    if view.description:
        lines.append(f"description: {json.dumps(view.description, ensure_ascii=False)}")
    if view.edit_path:
        lines.append(f"source: {json.dumps(view.edit_path)}")
    lines.append(f"section: {json.dumps(view.section)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_pages(views: list[PageView], out: Path, progress=None) -> int:
    """Write every page view under ``out``; returns how many files were written."""
    for index, view in enumerate(views, 1):
        target = out / view.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front_matter(view) + view.body, encoding="utf-8")
        if progress:
            progress(index, len(views))
    return len(views)


def write_files(files, out: Path) -> int:
    """Write the non-page files (feeds, exports) under ``out``, from (address, bytes) pairs."""
    count = 0
    for path, content in files:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        count += 1
    return count
