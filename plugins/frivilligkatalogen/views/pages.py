"""The generated pages of the catalogue, as generator-neutral views.

:func:`build_pages` turns a valid :class:`~frivilligkatalogen.catalog.loading.Catalog`
into :class:`PageView` objects: an address, a plain-text title and description,
and a body of safe HTML rendered from the Jinja templates in ``templates/``.
The MkDocs plugin hands these to Material; ``katalog generate`` writes them to a
folder for any other generator. Links inside a body are relative, so the site
works under any base path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.model.schedule import next_dates, upcoming
from frivilligkatalogen.views import wording
from frivilligkatalogen.views.addresses import (
    ACTIVITIES,
    CALENDAR,
    CATEGORIES,
    CONTACT,
    GRANTS,
    ORGANIZATIONS,
    SEARCH,
    VENUES,
    VOLUNTEER,
    category_url,
    list_page,
    organization_url,
    relative_link,
    venue_url,
)
from frivilligkatalogen.views.annual_wheel import annual_wheel, next_events
from frivilligkatalogen.views.directory_filters import facets
from frivilligkatalogen.views.feed_files import feeds_with_nothing_coming
from frivilligkatalogen.views.filters import PAGE_SIZE
from frivilligkatalogen.views.long_lists import LONG_LISTS, list_items, page_count
from frivilligkatalogen.views.structured_data import (
    organization_json_ld,
)
from frivilligkatalogen.views.task_filters import task_facets
from frivilligkatalogen.views.templating import environment
from frivilligkatalogen.views.venue_filters import venue_facets

WEEKS_AHEAD = 8
"""How far ahead the activity calendar page looks (built daily, so it rolls on)."""
SPLIT_ACTIVITIES_ABOVE = 2000
"""Above this many occurrences in the eight weeks, the activity calendar becomes one page per week
(a city's eight weeks on one page would be tens of megabytes)."""
NEXT_DATES = 3
"""How many coming dates an activity shows on its association's page."""


@dataclass
class PageView:
    """One generated page, independent of any site generator.

    The body is rendered when it is asked for (``body``), not when the view is made,
    so a build of thousands of pages never holds all of them in memory at once.
    """

    url: str
    """Address relative to the site root, with a trailing slash (``organisasjoner/x/``)."""
    title: str
    """Plain text; every adapter escapes it for its context."""
    description: str | None
    """Plain text for the meta description."""
    render: Callable[[], str]
    """Renders the body: safe HTML, starting with the page's ``<h1>``."""
    section: str
    """The directory page this page belongs under (for breadcrumbs and the active section)."""
    edit_path: str | None = None
    """The data file behind the page, relative to the site root."""
    in_nav: bool = False
    """True for the directory pages the site's navigation may list."""
    stamped: bool = False
    """True for the many pages of one kind (associations, venues) that an adapter may fill
    into one rendered prototype (see :mod:`stamping`)."""
    template: str | None = None
    """The theme template an adapter renders the page with, ``None`` for the theme's own
    (see :data:`THEME_TEMPLATES`)."""

    @property
    def body(self) -> str:
        return self.render()

    @property
    def src_uri(self) -> str:
        """The Markdown-style source path a generator expects (``organisasjoner/x/index.md``)."""
        return self.url + "index.md"


class PageRenderer:
    """Renders page bodies; holds the Jinja environment and the catalogue."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.env = environment()
        self.env.globals.update(
            catalog=catalog,
            settings=catalog.settings,
            webcal=self.webcal,
            next_dates=self.next_dates,
            deadlines=self.deadlines,
            upcoming_days=self.upcoming_days,
            wheel=lambda: annual_wheel(catalog),
            wheel_events=lambda: next_events(catalog),
            today=catalog.settings.today,
        )

    def render(self, template: str, url: str, **context) -> str:
        def link(target: str) -> str:
            return relative_link(url, target)

        return self.env.get_template(template).render(link=link, page_url=url, **context)

    def webcal(self, path: str) -> str | None:
        """The ``webcal://`` address of a feed (needs ``site_url``)."""
        absolute = self.catalog.settings.absolute_url(path)
        return "webcal://" + absolute.split("://", 1)[1] if absolute else None

    def next_dates(self, org, activity, count: int = NEXT_DATES):
        """The next dates of an activity from today (cancelled ones included, marked)."""
        return next_dates(self.catalog, org, activity)[:count]

    def upcoming_days(self, days: int):
        """Occurrences of the next few days, for the front page."""
        today = self.catalog.settings.today
        return upcoming(self.catalog, today, today + timedelta(days=days - 1))

    def deadlines(self, limit: int | None = None):
        """Coming grant deadlines, soonest first: (date, grant)."""
        today = self.catalog.settings.today
        found = sorted(
            (day, grant.name, grant)
            for grant in self.catalog.grants.values()
            for day in grant.deadlines
            if day >= today
        )
        return [(day, grant) for day, _, grant in found][:limit]

    def organization_body(self, org, url: str) -> str:
        coming = {activity.id: self.next_dates(org, activity) for activity in org.activities or []}
        json_ld = organization_json_ld(
            self.catalog, org, coming, self.catalog.settings.absolute_url(url)
        )
        return self.render("organization.html", url, org=org, coming=coming, json_ld=json_ld)

    def fragment(self, name: str, url: str) -> str:
        """A piece of live data for a hand-written page (``<!-- katalog:NAME -->``)."""
        return self.render(f"fragments/{name}.html", url)


def activity_pages(
    renderer: PageRenderer, coming: list, today: date, window_end: date
) -> list[PageView]:
    """The activity calendar: one page for the eight weeks, or one page per week at city scale."""
    municipality = renderer.catalog.settings.municipality
    if len(coming) <= SPLIT_ACTIVITIES_ABOVE:
        weeks = [(ACTIVITIES, today, window_end, coming)]
    else:
        weeks = []
        for number in range(WEEKS_AHEAD):
            first = today + timedelta(days=7 * number)
            last = first + timedelta(days=6)
            url = ACTIVITIES if number == 0 else f"{ACTIVITIES}uke-{number + 1}/"
            weeks.append((url, first, last, [o for o in coming if first <= o.day <= last]))
    week_links = (
        [(url, wording.date_span(first, last)) for url, first, last, _ in weeks]
        if len(weeks) > 1
        else []
    )
    pages = []
    for index, (url, first, last, items) in enumerate(weeks):
        pages.append(
            PageView(
                url=url,
                title=t("page.activities_title")
                if index == 0
                else t("page.activities_week_title", span=wording.date_span(first, last)),
                description=t(
                    "page.activities_intro", weeks=WEEKS_AHEAD, municipality=municipality
                ),
                render=lambda url=url, items=items: renderer.render(
                    "activities.html",
                    url,
                    coming=items,
                    window_end=window_end,
                    weeks=WEEKS_AHEAD,
                    week_links=week_links,
                    current=url,
                ),
                section=ACTIVITIES,
                in_nav=index == 0,
            )
        )
    return pages


def build_pages(catalog: Catalog) -> list[PageView]:
    """Every generated page of a valid catalogue, directory pages first."""
    renderer = PageRenderer(catalog)
    by_category = catalog.organizations_by_category()
    today = catalog.settings.today
    window_end = today + timedelta(days=7 * WEEKS_AHEAD - 1)
    all_coming = upcoming(catalog, today, window_end)
    directories = directory_pages(catalog, renderer, by_category)
    return [
        *directories[:3],
        *activity_pages(renderer, all_coming, today, window_end),
        *directories[3:],
        *organization_pages(catalog, renderer),
        *venue_pages(catalog, renderer, all_coming),
        *category_pages(renderer, by_category),
        *list_pages(catalog, renderer),
    ]


def list_pages(catalog: Catalog, renderer: PageRenderer) -> list[PageView]:
    """Pages 2, 3 … of each long list, for visitors without JavaScript."""
    access = venue_facets(catalog).access
    pages = []
    for section, kind, title in LONG_LISTS:
        items = list_items(catalog, kind)
        count = page_count(items)
        for number in range(2, count + 1):
            url = list_page(section, number)
            heading = t("page.list_page_title", title=t(title), number=number)
            context = {
                "heading": heading,
                "kind": kind,
                "items": items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
                "number": number,
                "pages": count,
                "section": section,
                "total": len(items),
                "access": access,
            }

            def render(url=url, context=context):
                return renderer.render("list_page.html", url, **context)

            pages.append(
                PageView(url=url, title=heading, description=None, render=render, section=section)
            )
    return pages


DIRECTORY = (
    (
        ORGANIZATIONS,
        "page.organizations_title",
        "page.organizations_intro",
        "organizations.html",
        ORGANIZATIONS,
        True,
    ),
    (VENUES, "page.venues_title", "page.venues_intro", "venues.html", VENUES, True),
    (CATEGORIES, "page.categories_label", None, "categories.html", ORGANIZATIONS, True),
    (CALENDAR, "page.calendar_title", "page.calendar_intro", "calendar.html", ACTIVITIES, True),
    (SEARCH, "search.title", "search.intro", "search.html", SEARCH, False),
    (GRANTS, "page.grants_title", "page.grants_intro", "grants.html", GRANTS, True),
    (
        VOLUNTEER,
        "page.volunteer_title",
        "page.volunteer_intro",
        "volunteering.html",
        VOLUNTEER,
        True,
    ),
    (CONTACT, "page.contact_title", "page.contact_intro", "contact.html", CONTACT, True),
)
"""The pages that are not about one entity: address, title and intro (locale keys), template,
section, and whether the navigation lists them."""

THEME_TEMPLATES = {SEARCH: "plain.html"}
"""Directory pages an adapter renders with a theme template of their own instead of the theme's
page: the search page's ``adapters/theme/plain.html`` carries the site's header, sections and
footer without Material's stylesheet and script, so that with Pagefind's index and wasm a first
visit stays under 150 KiB (``bench/search_page.py``)."""


def directory_pages(catalog: Catalog, renderer: PageRenderer, by_category: dict) -> list[PageView]:
    """The pages in the navigation: the directory, venues, "Bli frivillig", categories, calendar,
    search, grants, contact."""
    municipality = catalog.settings.municipality
    context = {
        ORGANIZATIONS: lambda: {"by_category": by_category, "facets": facets(catalog)},
        VENUES: lambda: {"facets": venue_facets(catalog)},
        VOLUNTEER: lambda: {"facets": task_facets(catalog)},
        CATEGORIES: lambda: {"by_category": by_category},
        CALENDAR: lambda: {"by_category": by_category, "quiet": feeds_with_nothing_coming(catalog)},
    }
    pages = []
    for url, title, intro, template, section, in_nav in DIRECTORY:

        def render(url=url, template=template):
            return renderer.render(template, url, **context.get(url, dict)())

        description = t(intro, municipality=municipality) if intro else None
        pages.append(
            PageView(
                url=url,
                title=t(title),
                description=description,
                render=render,
                section=section,
                in_nav=in_nav,
                template=THEME_TEMPLATES.get(url),
            )
        )
    return pages


def organization_pages(catalog: Catalog, renderer: PageRenderer) -> list[PageView]:
    """One page per association, filled into the section's prototype."""
    return [
        PageView(
            url=organization_url(org.id),
            title=org.name,
            description=org.summary,
            render=lambda org=org: renderer.organization_body(org, organization_url(org.id)),
            section=ORGANIZATIONS,
            edit_path=org.source.path,
            stamped=True,
        )
        for org in catalog.sorted_organizations()
    ]


def venue_pages(catalog: Catalog, renderer: PageRenderer, all_coming: list) -> list[PageView]:
    """One page per venue, with who uses it and what happens there soon."""
    coming_by_venue: dict[str, list] = {}
    for occurrence in all_coming:
        if occurrence.activity.venue:
            coming_by_venue.setdefault(occurrence.activity.venue, []).append(occurrence)
    pages = []
    for venue in catalog.sorted_venues():
        url = venue_url(venue.id)
        organizations, activities = catalog.users_of_venue(venue.id)
        pages.append(
            PageView(
                url=url,
                title=venue.name,
                description=t("venue_types." + venue.type) + ", " + wording.address(venue.address),
                render=partial(
                    renderer.render,
                    "venue.html",
                    url,
                    venue=venue,
                    users=organizations,
                    activities=activities,
                    coming=coming_by_venue.get(venue.id, []),
                ),
                section=VENUES,
                edit_path=venue.source.path,
                stamped=True,
            )
        )
    return pages


def category_pages(renderer: PageRenderer, by_category: dict) -> list[PageView]:
    """One page per category with its active associations."""
    return [
        PageView(
            url=category_url(code),
            title=category_name(code),
            description=t("page.category_intro", name=category_name(code)),
            render=lambda code=code, organizations=organizations: renderer.render(
                "category.html", category_url(code), code=code, organizations=organizations
            ),
            section=ORGANIZATIONS,
        )
        for code, organizations in sorted(by_category.items())
    ]
