"""The category codes of Frivillighetsregisteret (ICNPO-based).

The codes are the contract's; their Norwegian names are in the locale file
(``categories``), so another language is a translation, not a code change.
"""

from __future__ import annotations

from frivilligkatalogen.base.i18n import table

CATEGORY_CODES = (
    1100,
    1200,
    1300,
    2100,
    2200,
    2300,
    2400,
    3100,
    3200,
    3300,
    3400,
    4100,
    4200,
    4300,
    5100,
    5200,
    6100,
    6200,
    6300,
    7100,
    7200,
    7300,
    8100,
    8200,
    9100,
    10100,
    11100,
    11200,
    11300,
    12100,
    13100,
    14100,
)


def category_name(code: int) -> str:
    """The category's name as the register gives it."""
    return table("categories")[str(code)]
