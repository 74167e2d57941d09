"""Thousands of pages from one rendered page: the theme's work done once per section.

Every association page sits at the same depth, under the same section, out of
the navigation: around its body, the theme's HTML (header, navigation, footer,
scripts, relative links) is the same for all of them, but for the title, the
meta description, the canonical address and the edit link. So the site
generator renders one *prototype* page whose id, title, description, edit link
and body are tokens, and :class:`Shell` fills that page in for each association.
A city's five thousand pages then cost one theme render and five thousand
string joins, instead of five thousand theme renders.

The tokens are plain ASCII words no escaping can change. The shell is split on
them once, and each page is assembled in one pass, so a value (an outsider's
title, say) can never be mistaken for a token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

from frivilligkatalogen.base.errors import BuildFailed
from frivilligkatalogen.base.i18n import t

ID = "katalog-stamp-prototype"
"""The prototype's id: a valid slug, so its address is a real page address at the right depth
(see :func:`prototype_id` when an association happens to have it)."""
TITLE = "KATALOGSTAMPTITLE"
DESCRIPTION = "KATALOGSTAMPDESCRIPTION"
EDIT = "https://katalog.invalid/KATALOGSTAMPEDIT"
BODY = "<!--KATALOGSTAMPBODY <h1> -->"
"""The body's place; it mentions ``<h1>`` because the theme adds a heading to a page without one
(every body brings its own)."""
DESCRIPTION_META = f'<meta name="description" content="{DESCRIPTION}">'


@dataclass
class Shell:
    """A rendered prototype page, ready to be filled in."""

    parts: list[str]
    """The page split on the tokens: text, token, text, token …"""
    page_id: str
    """The prototype's id in this page."""
    fallback_description: str | None
    """What the theme shows as description when a page has none (``site_description``)."""

    @classmethod
    def from_prototype(
        cls, html: str, fallback_description: str | None = None, page_id: str = ID
    ) -> Shell:
        if BODY not in html:
            raise BuildFailed(t("log.prototype_lost_body"))
        pattern = (
            "("
            + "|".join(
                re.escape(token)
                for token in (DESCRIPTION_META, EDIT, page_id, TITLE, DESCRIPTION, BODY)
            )
            + ")"
        )
        return cls(re.split(pattern, html), page_id, fallback_description)

    def fill(
        self, page_id: str, title: str, description: str | None, edit_url: str | None, body: str
    ) -> str:
        """The page of one entity: the prototype with its own values."""
        if description:
            meta = f'<meta name="description" content="{escape(description)}">'
        elif self.fallback_description:
            meta = f'<meta name="description" content="{escape(self.fallback_description)}">'
        else:
            meta = ""
        values = {
            DESCRIPTION_META: meta,
            EDIT: edit_url or "",
            self.page_id: page_id,
            TITLE: str(escape(title)),
            DESCRIPTION: str(escape(description or "")),
            BODY: body,
        }
        return "".join(
            values.get(part, part) if index % 2 else part for index, part in enumerate(self.parts)
        )


def prototype_id(taken: set[str]) -> str:
    """An id for a section's prototype that no page of the section has."""
    candidate, number = ID, 2
    while candidate in taken:
        candidate, number = f"{ID}-{number}", number + 1
    return candidate


def write_filled(
    jobs, shells: dict[str, Shell], edit_url, site_dir, search=None, searchable=lambda url: True
) -> int:
    """Fill in and write the pages of ``jobs`` (section, view); (address, body) of each searchable
    page is appended to ``search``, a list.

    ``edit_url(path)`` gives a data file's edit link. Returns how many pages were written.
    """
    count = 0
    for section, view in jobs:
        body = view.render()
        edit = edit_url(view.edit_path) if view.edit_path else None
        page_id = view.url.rstrip("/").rsplit("/", 1)[1]
        target = site_dir / view.url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            shells[section].fill(page_id, view.title, view.description, edit, body),
            encoding="utf-8",
        )
        if search is not None and searchable(view.url):
            search.append((view.url, body))
        count += 1
    return count


def sitemap_with(sitemap: str, prototype_url: str, urls: list[str]) -> str:
    """The theme's sitemap with the prototype's entry replaced by one entry per filled-in page."""
    match = re.search(
        r"\s*<url>(?:(?!</url>).)*?" + re.escape(prototype_url) + r".*?</url>", sitemap, re.DOTALL
    )
    if match is None:
        return sitemap
    entry = match.group(0)
    entries = "".join(entry.replace(prototype_url, url) for url in urls)
    return sitemap[: match.start()] + entries + sitemap[match.end() :]


def sitemap_alternates(sitemap: str, base_url: str, language: str, links_of) -> str:
    """The sitemap with each page's versions in the other editions as ``hreflang`` alternates
    (``links_of(url)`` gives them as (language, address), the page itself included), the way
    search engines read them. They are kept out of the pages' ``<head>``: Material fetches a
    ``sitemap.xml`` beside every ``<link rel="alternate">`` it finds there."""

    def entry(match: re.Match) -> str:
        loc = match.group(1)
        url = str(loc)[len(base_url) :] if loc.startswith(base_url) else None
        links = links_of(url) if url is not None else []
        if not links:
            return match.group(0)
        alternates = [(language, loc), *links]
        return match.group(0) + "".join(
            f'\n         <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>'
            for lang, href in alternates
        )

    changed = re.sub(r"<loc>([^<]*)</loc>", entry, sitemap)
    if changed == sitemap:
        return sitemap
    return changed.replace("<urlset ", '<urlset xmlns:xhtml="http://www.w3.org/1999/xhtml" ', 1)


SITEMAP_LIMIT = 50_000
"""The sitemap protocol's limit of addresses in one file."""


def split_sitemap(sitemap: str, base_url: str, limit: int = SITEMAP_LIMIT) -> dict[str, str]:
    """The sitemap as files by name: ``sitemap.xml`` alone while it is within the protocol's
    limit; above it, ``sitemap-1.xml`` … of at most ``limit`` addresses each, and ``sitemap.xml``
    as the index of them (a national catalogue can pass 50,000 pages)."""
    entries = re.findall(r"\s*<url>.*?</url>", sitemap, re.DOTALL)
    if len(entries) <= limit:
        return {"sitemap.xml": sitemap}
    start = sitemap.index("<urlset")
    head = sitemap[: sitemap.index(">", start) + 1]
    files = {}
    for number, first in enumerate(range(0, len(entries), limit), 1):
        files[f"sitemap-{number}.xml"] = (
            head + "".join(entries[first : first + limit]) + "\n</urlset>\n"
        )
    index = "".join(
        f"\n    <sitemap>\n         <loc>{escape(base_url + name)}</loc>\n    </sitemap>"
        for name in files
    )
    files["sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}\n</sitemapindex>\n'
    )
    return files
