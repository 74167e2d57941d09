"""Every calendar file the site publishes, from one :class:`~.feeds.FeedBuilder`: the whole
municipality, the grant deadlines, the annual wheel, and one feed per association, venue and
category. Each event is made once by the builder and shared by every feed it is in."""

from __future__ import annotations

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.model.schedule import has_coming
from frivilligkatalogen.views.addresses import (
    FEED_ALL,
    FEED_DEADLINES,
    FEED_WHEEL,
    feed_path_category,
    feed_path_organization,
    feed_path_venue,
)
from frivilligkatalogen.views.annual_wheel import annual_wheel
from frivilligkatalogen.views.feeds import FeedBuilder


def feed_files(builder: FeedBuilder):
    """Every feed file as (address, bytes), made one at a time."""
    yield from site_feeds(builder)
    yield from entity_feeds(builder)


def site_feeds(builder: FeedBuilder):
    """The municipality's feeds: every activity, the grant deadlines, the annual wheel."""
    catalog = builder.catalog
    municipality = catalog.settings.municipality
    everything = builder.organization_items(catalog.active_organizations())
    name, about = (
        t("calendar.all_name", municipality=municipality),
        t("calendar.all_description", municipality=municipality),
    )
    yield FEED_ALL, builder.calendar(name, about, everything)
    grants = sorted(catalog.grants.values(), key=lambda grant: grant.id)
    deadlines = [event for grant in grants for event in builder.grant_events(grant)]
    name = t("calendar.deadlines_name", municipality=municipality)
    yield (
        FEED_DEADLINES,
        builder.calendar(
            name, t("calendar.deadlines_description", municipality=municipality), deadlines
        ),
    )
    name, about = (
        t("wheel.name", municipality=municipality),
        t("wheel.description", municipality=municipality),
    )
    yield FEED_WHEEL, builder.calendar(name, about, builder.wheel_events())


def entity_feeds(builder: FeedBuilder):
    """One feed per active association, per venue and per category."""
    catalog = builder.catalog
    municipality = catalog.settings.municipality
    active = catalog.active_organizations()
    for org in active:
        about = t("calendar.organization_description", name=org.name)
        yield (
            feed_path_organization(org.id),
            builder.calendar(org.name, about, builder.organization_items([org])),
        )
    at_venue: dict[str, list] = {}
    for org in active:
        for activity in org.activities or []:
            if activity.venue:
                at_venue.setdefault(activity.venue, []).extend(builder.feed_items(org, activity))
    for venue in catalog.sorted_venues():
        about = t("calendar.venue_description", name=venue.name)
        yield (
            feed_path_venue(venue.id),
            builder.calendar(venue.name, about, at_venue.get(venue.id, [])),
        )
    for code, organizations in sorted(catalog.organizations_by_category().items()):
        name = category_name(code)
        title = t("calendar.category_name", name=name, municipality=municipality)
        about = t("calendar.category_description", name=name, municipality=municipality)
        yield (
            feed_path_category(code),
            builder.calendar(title, about, builder.organization_items(organizations)),
        )


def feeds_with_nothing_coming(catalog) -> set[str]:
    """The addresses of the feeds :func:`feed_files` writes that hold nothing coming: no session
    or event from the build day on that is not cancelled (only past or cancelled ones, or none).
    The subscribe page says so instead of inviting a subscription."""
    today = catalog.settings.today
    active = catalog.active_organizations()
    coming = {
        org.id: [item for item in org.activities or [] if has_coming(catalog, org, item)]
        for org in active
    }
    quiet = {feed_path_organization(org.id) for org in active if not coming[org.id]}
    if not any(coming.values()):
        quiet.add(FEED_ALL)
    if not any(day >= today for grant in catalog.grants.values() for day in grant.deadlines):
        quiet.add(FEED_DEADLINES)
    if not annual_wheel(catalog):
        quiet.add(FEED_WHEEL)
    used = {activity.venue for found in coming.values() for activity in found if activity.venue}
    quiet |= {feed_path_venue(v.id) for v in catalog.sorted_venues() if v.id not in used}
    for code, organizations in catalog.organizations_by_category().items():
        if not any(coming[org.id] for org in organizations):
            quiet.add(feed_path_category(code))
    return quiet
