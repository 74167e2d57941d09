"""The year as one view (årshjul): deadlines, meeting places, campaign days, school holidays.

Built from the data and the site's ``campaigns`` setting, for the coming twelve
months; the "Årshjul" page shows it month by month and ``kalender/arshjul.ics``
carries the same entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from frivilligkatalogen.base.errors import KatalogError
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Campaign
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model.values import slugify
from frivilligkatalogen.views.addresses import grant_anchor, meeting_place_anchor


@dataclass(frozen=True)
class WheelEntry:
    """One thing in the year: a day or a span of days."""

    first: date
    last: date
    kind: str
    """``deadline``, ``meeting``, ``campaign`` or ``school_holiday`` (the locale's ``wheel.*`` names
    them)."""
    title: str
    link: str | None = None
    """A site address (``tilskudd/#kulturmidler``) or a web address."""
    key: str = ""
    """Stable id for the feed's UID."""

    @property
    def month_key(self) -> str:
        return self.first.strftime("%Y-%m")


_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")


class CampaignError(KatalogError):
    """A campaign in the settings that is not written as the docs say."""


def campaign_dates(campaign: Campaign, year: int) -> tuple[date, date]:
    """A campaign's first and last day in a given year."""
    try:
        first = _month_day(campaign.date, year)
        last = _month_day(campaign.until or campaign.date, year)
    except (KeyError, TypeError, ValueError) as error:
        raise CampaignError(
            t("settings.bad_campaign", value=f"{campaign.name} ({campaign.date})")
        ) from error
    if last < first:
        last = last.replace(year=year + 1)
    return first, last


def _month_day(text: str, year: int) -> date:
    match = _MONTH_DAY.match(str(text).strip())
    if not match:
        raise ValueError(text)
    return date(year, int(match[1]), int(match[2]))


def annual_wheel(catalog: Catalog, months: int = 12) -> list[WheelEntry]:
    """Everything in the coming year, in date order."""
    today = catalog.settings.today
    end = today + timedelta(days=round(months * 30.44))
    entries: list[WheelEntry] = []
    for grant in catalog.grants.values():
        for deadline in grant.deadlines:
            entries.append(
                WheelEntry(
                    deadline,
                    deadline,
                    "deadline",
                    t("calendar.deadline_summary", name=grant.name),
                    grant_anchor(grant.id),
                    f"tilskudd/{grant.id}",
                )
            )
    for meeting in catalog.meeting_places.meeting_places:
        entries.append(
            WheelEntry(
                meeting.date,
                meeting.date,
                "meeting",
                meeting.title,
                meeting_place_anchor(meeting.date),
                f"moteplass/{meeting.date.isoformat()}",
            )
        )
    for campaign in catalog.settings.campaigns:
        for year in (today.year, today.year + 1):
            first, last = campaign_dates(campaign, year)
            entries.append(
                WheelEntry(
                    first,
                    last,
                    "campaign",
                    campaign.name,
                    campaign.url,
                    f"kampanje/{slugify(campaign.name)}",
                )
            )
    for holiday in catalog.holidays.school_holidays:
        entries.append(
            WheelEntry(
                holiday.first,
                holiday.until,
                "school_holiday",
                holiday.name,
                None,
                f"skoleferie/{slugify(holiday.name)}",
            )
        )
    found = [entry for entry in entries if entry.last >= today and entry.first <= end]
    return sorted(found, key=lambda e: (e.first, e.last, e.kind, e.title))
