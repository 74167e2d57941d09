"""The lists that may grow long (the directory, the venues, "Bli frivillig"), their items in
display order and how many pages of :data:`~.filters.PAGE_SIZE` cards they take."""

from __future__ import annotations

from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.views.addresses import ORGANIZATIONS, VENUES, VOLUNTEER
from frivilligkatalogen.views.filters import PAGE_SIZE

LONG_LISTS = (
    (ORGANIZATIONS, "organizations", "page.organizations_title"),
    (VENUES, "venues", "page.venues_title"),
    (VOLUNTEER, "tasks", "page.volunteer_title"),
)
"""(address, kind of card, title key) of each long list."""


def list_items(catalog: Catalog, kind: str) -> list:
    """A list's items in the order its page, its filter index and its cards share."""
    if kind == "organizations":
        return catalog.active_organizations()
    if kind == "venues":
        return catalog.sorted_venues()
    return catalog.volunteering_tasks()


def page_count(items: list) -> int:
    """How many pages a list takes (at least one)."""
    return max(1, -(-len(items) // PAGE_SIZE))
