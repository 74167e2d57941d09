"""The venue list's filters (``lokaler/filter.json``; the index's shape: :mod:`.filters`):
type, room for at least N people, free for volunteers, step-free or wheelchair access, area."""

from __future__ import annotations

from dataclasses import dataclass

from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model.venue import STEP_FREE_ACCESS, VENUE_TYPES
from frivilligkatalogen.views.filters import (
    ANY,
    AT_LEAST,
    BITS,
    YES,
    Column,
    filter_index,
    index_bytes,
)


@dataclass(frozen=True)
class VenueFacets:
    """The options the venue list offers, in display order (only those some venue has)."""

    types: list[str]
    access: list[str]
    areas: list[str]


def venue_facets(catalog: Catalog) -> VenueFacets:
    venues = catalog.sorted_venues()
    areas = catalog.settings.areas or sorted({v.area for v in venues if v.area})
    return VenueFacets(
        types=[kind for kind in VENUE_TYPES if any(v.type == kind for v in venues)],
        access=[a for a in STEP_FREE_ACCESS if any(a in (v.accessibility or []) for v in venues)],
        areas=[a for a in areas if any(v.area == a for v in venues)],
    )


def venue_columns(catalog: Catalog) -> list[Column]:
    """The venue list's filter groups, in the order of its form."""
    options = venue_facets(catalog)
    return [
        Column("type", ANY, lambda venue: [venue.type], options.types),
        Column("plasser", AT_LEAST, lambda venue: venue.capacity),
        Column("gratis", BITS, lambda v: [YES] if v.is_free_for_volunteers else [], (YES,)),
        Column("tilgang", ANY, lambda venue: venue.accessibility or [], options.access),
        Column("omrade", ANY, lambda venue: [venue.area] if venue.area else [], options.areas),
    ]


def venue_index_bytes(catalog: Catalog) -> bytes:
    return index_bytes(filter_index(venue_columns(catalog), catalog.sorted_venues()))
