"""The generated pages of the catalogue, as generator-neutral views.

:func:`build_pages` turns a valid :class:`~frivilligkatalogen.catalog.Catalog`
into :class:`PageView` objects: an address, a plain-text title and description,
and a body of safe HTML rendered from the Jinja templates in ``templates/``.
The MkDocs plugin hands these to Material; ``katalog generate`` writes them to a
folder for any other generator. Links inside a body are relative, so the site
works under any base path.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from . import wording
from .catalog import Catalog
from .categories import category_name
from .i18n import t, table
from .untrusted import render_markdown

TEMPLATES = Path(__file__).parent / "templates"

ORGANIZATIONS = "organisasjoner/"
VENUES = "lokaler/"
CATEGORIES = "kategorier/"

BRREG_LOOKUP = "https://virksomhet.brreg.no/nb/oppslag/enheter/{number}"
"""The public business register's page for an organisation number."""


@dataclass
class PageView:
    """One generated page, independent of any site generator."""

    url: str
    """Address relative to the site root, with a trailing slash (``organisasjoner/x/``)."""
    title: str
    """Plain text; every adapter escapes it for its context."""
    description: str | None
    """Plain text for the meta description."""
    body: str
    """Safe HTML: the page's content, starting with its ``<h1>``."""
    section: str
    """The directory page this page belongs under (for breadcrumbs and the active section)."""
    edit_path: str | None = None
    """The data file behind the page, relative to the site root."""
    in_nav: bool = False
    """True for the directory pages the site's navigation may list."""

    @property
    def src_uri(self) -> str:
        """The Markdown-style source path a generator expects (``organisasjoner/x/index.md``)."""
        return self.url + "index.md"


def relative_link(from_url: str, to_url: str) -> str:
    """A link from one page address to another that works under any base path."""
    if to_url.startswith(("http://", "https://", "mailto:", "tel:", "#")):
        return to_url
    target = to_url.rstrip("/") or "."
    link = posixpath.relpath(target, from_url.rstrip("/") or ".")
    return link + "/" if to_url.endswith("/") else link


def organization_url(org_id: str) -> str:
    return f"{ORGANIZATIONS}{org_id}/"


def venue_url(venue_id: str) -> str:
    return f"{VENUES}{venue_id}/"


def category_url(code: int) -> str:
    return f"{CATEGORIES}{code}/"


def environment() -> Environment:
    """The Jinja environment of the page bodies: autoescaping on, strict about names."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        t=t,
        table=table,
        w=wording,
        category_name=category_name,
        category_names=lambda codes: [category_name(code) for code in codes],
        labels=lambda name, codes: [table(name)[code] for code in codes],
        markdown=render_markdown,
        organization_url=organization_url,
        venue_url=venue_url,
        category_url=category_url,
        brreg_lookup=BRREG_LOOKUP,
    )
    return env


class PageRenderer:
    """Renders page bodies; holds the Jinja environment and the catalogue."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.env = environment()
        self.env.globals.update(catalog=catalog, settings=catalog.settings)

    def render(self, template: str, url: str, **context) -> str:
        def link(target: str) -> str:
            return relative_link(url, target)

        return self.env.get_template(template).render(link=link, page_url=url, **context)


def build_pages(catalog: Catalog) -> list[PageView]:
    """Every generated page of a valid catalogue, directory pages first."""
    renderer = PageRenderer(catalog)
    municipality = catalog.settings.municipality
    by_category = catalog.organizations_by_category()
    pages = [
        PageView(
            url=ORGANIZATIONS,
            title=t("page.organizations_title"),
            description=t("page.organizations_intro", municipality=municipality),
            body=renderer.render("organizations.html", ORGANIZATIONS, by_category=by_category),
            section=ORGANIZATIONS,
            in_nav=True,
        ),
        PageView(
            url=VENUES,
            title=t("page.venues_title"),
            description=t("page.venues_intro", municipality=municipality),
            body=renderer.render("venues.html", VENUES),
            section=VENUES,
            in_nav=True,
        ),
        PageView(
            url=CATEGORIES,
            title=t("page.categories_label"),
            description=None,
            body=renderer.render("categories.html", CATEGORIES, by_category=by_category),
            section=ORGANIZATIONS,
            in_nav=True,
        ),
    ]
    for org in catalog.sorted_organizations():
        url = organization_url(org.id)
        pages.append(
            PageView(
                url=url,
                title=org.name,
                description=org.summary,
                body=renderer.render("organization.html", url, org=org),
                section=ORGANIZATIONS,
                edit_path=org.source.path,
            )
        )
    for venue in catalog.sorted_venues():
        url = venue_url(venue.id)
        organizations, activities = catalog.users_of_venue(venue.id)
        pages.append(
            PageView(
                url=url,
                title=venue.name,
                description=t("venue_types." + venue.type) + ", " + (venue.address.street or venue.address.city or ""),
                body=renderer.render("venue.html", url, venue=venue, users=organizations, activities=activities),
                section=VENUES,
                edit_path=venue.source.path,
            )
        )
    for code, organizations in sorted(by_category.items()):
        url = category_url(code)
        pages.append(
            PageView(
                url=url,
                title=category_name(code),
                description=t("page.category_intro", name=category_name(code)),
                body=renderer.render("category.html", url, code=code, organizations=organizations),
                section=ORGANIZATIONS,
            )
        )
    return pages
