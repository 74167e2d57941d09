"""The year as one view (årshjul): deadlines, meeting places, the associations' own big events,
campaign days, school holidays.

Built from the data and the site's ``campaigns`` setting, for the coming twelve
months; the "Årshjul" page shows it month by month, the front page its next events, and
``kalender/arshjul.ics`` carries the same entries. An association puts a date on the wheel with
``annual_wheel: true`` on one of its ``dates`` or on a whole activity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from frivilligkatalogen.base.errors import KatalogError
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.options import Campaign
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model.schedule import occurrences
from frivilligkatalogen.model.values import slugify
from frivilligkatalogen.views.addresses import activity_anchor, grant_anchor, meeting_place_anchor


@dataclass(frozen=True)
class WheelEntry:
    """One thing in the year: a day or a span of days."""

    first: date
    last: date
    kind: str
    """``deadline``, ``meeting``, ``event`` (an association's), ``campaign`` or ``school_holiday``
    (the locale's ``wheel.*`` names them)."""
    title: str
    """What it is, without its kind: the page and the feed put the kind's name before it once."""
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
                    grant.name,
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
    entries += association_events(catalog, today, end)
    found = [entry for entry in entries if entry.last >= today and entry.first <= end]
    return sorted(found, key=lambda e: (e.first, e.last, e.kind, e.title))


def association_events(catalog: Catalog, first: date, last: date) -> list[WheelEntry]:
    """The associations' dates marked ``annual_wheel`` (on the date or on its whole activity),
    cancelled ones left out."""
    entries = []
    for org in catalog.active_organizations():
        for activity in org.activities or []:
            marked = activity.annual_wheel or any(d.annual_wheel for d in activity.dates or [])
            if not marked:
                continue
            for found in occurrences(org, activity, catalog.holidays, first, last):
                if found.cancelled or not (
                    activity.annual_wheel or getattr(found.source, "annual_wheel", False)
                ):
                    continue
                entries.append(
                    WheelEntry(
                        found.day,
                        (found.end - timedelta(microseconds=1)).date(),
                        "event",
                        f"{activity.title} – {org.name}",
                        activity_anchor(org.id, activity.id),
                        f"lag/{org.id}/{activity.id}",
                    )
                )
    return entries


def next_events(catalog: Catalog, count: int = 5) -> list[WheelEntry]:
    """The associations' next events on the wheel, for the front page."""
    return [entry for entry in annual_wheel(catalog) if entry.kind == "event"][:count]
