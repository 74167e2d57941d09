"""The header's links between the editions of the catalogue (bokmål, nynorsk, English)."""

from __future__ import annotations

from frivilligkatalogen.base.i18n import strings
from frivilligkatalogen.views.addresses import address_path, link_from_page


def language_links(site_url: str, links: list[tuple[str, str]], page_url: str | None) -> list[dict]:
    """``links`` (language, address; see :func:`~frivilligkatalogen.views.addresses.edition_links`)
    as the header shows them: each named in its own language, relative to the page at
    ``page_url``, or from the host's root for a page that answers at any address (404.html)."""
    return [
        {
            "language": language,
            "href": link_from_page(site_url, page_url, href)
            if page_url is not None
            else address_path(site_url, href),
            "name": strings(language)["language_name"],
        }
        for language, href in links
    ]
