"""The data folder as files to read: what is there, what cannot be read (and why), and where
new files may be written."""

from __future__ import annotations

import os
import re
from pathlib import Path

from frivilligkatalogen.base.errors import Problem
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.model import Grant, Organization, Venue

KINDS = (("organizations", Organization), ("venues", Venue), ("grants", Grant))
"""The folders of records, and the record each file holds."""

KNOWN_ENTRIES = {"organizations", "venues", "grants", "holidays.yaml", "meeting_places.yaml"}
"""What the data folder may hold."""


def unusable_folder(settings: Settings, folder: str) -> str | None:
    """Why new files cannot be written to a record folder (``organizations``, ``venues``), or None:
    a link would make ``katalog new`` and the register import write somewhere else."""
    for path in (settings.data_path, settings.data_path / folder):
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            return t("catalog.not_a_folder", name=site_relative(path, settings.root))
    return None


def data_files(settings: Settings, problems: list[Problem]) -> list[tuple[str, type, Path]] | None:
    """Every record file under the data folder, as (folder, record class, path); None when there is
    no data folder at all. What cannot be read as a record is reported, never passed over in
    silence: links (a pull request must not make the build read another place), subfolders, files
    that are not YAML, and names with control characters. Only hidden files that are not YAML
    (``.gitkeep``, an editor's backup) are left alone."""
    data = settings.data_path
    if data.is_symlink() or (data.exists() and not data.is_dir()):
        problems.append(
            Problem(settings.data_dir, 1, 1, "", t("catalog.not_a_folder", name=settings.data_dir))
        )
        return None
    if not data.is_dir():
        problems.append(
            Problem(settings.data_dir, 1, 1, "", t("catalog.no_data_dir", path=settings.data_dir))
        )
        return None
    for entry in sorted(data.iterdir()):
        hidden_yaml = entry.name.startswith(".") and entry.suffix in (".yaml", ".yml")
        if hidden_yaml:
            problems.append(
                Problem(site_relative(entry, settings.root), 1, 1, "", t("catalog.hidden_yaml"))
            )
        elif entry.name not in KNOWN_ENTRIES and not entry.name.startswith("."):
            problems.append(
                Problem(
                    site_relative(entry, settings.root),
                    1,
                    1,
                    "",
                    t(
                        "catalog.unknown_entry",
                        name=entry.name,
                        known=", ".join(sorted(KNOWN_ENTRIES)),
                    ),
                )
            )
    files = []
    for folder, cls in KINDS:
        directory = data / folder
        relative = site_relative(directory, settings.root)
        if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
            problems.append(Problem(relative, 1, 1, "", t("catalog.not_a_folder", name=relative)))
            continue
        if not directory.exists():
            continue
        for path in sorted(directory.iterdir()):
            problem = _unreadable(path, relative)
            if problem:
                problems.append(Problem(site_relative(path, settings.root), 1, 1, "", problem))
            elif not path.name.startswith("."):
                files.append((folder, cls, path))
    return files


_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff\ud800-\udfff]"
)
"""Characters no file name in the data may have: a name is printed in messages and annotations."""


def _unreadable(path: Path, folder: str) -> str | None:
    """Why a folder entry cannot be read as a record file, or None when it can (or is a hidden
    file that is not YAML, such as ``.gitkeep``)."""
    if _CONTROL.search(path.name):
        return t("catalog.control_in_name")
    if path.is_symlink():
        return t("catalog.linked", folder=folder)
    if path.is_dir():
        return t("catalog.subfolder", folder=folder)
    if path.suffix not in (".yaml", ".yml"):
        return None if path.name.startswith(".") else t("catalog.not_yaml")
    if path.name.startswith("."):
        return t("catalog.hidden_yaml")
    return None


def site_relative(path: Path, root: Path) -> str:
    """The path as the editor knows it, relative to the site root (links are not followed)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()
