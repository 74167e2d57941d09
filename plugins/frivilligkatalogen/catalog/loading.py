"""The whole catalogue: every data file read, checked, and tied together.

:func:`load_catalog` reads ``data/`` into :class:`Catalog`: organizations,
venues, grants and school holidays, plus every problem found in any file. Rules
that span files live here: ids from file names, venue references that must
exist. Nothing downstream runs on a catalogue with problems.
"""

from __future__ import annotations

import copy
import fnmatch
from pathlib import Path

from frivilligkatalogen.base.errors import Problem
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.catalog.contents import Catalog, Source
from frivilligkatalogen.catalog.folders import KINDS, data_files, site_relative
from frivilligkatalogen.load.records import Reading, parse_record
from frivilligkatalogen.load.yaml_source import Scalar, parse_text, read_file
from frivilligkatalogen.model import Holidays, MeetingPlaces
from frivilligkatalogen.model.organization import Organization
from frivilligkatalogen.model.values import is_id

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
    files = data_files(settings, catalog.problems)
    if files is None:
        return catalog
    if settings.only:
        files = [
            f
            for f in files
            if f[0] != "organizations"
            or any(fnmatch.fnmatch(f[2].stem, pattern) for pattern in settings.only)
        ]
    to_read = [
        (folder, cls, path, site_relative(path, settings.root)) for folder, cls, path in files
    ]
    # Read beside this process, records keep no positions (they cost memory and a copy between
    # processes); should the data turn out to be wrong, it is read again here, for messages with
    # lines.
    if keep_positions or len(to_read) < PARALLEL_FROM:
        map_files = None
    for (folder, _cls, path, relative), (record, found) in zip(
        to_read, _read_records(to_read, settings, progress, map_files, cache)
    ):
        catalog.problems.extend(found)
        if record is not None:
            _add_record(catalog, folder, path, relative, record)
    for name, attribute, cls in SINGLE_FILES:
        path = settings.data_path / name
        if path.exists() or path.is_symlink():
            record = _read_record(
                path, site_relative(path, settings.root), cls, settings, catalog.problems, cache
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


def _add_record(catalog: Catalog, folder: str, path: Path, relative: str, record) -> None:
    """A record into its folder's table, its id from its file name (which must be a valid id, and
    not the id of another file)."""
    record.id = path.stem
    if not is_id(path.stem):
        catalog.problems.append(
            Problem(relative, 1, 1, "", t("catalog.bad_file_name", stem=path.stem))
        )
    records = getattr(catalog, folder)
    if record.id in records:
        other = records[record.id].source.path
        catalog.problems.append(
            Problem(relative, 1, 1, "", t("catalog.duplicate_id", id=record.id, other=other))
        )
        return
    records[record.id] = record


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
    return _parse_document(read_file(path), relative, cls, settings, problems)


def _parse_document(document, relative: str, cls: type, settings: Settings, problems: list):
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


def check_candidate(catalog: Catalog, folder: str, stem: str, text: str) -> list[Problem]:
    """The problems ``katalog check`` would find in ``data/<folder>/<stem>.yaml`` if it held
    ``text``, read against the rest of ``catalog`` (the form service checks an answer with it
    before anything is proposed)."""
    settings = catalog.settings
    relative = f"{settings.data_dir}/{folder}/{stem}.yaml"
    cls = dict(KINDS)[folder]
    problems: list[Problem] = []
    record = _parse_document(parse_text(text), relative, cls, settings, problems)
    if isinstance(record, Organization):
        trial = Catalog(settings, venues=catalog.venues)
        _report_unknown_venues(trial, record.source, _venue_references(record))
        problems.extend(trial.problems)
    return sorted(problems)


def _check_references(catalog: Catalog) -> None:
    """Every venue an association or activity names must exist."""
    for org in catalog.organizations.values():
        _report_unknown_venues(catalog, org.source, _venue_references(org))
    meetings = catalog.meeting_places
    if meetings.source is not None:
        refs = [
            (f"meeting_places[{i}].venue", m.venue)
            for i, m in enumerate(meetings.meeting_places)
            if m.venue
        ]
        _report_unknown_venues(catalog, meetings.source, refs)


def _venue_references(org: Organization) -> list[tuple[str, str]]:
    refs = [(f"venues[{i}]", venue) for i, venue in enumerate(org.venues or [])]
    return refs + [
        (f"activities[{i}].venue", a.venue) for i, a in enumerate(org.activities or []) if a.venue
    ]


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
