"""Entries nobody has confirmed for a long time: for the coordinator and the monthly report.

An entry is stale when its ``verified`` date is older than the site's limit
(``stale_after_days``, 365 by default). The site marks stale pages itself; this
module lists them, oldest first, as lines or as the Markdown of one report issue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.views.addresses import organization_url, venue_url


@dataclass(frozen=True)
class StaleEntry:
    kind: str
    id: str
    name: str
    path: str
    verified: date
    age_days: int
    page: str


def stale_entries(catalog: Catalog) -> list[StaleEntry]:
    """Every association (not closed) and venue older than the limit, oldest first."""
    today = catalog.settings.today
    found = []
    for org in catalog.organizations.values():
        if org.status != "closed" and catalog.is_stale(org.verified):
            found.append(
                StaleEntry(
                    "organization",
                    org.id,
                    org.name,
                    org.source.path,
                    org.verified,
                    (today - org.verified).days,
                    organization_url(org.id),
                )
            )
    for venue in catalog.venues.values():
        if catalog.is_stale(venue.verified):
            found.append(
                StaleEntry(
                    "venue",
                    venue.id,
                    venue.name,
                    venue.source.path,
                    venue.verified,
                    (today - venue.verified).days,
                    venue_url(venue.id),
                )
            )
    return sorted(found, key=lambda entry: (entry.verified, entry.path))


def stale_markdown(
    catalog: Catalog, entries: list[StaleEntry], reminded: dict[str, date] | None = None
) -> str:
    """The body of the monthly report issue; ``reminded`` (association id → the day of its last
    reminder e-mail, from ``katalog remind``) adds who was asked, and who has answered since."""
    reminded = reminded or {}
    settings = catalog.settings
    lines = [
        t("stale.report_intro", days=settings.stale_after_days, date=settings.today.isoformat()),
        "",
    ]
    if not entries:
        lines.append(t("stale.report_none"))
        return "\n".join(lines)
    for entry in entries:
        page = settings.absolute_url(entry.page) or entry.page
        edit = settings.edit_url(entry.path)
        name = entry.name.replace("[", "\\[").replace("]", "\\]")
        when = t("stale.line", name="", date=entry.verified.isoformat(), days=entry.age_days)
        line = f"- [ ] [{name}]({page}): {when.strip(': ')}"
        if edit:
            line += f" ([{t('stale.edit')}]({edit}))"
        if entry.kind == "organization" and entry.id in reminded:
            line += " – " + t("stale.reminded", date=reminded[entry.id].isoformat())
        lines.append(line)
    answered = [
        org
        for org_id, day in sorted(reminded.items())
        if (org := catalog.organizations.get(org_id)) is not None and org.verified >= day
    ]
    if answered:
        lines += ["", t("stale.answered_heading"), ""]
        lines += [
            "- " + t("stale.answered", name=org.name, date=org.verified.isoformat())
            for org in answered
        ]
    lines += ["", t("stale.report_howto")]
    return "\n".join(lines)
