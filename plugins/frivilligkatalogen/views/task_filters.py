"""The filters of "Bli frivillig" (``bli-frivillig/filter.json``; the index's shape:
:mod:`.filters`): the association's category and area, and whom the task suits."""

from __future__ import annotations

from dataclasses import dataclass

from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model.organization import VOLUNTEER_GROUPS
from frivilligkatalogen.views.filters import ANY, Column, filter_index, index_bytes


@dataclass(frozen=True)
class TaskFacets:
    """The options "Bli frivillig" offers, in display order (only those some task has)."""

    categories: list[int]
    areas: list[str]
    suited_for: list[str]


def task_facets(catalog: Catalog) -> TaskFacets:
    tasks = catalog.volunteering_tasks()
    areas = catalog.settings.areas or sorted({org.area for org, _ in tasks if org.area})
    suited = {group for _, task in tasks for group in task.suited_for or []}
    return TaskFacets(
        categories=sorted({code for org, _ in tasks for code in org.categories}),
        areas=[a for a in areas if any(org.area == a for org, _ in tasks)],
        suited_for=[group for group in VOLUNTEER_GROUPS if group in suited],
    )


def task_columns(catalog: Catalog) -> list[Column]:
    """The filter groups of "Bli frivillig", in the order of its form."""
    options = task_facets(catalog)
    return [
        Column("kategori", ANY, lambda item: item[0].categories, options.categories),
        Column("passer", ANY, lambda item: item[1].suited_for or [], options.suited_for),
        Column("omrade", ANY, lambda item: [item[0].area] if item[0].area else [], options.areas),
    ]


def task_index_bytes(catalog: Catalog) -> bytes:
    return index_bytes(filter_index(task_columns(catalog), catalog.volunteering_tasks()))
