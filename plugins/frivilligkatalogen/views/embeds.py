"""Light pages for other sites to show in a frame: "Neste aktiviteter" (``/embed/``).

One page per association, venue and category, without the site's header,
navigation or scripts: the next fourteen days from the same recurrence code as
the activity calendar, so an embed and ``/aktiviteter/`` always agree. Links open
in the embedding window's top level. Each regular page shows the ``<iframe>``
snippet that embeds it (``templates/_embed_snippet.html``).
"""

from __future__ import annotations

from datetime import timedelta

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.model.schedule import upcoming
from frivilligkatalogen.views import addresses
from frivilligkatalogen.views.addresses import category_url, embed_url, organization_url, venue_url
from frivilligkatalogen.views.pages import PageRenderer

EMBED_DAYS = 14
"""How far ahead an embed looks."""
EMBED_MAX = 40
"""At most this many occurrences on one embed (a big category in a city); the rest are counted."""


def embed_files(catalog: Catalog, renderer: PageRenderer | None = None):
    """Every embed page as (address, bytes)."""
    renderer = renderer or PageRenderer(catalog)
    today = catalog.settings.today
    by_org, by_venue, by_category = _grouped(
        upcoming(catalog, today, today + timedelta(days=EMBED_DAYS - 1))
    )
    sections = (
        (
            catalog.active_organizations(),
            organization_url,
            addresses.feed_path_organization,
            by_org,
            False,
            True,
        ),
        (catalog.sorted_venues(), venue_url, addresses.feed_path_venue, by_venue, True, False),
    )
    for entries, url, feed, groups, show_org, show_venue in sections:
        for entry in entries:
            heading = t("embed.heading", name=entry.name)
            items = groups.get(entry.id, [])
            yield _page(
                renderer,
                url(entry.id),
                heading,
                entry.name,
                feed(entry.id),
                items,
                show_org,
                show_venue,
            )
    for code in sorted(catalog.organizations_by_category()):
        name = category_name(code)
        feed = addresses.feed_path_category(code)
        heading = t("embed.heading", name=name)
        yield _page(
            renderer, category_url(code), heading, name, feed, by_category.get(code, []), True, True
        )


def _grouped(coming: list) -> tuple[dict, dict, dict]:
    """The coming occurrences by association, by venue and by category."""
    by_org: dict[str, list] = {}
    by_venue: dict[str, list] = {}
    by_category: dict[int, list] = {}
    for occurrence in coming:
        by_org.setdefault(occurrence.organization.id, []).append(occurrence)
        if occurrence.activity.venue:
            by_venue.setdefault(occurrence.activity.venue, []).append(occurrence)
        for code in occurrence.organization.categories:
            by_category.setdefault(code, []).append(occurrence)
    return by_org, by_venue, by_category


def _page(
    renderer: PageRenderer,
    url: str,
    heading: str,
    name: str,
    feed: str,
    items: list,
    show_org: bool,
    show_venue: bool,
):
    """One embed page as (address, bytes): the first EMBED_MAX coming items, and how many more."""
    address = embed_url(url)
    html = renderer.render(
        "embed.html",
        address,
        heading=heading,
        name=name,
        page=url,
        feed=feed,
        coming=items[:EMBED_MAX],
        more=max(0, len(items) - EMBED_MAX),
        days=EMBED_DAYS,
        show_org=show_org,
        show_venue=show_venue,
    )
    return address, html.encode("utf-8")
