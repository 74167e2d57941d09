"""Writing the generated pages to a folder, for any static site generator.

Each page becomes ``<url>/index.html``: YAML front matter (title, description,
the data file behind it) and the HTML body. Hugo, Eleventy, Jekyll and Zensical
all read HTML content files with front matter.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from frivilligkatalogen.base.errors import KatalogError, printable
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.views.pages import PageView


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


GENERATED_MARK = ".katalog-generate"
"""The file that marks a folder as written by :func:`replace_folder`, which may then replace it
whole."""


class FolderRefused(KatalogError):
    """A target folder that must not be replaced (it holds something else); the message says why."""


def replace_folder(out: Path, keep: Path, write: Callable[[Path], int]) -> int:
    """Have ``write`` fill a new folder beside ``out``, then put it in ``out``'s place: a failure
    leaves ``out`` as it was. Only an empty folder, or one written here before, is replaced, and
    never one that holds ``keep`` (the site) or the current folder. Returns what ``write``
    returns."""
    out = Path(os.path.abspath(out))
    cwd = Path.cwd()
    ours = (
        out.is_dir()
        and not out.is_symlink()
        and (not any(out.iterdir()) or (out / GENERATED_MARK).is_file())
    )
    if (
        out.parent == out
        or out.is_symlink()
        or (out.exists() and not ours)
        or Path(os.path.abspath(keep)).is_relative_to(out)
        or cwd.is_relative_to(out)
    ):
        raise FolderRefused(t("cli.out_not_ours", out=printable(str(out)), mark=GENERATED_MARK))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)  # as a folder made the usual way, not mkdtemp's private 0700
        count = write(staging)
        (staging / GENERATED_MARK).write_text(t("cli.generated_mark") + "\n", encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count
