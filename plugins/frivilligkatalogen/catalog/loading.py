"""The whole catalogue: every data file read, checked, and tied together.

:func:`load_catalog` reads ``data/`` into :class:`Catalog`: organizations,
venues, grants and school holidays, plus every problem found in any file. Rules
that span files live here: ids from file names, venue references that must
exist. Nothing downstream runs on a catalogue with problems.
"""

from __future__ import annotations

import copy
import fnmatch
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from frivilligkatalogen.base.errors import Problem
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.load.records import Reading, parse_record
from frivilligkatalogen.load.yaml_source import Scalar, read_file
from frivilligkatalogen.model import Activity, Grant, Holidays, MeetingPlaces, Organization, Venue
from frivilligkatalogen.model.values import is_id


@dataclass(frozen=True)
class Source:
    """Where a record came from: the file (relative to the site root) and its values' positions."""

    path: str
    positions: dict = field(hash=False, compare=False)

    def position(self, field_path: str) -> tuple[int, int]:
        return Reading(self.path, None, positions=self.positions).position(field_path)


@dataclass
class Catalog:
    """Everything in ``data/``, valid or with its problems listed."""

    settings: Settings
    organizations: dict[str, Organization] = field(default_factory=dict)
    venues: dict[str, Venue] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    holidays: Holidays = field(default_factory=Holidays)
    meeting_places: MeetingPlaces = field(default_factory=MeetingPlaces)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def is_stale(self, verified: date) -> bool:
        """True when an entry was last confirmed longer ago than the site allows."""
        return verified < self.settings.today - timedelta(days=self.settings.stale_after_days)

    def organizations_by_category(self) -> dict[int, list[Organization]]:
        """Active associations under each category code they name."""
        out: dict[int, list[Organization]] = defaultdict(list)
        for org in self.active_organizations():
            for code in org.categories:
                out[code].append(org)
        return dict(out)

    def sorted_organizations(self) -> list[Organization]:
        """Associations by name (computed once: the catalogue does not change after loading)."""
        cached = self.__dict__.get("_sorted_organizations")
        if cached is None or len(cached) != len(self.organizations):
            cached = sorted(self.organizations.values(), key=lambda o: (o.name.casefold(), o.id))
            self.__dict__["_sorted_organizations"] = cached
        return cached

    def active_organizations(self) -> list[Organization]:
        """Associations that are active (not ``inactive`` or ``closed``), by name: the ones the
        directory, the calendars, the open data and the embeds publish."""
        return [org for org in self.sorted_organizations() if org.is_active]

    def sorted_venues(self) -> list[Venue]:
        return sorted(self.venues.values(), key=lambda v: (v.name.casefold(), v.id))

    def users_of_venue(
        self, venue_id: str
    ) -> tuple[list[Organization], list[tuple[Organization, Activity]]]:
        """Associations that meet at a venue, and activities held there (indexed once, in name
        order)."""
        index = self.__dict__.get("_venue_users")
        if index is None or index[0] != len(self.organizations):
            organizations: dict[str, list[Organization]] = defaultdict(list)
            activities: dict[str, list[tuple[Organization, Activity]]] = defaultdict(list)
            for org in self.sorted_organizations():
                for venue in dict.fromkeys(org.venues or []):
                    organizations[venue].append(org)
                for activity in org.activities or []:
                    if activity.venue:
                        activities[activity.venue].append((org, activity))
            index = (len(self.organizations), organizations, activities)
            self.__dict__["_venue_users"] = index
        return list(index[1].get(venue_id, [])), list(index[2].get(venue_id, []))


KINDS = (("organizations", Organization), ("venues", Venue), ("grants", Grant))
KNOWN_ENTRIES = {"organizations", "venues", "grants", "holidays.yaml", "meeting_places.yaml"}
SINGLE_FILES = (
    ("holidays.yaml", "holidays", Holidays),
    ("meeting_places.yaml", "meeting_places", MeetingPlaces),
)


_PARSED: dict = {}
"""Parsed files by (path, modification time, size, kind), for ``load_catalog(cache=True)``: kept
while a process lives, so ``mkdocs serve`` re-reads only the files that changed between rebuilds."""


def load_catalog(
    settings: Settings,
    progress=None,
    keep_positions: bool = False,
    map_files=None,
    cache: bool = False,
) -> Catalog:
    """Read and check every data file under the site's data folder.

    With ``settings.only`` (id patterns), only the matching associations are read:
    a quick preview of a large catalogue while editing. ``keep_positions`` keeps the
    line and column of every value of a valid catalogue, for reports that name them.
    ``map_files`` (an executor's ``map``, from the build stage) reads a large folder in chunks
    beside this process. ``cache`` keeps the parsed files for the next
    call, which then parses only the files that changed (for the preview server; a
    one-off build would only hold the memory).
    """
    catalog = Catalog(settings)
    files = _data_files(settings, catalog.problems)
    if files is None:
        return catalog
    if settings.only:
        files = [
            f
            for f in files
            if f[0] != "organizations"
            or any(fnmatch.fnmatch(f[2].stem, pattern) for pattern in settings.only)
        ]
    to_read = [(folder, cls, path, _relative(path, settings.root)) for folder, cls, path in files]
    # Read beside this process, records keep no positions (they cost memory and a copy between
    # processes); should the data turn out to be wrong, it is read again here, for messages with
    # lines.
    if keep_positions or len(to_read) < PARALLEL_FROM:
        map_files = None
    for (folder, _cls, path, relative), (record, found) in zip(
        to_read, _read_records(to_read, settings, progress, map_files, cache)
    ):
        catalog.problems.extend(found)
        if record is None:
            continue
        record.id = path.stem
        if not is_id(path.stem):
            catalog.problems.append(
                Problem(relative, 1, 1, "", t("catalog.bad_file_name", stem=path.stem))
            )
        records = getattr(catalog, folder)
        if record.id in records:
            catalog.problems.append(
                Problem(
                    relative,
                    1,
                    1,
                    "",
                    t("catalog.duplicate_id", id=record.id, other=records[record.id].source.path),
                )
            )
            continue
        records[record.id] = record
    for name, attribute, cls in SINGLE_FILES:
        path = settings.data_path / name
        if path.exists() or path.is_symlink():
            record = _read_record(
                path, _relative(path, settings.root), cls, settings, catalog.problems, cache
            )
            if record is not None:
                setattr(catalog, attribute, record)
    _check_references(catalog)
    if map_files is not None and not catalog.ok:
        return load_catalog(settings, progress, keep_positions, cache=cache)
    catalog.problems.sort()
    if catalog.ok and not keep_positions:
        _forget_positions(catalog)
    return catalog


def unusable_folder(settings: Settings, folder: str) -> str | None:
    """Why new files cannot be written to a record folder (``organizations``, ``venues``), or None:
    a link would make ``katalog new`` and the register import write somewhere else."""
    for path in (settings.data_path, settings.data_path / folder):
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            return t("catalog.not_a_folder", name=_relative(path, settings.root))
    return None


def _data_files(settings: Settings, problems: list[Problem]) -> list[tuple[str, type, Path]] | None:
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
                Problem(_relative(entry, settings.root), 1, 1, "", t("catalog.hidden_yaml"))
            )
        elif entry.name not in KNOWN_ENTRIES and not entry.name.startswith("."):
            problems.append(
                Problem(
                    _relative(entry, settings.root),
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
        relative = _relative(directory, settings.root)
        if directory.is_symlink() or (directory.exists() and not directory.is_dir()):
            problems.append(Problem(relative, 1, 1, "", t("catalog.not_a_folder", name=relative)))
            continue
        if not directory.exists():
            continue
        for path in sorted(directory.iterdir()):
            problem = _unreadable(path, relative)
            if problem:
                problems.append(Problem(_relative(path, settings.root), 1, 1, "", problem))
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


def _forget_positions(catalog: Catalog) -> None:
    """Positions only serve error messages; a valid catalogue of a city need not keep millions of
    them."""
    records = [
        *catalog.organizations.values(),
        *catalog.venues.values(),
        *catalog.grants.values(),
        catalog.holidays,
        catalog.meeting_places,
    ]
    for record in records:
        if record.source is not None:
            record.source = Source(record.source.path, {})


def _relative(path: Path, root: Path) -> str:
    """The path as the editor knows it, relative to the site root (links are not followed)."""
    try:
        return Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return path.as_posix()


PARALLEL_FROM = 1000
"""Folders with fewer files than this are read in this process (other processes cost more than they
save)."""


def _read_records(
    to_read: list, settings: Settings, progress, map_files, cache: bool
) -> list[tuple[object, list[Problem]]]:
    """(record or None, problems) for each file of ``to_read``, in order. With ``map_files`` (an
    executor's ``map``), the files are read in chunks by whoever runs it, and the records come
    back without their values' positions (see :func:`load_catalog`)."""
    if map_files is None:
        results = []
        for index, (_, cls, path, relative) in enumerate(to_read, 1):
            if progress:
                progress(index, len(to_read))
            found: list[Problem] = []
            results.append((_read_record(path, relative, cls, settings, found, cache), found))
        return results
    size = max(1, len(to_read) // 16)
    chunks = [
        (
            [(cls, path, relative) for _, cls, path, relative in to_read[start : start + size]],
            settings,
        )
        for start in range(0, len(to_read), size)
    ]
    results = []
    for chunk in map_files(_read_chunk, chunks):
        results += chunk
        if progress:
            progress(len(results), len(to_read))
    return results


def _read_chunk(job: tuple[list, Settings]) -> list[tuple[object, list[Problem]]]:
    """Read some files (a job for another process): records without positions, and problems."""
    files, settings = job
    results = []
    for cls, path, relative in files:
        found: list[Problem] = []
        record = _read_record(path, relative, cls, settings, found)
        if record is not None:
            record.source = Source(record.source.path, {})
        results.append((record, found))
    return results


def _read_record(
    path: Path,
    relative: str,
    cls: type,
    settings: Settings,
    problems: list[Problem],
    cache: bool = False,
):
    try:
        stat = path.lstat()
        key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, cls, tuple(settings.areas))
    except OSError:
        key = None
    if cache and key in _PARSED:
        record, found = _PARSED[key]
        problems.extend(found)
        return copy.copy(record) if record is not None else None
    found: list[Problem] = []
    record = _parse_record_file(path, relative, cls, settings, found)
    problems.extend(found)
    try:
        after = path.lstat()
        unchanged = key is not None and (after.st_mtime_ns, after.st_size) == key[1:3]
    except OSError:
        unchanged = False
    if cache and unchanged:  # a file written while it was read is read again next time
        _PARSED[key] = (record, found)
    return copy.copy(record) if record is not None else None


def _parse_record_file(
    path: Path, relative: str, cls: type, settings: Settings, problems: list[Problem]
):
    document = read_file(path)
    for problem in document.problems:
        problems.append(Problem(relative, problem.line, problem.column, "", problem.message))
    if document.root is None and document.problems:
        return None
    reading = Reading(relative, settings)
    record = parse_record(
        cls, document.root if document.root is not None else Scalar(None, 1, 1), reading
    )
    problems.extend(reading.problems)
    if record is not None:
        record.source = Source(relative, reading.positions)
    return record


def _check_references(catalog: Catalog) -> None:
    """Every venue an association or activity names must exist."""
    for org in catalog.organizations.values():
        refs = [(f"venues[{i}]", venue) for i, venue in enumerate(org.venues or [])]
        refs += [
            (f"activities[{i}].venue", a.venue)
            for i, a in enumerate(org.activities or [])
            if a.venue
        ]
        _report_unknown_venues(catalog, org.source, refs)
    meetings = catalog.meeting_places
    if meetings.source is not None:
        refs = [
            (f"meeting_places[{i}].venue", m.venue)
            for i, m in enumerate(meetings.meeting_places)
            if m.venue
        ]
        _report_unknown_venues(catalog, meetings.source, refs)


def _report_unknown_venues(catalog: Catalog, source: Source, refs: list[tuple[str, str]]) -> None:
    for field_path, venue_id in refs:
        if venue_id not in catalog.venues:
            line, column = source.position(field_path)
            catalog.problems.append(
                Problem(
                    source.path,
                    line,
                    column,
                    field_path,
                    t(
                        "catalog.unknown_venue",
                        id=venue_id,
                        folder=f"{catalog.settings.data_dir}/venues",
                    ),
                )
            )
