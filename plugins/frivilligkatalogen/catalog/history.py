"""How often, and when, each activity last changed: read from the data's git history.

Calendar clients only take a changed event seriously when its ``SEQUENCE`` and
``LAST-MODIFIED`` rise. A static build has no memory of its own, but the build
has the repository: for every data file, each committed version is read back,
and an activity's version number is the count of times its own part of the file
changed. An uncommitted change counts as one more, dated by the file's
modification time. Outside git every activity is version 0, dated by the file.

All versions of all files come from two git commands (``git log`` and one
``git cat-file --batch``), however many files there are.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from frivilligkatalogen.base.errors import printable
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.records import Reading, parse_record
from frivilligkatalogen.load.yaml_source import parse_text


@dataclass(frozen=True)
class Version:
    """An item's version number and when that version was made (UTC)."""

    sequence: int
    modified: datetime


def fingerprint(value) -> str:
    """A stable digest of a parsed record (dataclass ``repr`` is deterministic)."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


@dataclass
class History:
    """Committed versions of the data files, oldest first: path -> [(commit time, text)]."""

    root: Path
    versions: dict[str, list[tuple[datetime, str]]] = field(default_factory=dict)
    _parsed: dict = field(default_factory=dict, repr=False)

    def records(self, relative_path: str, record_type: type) -> list[tuple[datetime, object]]:
        """The committed versions of a file, parsed (versions that do not parse are left out)."""
        key = (relative_path, record_type)
        if key not in self._parsed:
            parsed = []
            for when, text in self.versions.get(relative_path, []):
                document = parse_text(text)
                if document.root is None:
                    continue
                record = parse_record(
                    record_type, document.root, Reading(relative_path, _AnySettings())
                )
                if record is not None:
                    parsed.append((when, record))
            self._parsed[key] = parsed
        return self._parsed[key]

    def first_seen(self, relative_path: str, record_type: type, pick) -> datetime:
        """When an item of a file was first committed (``pick(record)`` returns it, or None
        when a version does not hold it); the file's time when no commit holds it yet."""
        for when, record in self.records(relative_path, record_type):
            if pick(record) is not None:
                return when
        return _mtime(self.root / relative_path)

    def version(self, relative_path: str, record_type: type, pick, current) -> Version:
        """The version of one item of a file.

        ``pick(record)`` returns the item in a parsed version of the file (or None
        when the version does not hold it); ``current`` is the item as it is now.
        """
        now_print = fingerprint(current)
        sequence, modified, last_print = 0, None, None
        for when, record in self.records(relative_path, record_type):
            item = pick(record)
            if item is None:
                continue
            item_print = fingerprint(item)
            if last_print is None:
                modified = when
            elif item_print != last_print:
                sequence += 1
                modified = when
            last_print = item_print
        if last_print is None or now_print != last_print:
            if last_print is not None:
                sequence += 1
            modified = _mtime(self.root / relative_path)
        return Version(sequence, modified)


class _AnySettings:
    """Old versions are read for their content only; any area is accepted."""

    areas: list = []


def _mtime(path: Path) -> datetime:
    try:
        stamp = int(path.stat().st_mtime)
    except OSError:
        stamp = 0
    return datetime.fromtimestamp(stamp, tz=UTC)


def read_history(root: Path, data_dir: str) -> History:
    """Every committed version of every file under the data folder; empty outside git."""
    history = History(root)
    try:
        top = _git(root, "rev-parse", "--show-toplevel").strip()
    except (OSError, subprocess.CalledProcessError):
        return history
    top_path = Path(top).resolve()
    try:
        prefix = root.resolve().relative_to(top_path).as_posix()
    except ValueError:
        return history
    prefix = "" if prefix == "." else prefix + "/"
    log = _git(
        root,
        "log",
        "--format=%x00%H %ct",
        "--name-only",
        "--no-renames",
        "--diff-filter=AM",
        "--",
        data_dir,
    )
    wanted: list[tuple[str, str, datetime]] = []
    for block in log.split("\x00")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        commit, stamp = lines[0].split()
        when = datetime.fromtimestamp(int(stamp), tz=UTC)
        for name in lines[1:]:
            if name.startswith(prefix) and name.endswith((".yaml", ".yml")):
                wanted.append((commit, name, when))
    if not wanted:
        return history
    request = "".join(f"{commit}:{name}\n" for commit, name, _ in wanted).encode("utf-8")
    output = subprocess.run(
        ["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True, check=True
    ).stdout
    position = 0
    for _commit, name, when in wanted:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        position = header_end + 1
        if len(header) < 3 or header[1] == b"missing":
            continue
        size = int(header[2])
        text = output[position : position + size].decode("utf-8", errors="replace")
        position += size + 1
        history.versions.setdefault(name[len(prefix) :], []).append((when, text))
    for entries in history.versions.values():
        entries.reverse()  # git log is newest first
        entries.sort(key=lambda entry: entry[0])
    return history


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, check=True, text=True
    ).stdout


_CONFIRMATION_LINE = re.compile(r"^[+-]verified: \d{4}-\d{2}-\d{2}$")


def beyond_confirmation(root: Path, data_dir: str, base: str) -> list[str]:
    """What the commits since ``base`` change besides one ``verified`` date per entry file; an
    empty list for an "Alt stemmer" change, which a workflow may then merge by itself."""
    found = []
    names = _git(root, "diff", "--name-status", "--no-renames", f"{base}...HEAD").splitlines()
    for line in names:
        status, _, path = line.partition("\t")
        folder = path.rpartition("/")[0]
        if status != "M" or folder not in (f"{data_dir}/organizations", f"{data_dir}/venues"):
            found.append(t("catalog.beyond_confirmation_file", path=printable(path)))
    diff = _git(root, "diff", "--unified=0", "--no-color", f"{base}...HEAD", "--", data_dir)
    per_file: dict[str, list[str]] = {}
    current = ""
    for line in diff.splitlines():
        if line.startswith("+++ ") or line.startswith("--- "):
            current = line[6:] if line.startswith("+++ b/") else current
        elif line[:1] in "+-":
            per_file.setdefault(current, []).append(line)
    for path, lines in per_file.items():
        if len(lines) != 2 or not all(_CONFIRMATION_LINE.match(line) for line in lines):
            found.append(t("catalog.beyond_confirmation_lines", path=printable(path)))
    return found
