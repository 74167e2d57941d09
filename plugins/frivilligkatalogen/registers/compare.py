"""The catalogue compared with the register: associations it has as deleted, renamed or unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass

from frivilligkatalogen.base.errors import printable
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.registers.readable import code_value, gone_reason, readable_name, text_value

# --- comparing the catalogue with the register
# -------------------------------------------------------


@dataclass
class Finding:
    """One association whose register entry disagrees with the catalogue."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.column}: org_number: {self.message}")


def comparable(name: str) -> str:
    """Names compared without case, punctuation or extra spaces."""
    return re.sub(r"[^0-9a-zæøå]+", " ", name.lower()).strip()


def compare(
    organizations, units: list[dict], positions: dict[str, tuple[int, int]]
) -> list[Finding]:
    """Associations whose organisation number the register has as deleted, under another name, or
    not at all.

    ``organizations`` are the catalogue's; ``positions`` gives the line and column
    of each association's ``org_number`` by id.
    """
    by_number = {
        code_value(unit.get("organisasjonsnummer")): unit
        for unit in units
        if isinstance(unit, dict)
    }
    findings = []
    for org in organizations:
        if not org.org_number:
            continue
        line, column = positions.get(org.id, (1, 1))
        raw = by_number.get(org.org_number)
        if raw is None:
            message = t("registers.unknown", number=org.org_number)
        elif gone_reason(raw):
            message = t("registers.gone", number=org.org_number, reason=gone_reason(raw))
        elif comparable(text_value(raw.get("navn"))) != comparable(org.name):
            message = t(
                "registers.renamed",
                number=org.org_number,
                name=readable_name(text_value(raw.get("navn"))),
                ours=org.name,
            )
        else:
            continue
        findings.append(Finding(org.source.path, line, column, message))
    return findings
