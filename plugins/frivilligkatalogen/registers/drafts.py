"""Draft data files for associations found in the public registers (``katalog import brreg``).

A municipality starting from nothing gets one YAML draft per association of
Enhetsregisteret that is not in ``data/`` yet (matched by organisation number).
A draft is marked ``verified: ubekreftet``: it fails ``katalog check`` with a
message saying so until someone has confirmed it with the association. Deleted,
bankrupt and dissolving units are skipped and listed; running the import again
writes nothing that already exists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.load.yaml_source import Mapping, read_file
from frivilligkatalogen.model.values import is_id, org_number_is_valid, slugify
from frivilligkatalogen.model.vocabulary import UNCONFIRMED
from frivilligkatalogen.registers.readable import (
    Unit,
    clean,
    in_municipality,
    is_association,
    unit_from_register,
)
from frivilligkatalogen.registers.yaml_writer import dump


@dataclass
class ImportResult:
    """What an import did."""

    written: list[Path] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    """Organisation numbers already in the catalogue (left as they are)."""
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    """(organisation number, register name, reason) of units not imported."""


def known_numbers(data_path: Path) -> dict[str, Path]:
    """Organisation numbers already in ``data/organizations/``, whatever state the files are in.

    Read straight from each file's ``org_number`` (a draft that does not pass the
    check yet still counts, so a second import does not write it twice).
    """
    found: dict[str, Path] = {}
    for path in sorted((data_path / "organizations").glob("*.y*ml")):
        document = read_file(path)
        root = document.root
        if isinstance(root, Mapping) and "org_number" in root.values:
            value = getattr(root.values["org_number"], "value", None)
            if value is not None:
                found[re.sub(r"\s", "", str(value))] = path
    return found


def draft_record(unit: Unit) -> dict:
    """The draft's fields in the contract's order."""
    contact = {"email": unit.email, "phone": unit.phone, "website": unit.website}
    record: dict = {
        "name": unit.name,
        "org_number": unit.org_number,
        "categories": unit.categories,
        "description": unit.purpose,
        "contact": {key: value for key, value in contact.items() if value},
    }
    if unit.postal_code or unit.street or unit.city:
        record["address"] = {
            key: value
            for key, value in (
                ("street", unit.street),
                ("postal_code", unit.postal_code),
                ("city", unit.city),
            )
            if value
        }
    record["registered_in_frivillighetsregisteret"] = (
        "true" if unit.voluntary else "false"
    )  # every value is written quoted; the contract types it
    return record


def draft_text(unit: Unit, today) -> str:
    """The draft file: a comment saying what to review, the fields, and ``verified: ubekreftet``."""
    comments = [
        t("import.header", date=today.isoformat(), number=unit.org_number),
        t("import.header_review"),
        t("import.header_verify"),
        t("import.header_schema"),
    ]
    if unit.categories_guessed:
        comments.append(t("import.categories_guessed"))
    if not (unit.email or unit.phone or unit.website):
        comments.append(t("import.no_contact"))
    comments += unit.notes
    record = draft_record(unit)
    body = dump(record)
    if not record["contact"]:
        body = re.sub(
            r"^contact: \{\}$",
            "contact: {}  # " + t("import.fill_in_contact"),
            body,
            flags=re.M,
        )
    header = "".join(f"# {line}\n" for comment in comments for line in _wrap(comment))
    return header + body + f"\nverified: {UNCONFIRMED}\n"


def _wrap(text: str, width: int = 88) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return lines + ([line] if line else [])


def import_units(
    raw_units: list[dict],
    settings: Settings,
    categories: dict[str, list[int]] | None = None,
    municipality: str | None = None,
) -> ImportResult:
    """Write a draft for every active association not yet in the catalogue (of one municipality,
    when given)."""
    result = ImportResult()
    folder = settings.data_path / "organizations"
    known = known_numbers(settings.data_path)
    taken = {path.stem for path in folder.glob("*")} if folder.is_dir() else set()
    seen: set[str] = set()
    for raw in raw_units:
        if not isinstance(raw, dict) or not (
            municipality and not in_municipality(raw, municipality)
        ):
            unit = _importable(raw, categories, result, known, seen)
            if unit is not None:
                stem = _free_stem(unit, taken)
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / f"{stem}.yaml"
                path.write_text(draft_text(unit, settings.today), encoding="utf-8")
                result.written.append(path)
    return result


def _importable(raw, categories, result: ImportResult, known: dict, seen: set[str]) -> Unit | None:
    """The unit made readable when it is a new, active association; else None, and the result
    says why (skipped, with the reason, or already in the catalogue)."""
    if not isinstance(raw, dict):  # a number, a text, a list where a unit should be
        result.skipped.append(("?", "?", t("registers.malformed")))
        return None
    try:
        unit = unit_from_register(raw, categories)
    except (
        TypeError,
        ValueError,
        AttributeError,
        KeyError,
        RecursionError,
    ):  # a shape no reader expects
        result.skipped.append(
            (clean(str(raw.get("organisasjonsnummer")))[:20] or "?", "?", t("registers.malformed"))
        )
        return None
    number = unit.org_number
    if not org_number_is_valid(number):
        result.skipped.append((number or "?", unit.register_name, t("registers.bad_number")))
    elif number in known:
        result.existing.append(number)
    elif number in seen:
        pass
    elif unit.gone:
        seen.add(number)
        result.skipped.append((number, unit.register_name, unit.gone))
    elif not is_association(unit):
        seen.add(number)
        result.skipped.append(
            (number, unit.register_name, t("registers.not_voluntary", form=unit.form or "?"))
        )
    else:
        seen.add(number)
        return unit
    return None


def _free_stem(unit: Unit, taken: set[str]) -> str:
    """A file name for the draft that no file has, whatever state that file is in."""
    stem = slugify(unit.name, "forening")
    if stem in taken or not is_id(stem):
        stem = f"{stem}-{unit.org_number}"
    counter = 2
    while stem in taken:
        stem = f"{slugify(unit.name, 'forening')}-{unit.org_number}-{counter}"
        counter += 1
    taken.add(stem)
    return stem
