"""``kort.json`` of each long list: every card as the list page writes it, in the order of the
filter index, so the filter script can show any match without every card being in the page."""

from __future__ import annotations

import json

from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.views.addresses import list_cards, relative_link
from frivilligkatalogen.views.long_lists import LONG_LISTS, list_items
from frivilligkatalogen.views.pages import PageRenderer
from frivilligkatalogen.views.venue_filters import venue_facets


def card_files(catalog: Catalog, renderer: PageRenderer | None = None):
    """(address, bytes) of each long list's cards, links relative to the list's page."""
    renderer = renderer or PageRenderer(catalog)
    macros = renderer.env.get_template("_macros.html").module
    access = venue_facets(catalog).access
    for section, kind, _ in LONG_LISTS:

        def link(target: str, section=section) -> str:
            return relative_link(section, target)

        cards = []
        for item in list_items(catalog, kind):
            if kind == "organizations":
                card = macros.org_card(item, link)
            elif kind == "venues":
                card = macros.venue_card(item, link, access)
            else:
                card = macros.task_card(item[0], item[1], link)
            cards.append(" ".join(str(card).split()))
        yield list_cards(section), json.dumps(cards, ensure_ascii=False).encode("utf-8")
