"""Norwegian public holidays (helligdager), computed, never typed in.

The fixed days and the Easter-based ones: skjærtorsdag, langfredag, første og
andre påskedag, Kristi himmelfartsdag, første og andre pinsedag.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from frivilligkatalogen.base.i18n import t


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the names of the published algorithm
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> dict[date, str]:
    """Every public holiday of a year, with its Norwegian name."""
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "new_year",
        easter - timedelta(days=3): "maundy_thursday",
        easter - timedelta(days=2): "good_friday",
        easter: "easter_sunday",
        easter + timedelta(days=1): "easter_monday",
        date(year, 5, 1): "labour_day",
        date(year, 5, 17): "constitution_day",
        easter + timedelta(days=39): "ascension_day",
        easter + timedelta(days=49): "whit_sunday",
        easter + timedelta(days=50): "whit_monday",
        date(year, 12, 25): "christmas_day",
        date(year, 12, 26): "boxing_day",
    }
    return {day: t("public_holidays." + key) for day, key in sorted(days.items())}


def is_public_holiday(day: date) -> bool:
    return day in public_holidays(day.year)
