"""Filters on a list page, described once for the filter script: columns and rows.

A list page (the directory, the venues, "Bli frivillig") prints every item in HTML, so it works
without JavaScript; beside it a compact index tells ``filter.js``, item by item in the same
order, each item's value in every column. A column is one group of the page's filter form
(its ``name`` is the form control's name and the URL parameter) and has one of four kinds:

* ``any``: the item holds a list of option positions; it matches when it holds one of the
  ticked options (``kategori``, ``omrade``).
* ``bits``: the item holds a number with a bit per option; it matches when a ticked option's
  bit is set (weekdays, price flags, yes/no flags such as step-free access).
* ``ranges``: the item holds age ranges ``[[min, max], …]`` or ``0`` (every age fits); it
  matches when the number typed lies in one of them.
* ``at_least``: the item holds a number or ``None``; it matches when the number is at least the
  number typed (a venue's capacity).

Within a column ticked options widen the list (any of them); across columns they narrow it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

ANY, BITS, RANGES, AT_LEAST = "any", "bits", "ranges", "at_least"

YES = "ja"
"""The value of a yes/no option (a ``bits`` column with one option), in the form and the URL."""

PAGE_SIZE = 100
"""Cards a list page holds in its HTML, and the filter script shows at a time. A longer list
has further pages (``side/2/`` …) for visitors without JavaScript; with it, the script builds
the list from ``kort.json`` (every card as HTML) and shows a hundred more at a press."""


@dataclass(frozen=True)
class Column:
    """One filter group: its form name, its kind, its option values in display order, and how
    an item's value is read (for ``any``: the item's option values; for ``bits``: the option
    values that apply; else the value as the index holds it)."""

    name: str
    kind: str
    value: Callable[[object], object]
    options: Sequence[str] = field(default_factory=tuple)


def filter_index(columns: Sequence[Column], items: Sequence) -> dict:
    """The index the filter script reads: the columns with their options, one row per item."""
    positions = [{option: i for i, option in enumerate(column.options)} for column in columns]
    rows = []
    for item in items:
        row = []
        for column, at in zip(columns, positions, strict=True):
            value = column.value(item)
            if column.kind == ANY:
                row.append(sorted({at[v] for v in value if v in at}))
            elif column.kind == BITS:
                row.append(sum(1 << at[v] for v in set(value) if v in at))
            else:
                row.append(value)
        rows.append(row)
    return {
        "version": 2,
        "columns": [
            {"name": c.name, "kind": c.kind, "options": [str(o) for o in c.options]}
            for c in columns
        ],
        "rows": rows,
    }


def index_bytes(index: dict) -> bytes:
    """The index as compact UTF-8 JSON."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
