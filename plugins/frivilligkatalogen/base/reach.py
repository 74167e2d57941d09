"""The one rule for a phone number and for an e-mail address.

Here, in the first stage, because the site's own options (the coordinator's phone and e-mail)
follow them as much as the data does (``model/values.py`` builds its kinds of value on them)."""

from __future__ import annotations

import re

EMAIL = re.compile(r'^[^@\s<>()\[\],;:"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$')
"""The one rule for an e-mail address. Written so that it is also a valid ECMA-262 regular
expression in Unicode mode (no escaped ``"``): the published JSON Schemas carry it as a
``pattern``, and editors compile those with JavaScript."""


def is_email(text: str) -> bool:
    """True for an e-mail address (the same test as the contract's ``Email`` kind)."""
    return bool(EMAIL.match(text))


def normal_phone(text: str) -> str | None:
    """A Norwegian phone number as stored: ``+47`` and its 8 digits, whether written with or
    without ``+47``/``0047``, spaces, hyphens, dots or brackets; None when it is not one."""
    digits = re.sub(r"[\s\-.()]", "", text)
    if digits.startswith("+47"):
        digits = digits[3:]
    elif digits.startswith("0047"):
        digits = digits[4:]
    return "+47" + digits if re.fullmatch(r"[0-9]{8}", digits) else None


def shown_phone(number: str) -> str:
    """A stored number as people read it: ``+4755123456`` as ``+47 55 12 34 56``."""
    digits = number[3:] if number.startswith("+47") else number
    return "+47 " + " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
