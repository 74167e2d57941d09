"""The one rule for an address line that goes through a person.

Addresses copied from Enhetsregisteret often read ``c/o Kari Nordmann, Storgata 1``
or ``v/ Kari Nordmann``: a board member's name, and usually that person's home.
Such a line is never published, and nor is the street with it: the site's pages,
the open data, the structured data and the register import all ask this module.
"""

from __future__ import annotations

import re

THROUGH_PERSON = re.compile(
    r"(?<![^\W_])(c\s*/\s*o\b|c\.\s*o\b\.?|co\s|v\s*/|att(n)?\s*[:.]|℅)|^\s*att(n)?\s",
    re.IGNORECASE,
)
"""A line that names a person the mail goes through: ``c/o``, ``c.o.``, ``co``, ``v/``, ``Att:``,
``℅``,
wherever it stands in the line (after a space, a comma or a bracket, not inside a word)."""


def goes_through_person(line: str | None) -> bool:
    """True when an address line names a person the mail goes through."""
    return bool(line) and THROUGH_PERSON.search(line) is not None
