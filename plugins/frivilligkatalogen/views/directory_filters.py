"""The directory's filters: which association matches which option.

The directory page lists every active association in HTML (it works without
JavaScript); ``organisasjoner/filter.json`` tells the filter script, card by card
in the same order, each association's categories, ages, groups, area, weekdays,
price flags, languages and venue accessibility (the index's shape: :mod:`.filters`).
"""

from __future__ import annotations

from dataclasses import dataclass

from frivilligkatalogen.base.i18n import word_list
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model import Organization
from frivilligkatalogen.model.activity import WEEKDAYS
from frivilligkatalogen.model.common import AUDIENCE_GROUPS
from frivilligkatalogen.model.venue import STEP_FREE_ACCESS
from frivilligkatalogen.views.filters import (
    ANY,
    BITS,
    RANGES,
    YES,
    Column,
    filter_index,
    index_bytes,
)

FREE, REDUCED = "gratis", "redusert"
"""Option values of the price group (in the form and the URL)."""


@dataclass(frozen=True)
class Facets:
    """The options a directory offers, in display order."""

    categories: list[int]
    groups: list[str]
    areas: list[str]
    languages: list[str]


def listed(catalog: Catalog) -> list[Organization]:
    """The associations the directory lists and filters, in card order."""
    return catalog.active_organizations()


def facets(catalog: Catalog) -> Facets:
    orgs = listed(catalog)
    groups = {g for org in orgs for a in _audiences(org) for g in (a.groups or [])}
    languages = sorted(
        {code for org in orgs for code in org.languages}, key=lambda c: (c not in ("nb", "nn"), c)
    )
    areas = catalog.settings.areas or sorted({org.area for org in orgs if org.area})
    return Facets(
        categories=sorted({code for org in orgs for code in org.categories}),
        groups=[g for g in AUDIENCE_GROUPS if g in groups],
        areas=[a for a in areas if any(org.area == a for org in orgs)],
        languages=languages,
    )


def _audiences(org: Organization):
    return [
        a for a in [org.audience, *[act.audience for act in org.activities or []]] if a is not None
    ]


def weekdays(org: Organization) -> set[str]:
    """The weekdays (``mon`` …) on which any of the association's activities happen."""
    days = set()
    for activity in org.activities or []:
        if activity.cancelled:
            continue
        for rule in activity.schedule or []:
            days |= set(rule.days)
        for item in activity.dates or []:
            if not item.cancelled:
                start = item.date if item.is_all_day else item.start.date()
                days.add(WEEKDAYS[start.weekday()])
    return days


def age_ranges(org: Organization) -> list[list[int]] | int:
    """The age ranges the association states (0: no age limit anywhere, every age fits)."""
    ranges = []
    for audience in _audiences(org):
        if audience.age_min is None and audience.age_max is None:
            continue
        ranges.append(
            [
                audience.age_min if audience.age_min is not None else 0,
                audience.age_max if audience.age_max is not None else 120,
            ]
        )
    return ranges or 0


def price_options(org: Organization) -> list[str]:
    """``gratis`` when something is free, ``redusert`` when the fee can be lowered."""
    found = []
    if any(a.price is not None and a.price.is_free for a in org.activities or []) or (
        org.membership and org.membership.fee == 0
    ):
        found.append(FREE)
    if org.membership and org.membership.reduced:
        found.append(REDUCED)
    return found


def step_free(catalog: Catalog, org: Organization) -> bool:
    venue_ids = set(org.venues or []) | {a.venue for a in org.activities or [] if a.venue}
    return any(
        set(STEP_FREE_ACCESS) & set(catalog.venues[v].accessibility or []) for v in venue_ids
    )


def columns(catalog: Catalog) -> list[Column]:
    """The directory's filter groups, in the order of its form."""
    options = facets(catalog)
    day_names = dict(zip(WEEKDAYS, word_list("time.weekdays"), strict=True))
    return [
        Column("kategori", ANY, lambda org: org.categories, options.categories),
        Column("alder", RANGES, age_ranges),
        Column(
            "gruppe",
            ANY,
            lambda org: [g for a in _audiences(org) for g in (a.groups or [])],
            options.groups,
        ),
        Column("omrade", ANY, lambda org: [org.area] if org.area else [], options.areas),
        Column(
            "dag",
            BITS,
            lambda org: [day_names[d] for d in weekdays(org)],
            list(day_names.values()),
        ),
        Column("pris", BITS, price_options, (FREE, REDUCED)),
        Column("sprak", ANY, lambda org: org.languages, options.languages),
        Column("tilgjengelig", BITS, lambda org: [YES] if step_free(catalog, org) else [], (YES,)),
    ]


def directory_index_bytes(catalog: Catalog) -> bytes:
    """The directory's filter index (see :mod:`.filters`)."""
    return index_bytes(filter_index(columns(catalog), listed(catalog)))
