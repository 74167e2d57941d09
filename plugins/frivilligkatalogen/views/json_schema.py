"""JSON Schemas of the data files, for editors (``yaml-language-server``) and other tools.

Generated from the same field specs the validator reads (see
:func:`frivilligkatalogen.load.records.record_schema`), published with the site as
``/schema/organization.json`` and ``/schema/venue.json``. An editor reads YAML 1.2,
where an unquoted ``0150`` is a number, so kinds that can look like numbers accept
both. Rules that span files (a venue that must exist) or need arithmetic (the
check digit of an org number, ``except`` on the rule's weekdays, an end after a
start) are the validator's alone: ``katalog check`` remains the final word.
"""

from __future__ import annotations

import json

from frivilligkatalogen.base.options import Settings
from frivilligkatalogen.load.records import record_schema
from frivilligkatalogen.model import Organization, Venue
from frivilligkatalogen.model.vocabulary import Area
from frivilligkatalogen.views.addresses import SCHEMAS

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _with_areas(schema, areas: list[str]):
    """Put the site's configured areas into every ``area`` property."""
    if isinstance(schema, dict):
        out = {}
        for key, value in schema.items():
            if key == "properties" and isinstance(value, dict) and "area" in value:
                value = {**value, "area": Area().schema_for(areas)}
            out[key] = _with_areas(value, areas)
        return out
    if isinstance(schema, list):
        return [_with_areas(item, areas) for item in schema]
    return schema


def schema_for(kind: str, settings: Settings) -> dict:
    cls = {"organization": Organization, "venue": Venue}[kind]
    body = _with_areas(record_schema(cls), settings.areas)
    head = {"$schema": DRAFT, "title": f"Frivilligkatalogen: {kind}"}
    address = settings.absolute_url(SCHEMAS[kind])
    if address:
        head["$id"] = address
    return {**head, **body}


def schema_files(settings: Settings) -> dict[str, bytes]:
    return {
        path: (json.dumps(schema_for(kind, settings), ensure_ascii=False, indent=1) + "\n").encode(
            "utf-8"
        )
        for kind, path in SCHEMAS.items()
    }
