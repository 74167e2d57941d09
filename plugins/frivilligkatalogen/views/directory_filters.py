"""The directory's filters: which association matches which option, in a compact index.

The directory page lists every active association in HTML (it works without
JavaScript); ``organisasjoner/filter.json`` tells the filter script, card by card
in the same order, each association's categories, ages, groups, area, weekdays,
price flags, languages and venue accessibility. Columns of small numbers keep it
light at thousands of associations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model import Organization
from frivilligkatalogen.model.activity import WEEKDAYS

STEP_FREE = {"wheelchair_accessible", "step_free_entrance"}
FREE, REDUCED = 1, 2


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
    from frivilligkatalogen.model.common import AUDIENCE_GROUPS

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


def weekdays(org: Organization) -> int:
    """A bit per weekday (Monday = 1) on which any of the association's activities happen."""
    mask = 0
    for activity in org.activities or []:
        if activity.cancelled:
            continue
        for rule in activity.schedule or []:
            for day in rule.days:
                mask |= 1 << WEEKDAYS.index(day)
        for item in activity.dates or []:
            if not item.cancelled:
                start = item.date if item.is_all_day else item.start.date()
                mask |= 1 << start.weekday()
    return mask


def age_ranges(org: Organization) -> list[list[int]] | None:
    """The age ranges the association states (None: no age limit anywhere, every age fits)."""
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
    return ranges or None


def price_flags(org: Organization) -> int:
    flags = 0
    if any(a.price is not None and a.price.is_free for a in org.activities or []) or (
        org.membership and org.membership.fee == 0
    ):
        flags |= FREE
    if org.membership and org.membership.reduced:
        flags |= REDUCED
    return flags


def step_free(catalog: Catalog, org: Organization) -> bool:
    venue_ids = set(org.venues or []) | {a.venue for a in org.activities or [] if a.venue}
    return any(STEP_FREE & set(catalog.venues[v].accessibility or []) for v in venue_ids)


def filter_index(catalog: Catalog) -> dict:
    """The index the filter script reads: lookup tables, then one row per card."""
    options = facets(catalog)
    category_at = {code: i for i, code in enumerate(options.categories)}
    group_at = {g: i for i, g in enumerate(options.groups)}
    area_at = {a: i for i, a in enumerate(options.areas)}
    language_at = {code: i for i, code in enumerate(options.languages)}
    rows = []
    for org in listed(catalog):
        rows.append(
            [
                [category_at[c] for c in org.categories],
                age_ranges(org) or 0,
                sorted(
                    {
                        group_at[g]
                        for a in _audiences(org)
                        for g in (a.groups or [])
                        if g in group_at
                    }
                ),
                area_at.get(org.area, -1),
                weekdays(org),
                price_flags(org),
                [language_at[c] for c in org.languages],
                1 if step_free(catalog, org) else 0,
            ]
        )
    return {
        "version": 1,
        "columns": [
            "kategori",
            "alder",
            "gruppe",
            "omrade",
            "dag",
            "pris",
            "sprak",
            "tilgjengelig",
        ],
        "kategori": [str(c) for c in options.categories],
        "gruppe": options.groups,
        "omrade": options.areas,
        "sprak": options.languages,
        "rows": rows,
    }


def filter_index_bytes(catalog: Catalog) -> bytes:
    return json.dumps(filter_index(catalog), ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )
