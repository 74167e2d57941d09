"""News feeds (RSS 2.0) for people who follow the catalogue in a feed reader.

* ``/rss.xml``: associations that are new or changed, newest first; the date of a
  change comes from the data's git history (as for the calendar's ``SEQUENCE``),
  so a reader sees each change once.
* ``/aktiviteter.xml``: the activities of the coming days, from the same
  recurrence code as the calendar page.
* ``/bli-frivillig.xml``: the volunteering tasks, newest first (first seen in git).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from email.utils import format_datetime

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.catalog.history import History
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model import Organization
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.model.schedule import upcoming
from frivilligkatalogen.model.values import slugify
from frivilligkatalogen.views import wording
from frivilligkatalogen.views.addresses import (
    ACTIVITY_FEED,
    NEWS_FEED,
    TASKS_FEED,
    organization_url,
    volunteering_anchor,
)
from frivilligkatalogen.views.pages import PageRenderer

NEWS_ITEMS = 50
"""The newest changes a feed reader is shown."""
ACTIVITY_DAYS = 14
ACTIVITY_ITEMS = 500


def _rfc822(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _address(catalog: Catalog, url: str) -> str:
    return catalog.settings.absolute_url(url) or url


def news_items(catalog: Catalog, history: History) -> list[dict]:
    """New and changed associations, newest first."""
    found = []
    for org in catalog.active_organizations():
        version = history.version(org.source.path, Organization, lambda record: record, org)
        first = history.versions.get(org.source.path)
        is_new = version.sequence == 0
        found.append((version.modified, org, is_new, first))
    found.sort(key=lambda entry: (entry[0], entry[1].id), reverse=True)
    items = []
    for modified, org, is_new, _ in found[:NEWS_ITEMS]:
        link = _address(catalog, organization_url(org.id))
        items.append(
            {
                "title": t("rss.new_title" if is_new else "rss.changed_title", name=org.name),
                "link": link,
                "guid": f"{link}#{modified.strftime('%Y%m%dT%H%M%SZ')}",
                "date": _rfc822(modified),
                "categories": [category_name(code) for code in org.categories],
                "description": org.summary or t("rss.no_summary", name=org.name),
            }
        )
    return items


def task_items(catalog: Catalog, history: History) -> list[dict]:
    """The active associations' volunteering tasks, newest first (the date a task first
    appeared in the data's git history)."""
    found = []
    for org, task in catalog.volunteering_tasks():

        def same_task(record, title=task.title):
            return next((item for item in record.volunteering or [] if item.title == title), None)

        found.append((history.first_seen(org.source.path, Organization, same_task), org, task))
    found.sort(key=lambda entry: (entry[0], entry[1].id, entry[2].title), reverse=True)
    items = []
    for seen, org, task in found[:NEWS_ITEMS]:
        link = _address(catalog, volunteering_anchor(org.id))
        items.append(
            {
                "title": t("rss.task_title", title=task.title, name=org.name),
                "link": link,
                "guid": f"{org.id}/frivillig/{slugify(task.title)}@{catalog.settings.uid_domain}",
                "date": _rfc822(seen),
                "categories": [category_name(code) for code in org.categories],
                "description": task.description or task.title,
            }
        )
    return items


def activity_items(catalog: Catalog) -> list[dict]:
    """The coming days' sessions and events (cancelled ones marked)."""
    today = catalog.settings.today
    items = []
    for occurrence in upcoming(catalog, today, today + timedelta(days=ACTIVITY_DAYS - 1))[
        :ACTIVITY_ITEMS
    ]:
        org, activity = occurrence.organization, occurrence.activity
        link = _address(catalog, organization_url(org.id)) + f"#aktivitet-{activity.id}"
        where = (
            catalog.venues[activity.venue].name
            if activity.venue
            else activity.location or (t("page.online_label") if activity.online else None)
        )
        details = [wording.occurrence(occurrence), org.name, where, wording.price(activity.price)]
        title = t("rss.activity_title", when=wording.occurrence(occurrence), title=activity.title)
        if occurrence.cancelled:
            title += " – " + t("time.cancelled")
        items.append(
            {
                "title": title,
                "link": link,
                "guid": f"{org.id}/{activity.id}/{occurrence.start.strftime('%Y%m%dT%H%M')}"
                f"@{catalog.settings.uid_domain}",
                "date": None,
                "categories": [category_name(code) for code in org.categories],
                "description": ". ".join(part for part in details if part),
            }
        )
    return items


def rss_files(catalog: Catalog, history: History, renderer: PageRenderer | None = None):
    """Every feed as (address, bytes); none without ``site_url`` (RSS needs absolute addresses)."""
    if not catalog.settings.site_url:
        return
    renderer = renderer or PageRenderer(catalog)
    municipality = catalog.settings.municipality
    built = _rfc822(datetime.combine(catalog.settings.today, time(0), tzinfo=UTC))
    feeds = (
        (
            NEWS_FEED,
            t("rss.news_title", municipality=municipality),
            t("rss.news_description", municipality=municipality),
            news_items(catalog, history),
        ),
        (
            ACTIVITY_FEED,
            t("rss.activities_title", municipality=municipality),
            t("rss.activities_description", days=ACTIVITY_DAYS, municipality=municipality),
            activity_items(catalog),
        ),
        (
            TASKS_FEED,
            t("rss.tasks_title", municipality=municipality),
            t("rss.tasks_description", municipality=municipality),
            task_items(catalog, history),
        ),
    )
    for path, title, description, items in feeds:
        xml = renderer.env.get_template("rss.xml").render(
            title=title,
            description=description,
            items=items,
            built=built,
            home=_address(catalog, ""),
            self_url=catalog.settings.absolute_url(path),
        )
        yield path, xml.encode("utf-8")
