"""Every file the site publishes besides its pages: the calendar feeds (and, later, exports).

One place that writes them, used by the MkDocs plugin and by ``katalog generate``.
"""

from __future__ import annotations

from pathlib import Path

from frivilligkatalogen.catalog.history import read_history
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model.schedule import next_dates
from frivilligkatalogen.views.addresses import (
    FILTER_INDEX,
    SCRIPTS,
    VENUE_FILTER_INDEX,
    VOLUNTEER_FILTER_INDEX,
    feed_path_single,
)
from frivilligkatalogen.views.directory_filters import directory_index_bytes
from frivilligkatalogen.views.embeds import embed_files
from frivilligkatalogen.views.exports import export_files
from frivilligkatalogen.views.feed_files import feed_files
from frivilligkatalogen.views.feeds import FeedBuilder, single_date_event
from frivilligkatalogen.views.hsds import hsds_files
from frivilligkatalogen.views.json_schema import schema_files
from frivilligkatalogen.views.list_cards import card_files
from frivilligkatalogen.views.rss import rss_files
from frivilligkatalogen.views.task_filters import task_index_bytes
from frivilligkatalogen.views.venue_filters import venue_index_bytes

ASSETS = Path(__file__).parent / "assets"
"""Scripts the pages use; published under ``assets/katalog/``."""


def site_files(catalog: Catalog) -> dict[str, bytes]:
    """Every non-page file, by its address under the site root (see :func:`iter_site_files` to
    stream them)."""
    return dict(iter_site_files(catalog))


def iter_site_files(catalog: Catalog, part: str = "all"):
    """Every non-page file as (address, bytes), one at a time: a city's feeds need not all be in
    memory.

    ``part`` splits the work for two processes: ``"calendars"`` (feeds, the filter
    index, schemas, scripts) and ``"views"`` (open data, embeds, RSS); ``"all"`` is both.
    """
    history = read_history(catalog.settings.root, catalog.settings.data_dir)
    if part in ("all", "calendars"):
        yield from _calendar_files(catalog, history)
    if part in ("all", "views"):
        yield from _view_files(catalog, history)


def _calendar_files(catalog: Catalog, history):
    builder = FeedBuilder(catalog, history)
    yield from feed_files(builder)
    yield from single_date_files(catalog, builder)
    yield FILTER_INDEX, directory_index_bytes(catalog)
    yield VENUE_FILTER_INDEX, venue_index_bytes(catalog)
    yield VOLUNTEER_FILTER_INDEX, task_index_bytes(catalog)
    yield from card_files(catalog)
    yield from schema_files(catalog.settings).items()
    for asset in sorted(ASSETS.iterdir()):
        yield f"{SCRIPTS}{asset.name}", asset.read_bytes()


def _view_files(catalog: Catalog, history):
    yield from export_files(catalog)
    yield from hsds_files(catalog)
    yield from embed_files(catalog)
    yield from rss_files(catalog, history)


def single_date_files(catalog: Catalog, builder: FeedBuilder):
    """For each activity, a one-event file with its next date ("legg til i kalenderen")."""
    today = catalog.settings.today
    for org in catalog.active_organizations():
        for activity in org.activities or []:
            next_ones = [
                o
                for o in next_dates(catalog, org, activity)
                if not o.cancelled and o.start.date() >= today
            ]
            if next_ones:
                event = single_date_event(builder, next_ones[0])
                yield (
                    feed_path_single(org.id, activity.id),
                    builder.calendar(activity.title, org.name, [event]),
                )
