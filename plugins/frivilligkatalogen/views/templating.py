"""The Jinja environment of the page bodies: the templates in ``templates/``, autoescaping on,
strict about names, and the names every template may use (words, addresses, wording)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from frivilligkatalogen.base.i18n import language, t, t_count, table, word_list
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.model.values import is_web_address, shown_phone, slugify
from frivilligkatalogen.views import addresses, wording
from frivilligkatalogen.views.addresses import (
    category_url,
    organization_url,
    venue_url,
)
from frivilligkatalogen.views.compounds import compound_parts
from frivilligkatalogen.views.filters import PAGE_SIZE
from frivilligkatalogen.views.structured_data import (
    contact_json_ld,
    venue_json_ld,
)
from frivilligkatalogen.views.untrusted import render_markdown

TEMPLATES = Path(__file__).parent / "templates"

BRREG_LOOKUP = "https://virksomhet.brreg.no/nb/oppslag/enheter/{number}"
"""The public business register's page for an organisation number."""


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
        language=language,
        t_count=t_count,
        word_list=word_list,
        loop_id=lambda value: slugify(str(value)),
        table=table,
        w=wording,
        shown_phone=shown_phone,
        SCRIPTS=addresses.SCRIPTS,
        FILTER_INDEX=addresses.FILTER_INDEX,
        VENUE_FILTER_INDEX=addresses.VENUE_FILTER_INDEX,
        VOLUNTEER_FILTER_INDEX=addresses.VOLUNTEER_FILTER_INDEX,
        TASKS_FEED=addresses.TASKS_FEED,
        PAGE_SIZE=PAGE_SIZE,
        list_page=addresses.list_page,
        list_cards=addresses.list_cards,
        is_web_address=is_web_address,
        category_name=category_name,
        compound_parts=compound_parts,
        category_names=lambda codes: [category_name(code) for code in codes],
        labels=lambda name, codes: [table(name)[code] for code in codes],
        markdown=render_markdown,
        organization_url=organization_url,
        venue_url=venue_url,
        category_url=category_url,
        embed_url=addresses.embed_url,
        brreg_lookup=BRREG_LOOKUP,
        feeds=addresses,
        venue_json_ld=venue_json_ld,
        contact_json_ld=contact_json_ld,
    )
    env.filters["zip_feeds"] = _feed_rows
    env.filters["map_dates"] = lambda days: [
        wording.long_date(date.fromisoformat(day)) for day in days
    ]
    return env


def _feed_rows(items, kind: str) -> list[tuple[str, str]]:
    """(name, feed address) for a list of category codes, organizations or venues."""
    if kind == "category":
        return [(category_name(code), addresses.feed_path_category(code)) for code in items]
    if kind == "organization":
        return [(org.name, addresses.feed_path_organization(org.id)) for org in items]
    return [(venue.name, addresses.feed_path_venue(venue.id)) for venue in items]
