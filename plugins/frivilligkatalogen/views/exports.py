"""Open data: the catalogue as JSON and CSV, for anyone to reuse.

``/data/organisasjoner.json|.csv``, ``/data/lokaler.json|.csv``,
``/data/aktiviteter.json|.csv`` and ``/data/frivillige-oppgaver.json|.csv`` hold every
active association, every venue, every activity and every volunteering task of an active
association, with what the pages publish (a contact
person only with consent, never a ``c/o`` line). JSON keeps the contract's keys;
CSV is for spreadsheets: UTF-8 with a byte-order mark (so Norwegian letters open
intact) and semicolons, as spreadsheets set to Norwegian expect.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict

from frivilligkatalogen.base.i18n import t, table
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model import Activity, Address, Organization, Venue
from frivilligkatalogen.model.categories import category_name
from frivilligkatalogen.model.organization import Volunteering
from frivilligkatalogen.model.schedule import next_dates
from frivilligkatalogen.views import wording
from frivilligkatalogen.views.addresses import (
    OPEN_DATA,
    organization_url,
    venue_url,
    volunteering_anchor,
)


def _address(value: Address | None) -> dict | None:
    if value is None:
        return None
    out = {
        "street": wording.public_street(value),
        "postal_code": value.postal_code,
        "city": value.city,
    }
    return {key: item for key, item in out.items() if item}


def _page(catalog: Catalog, url: str) -> str:
    return catalog.settings.absolute_url(url) or url


def organization_record(catalog: Catalog, org: Organization) -> dict:
    contact = {
        key: getattr(org.contact, key)
        for key in ("email", "phone", "website")
        if getattr(org.contact, key)
    }
    if org.contact.person and org.contact.person.consent:
        contact["person"] = {"name": org.contact.person.name, "role": org.contact.person.role}
    record = {
        "id": org.id,
        "name": org.name,
        "org_number": org.org_number,
        "categories": [{"code": code, "name": category_name(code)} for code in org.categories],
        "tags": org.tags or [],
        "summary": org.summary,
        "description": org.description,
        "audience": None
        if org.audience is None
        else {
            "age_min": org.audience.age_min,
            "age_max": org.audience.age_max,
            "groups": org.audience.groups or [],
        },
        "languages": org.languages,
        "area": org.area,
        "contact": contact,
        "social": org.social or {},
        "address": _address(org.address),
        "venues": org.venues or [],
        "membership": None
        if org.membership is None
        else {
            "fee": org.membership.fee,
            "per": org.membership.per,
            "reduced": org.membership.reduced,
            "note": org.membership.note,
        },
        "volunteering": [task_fields(task) for task in org.volunteering or []],
        "registered_in_frivillighetsregisteret": org.registered_in_frivillighetsregisteret,
        "verified": org.verified.isoformat(),
        "page": _page(catalog, organization_url(org.id)),
    }
    return record


def task_fields(task: Volunteering) -> dict:
    """A volunteering task with the contract's keys."""
    return {
        "title": task.title,
        "description": task.description,
        "suited_for": task.suited_for or [],
        "contact": task.contact,
    }


def task_record(catalog: Catalog, org: Organization, task: Volunteering) -> dict:
    """A row of ``frivillige-oppgaver``: the task with its association's name, area, categories
    and contact, so it can be read alone."""
    return {
        "organization": org.id,
        "organization_name": org.name,
        **task_fields(task),
        "area": org.area,
        "categories": [{"code": code, "name": category_name(code)} for code in org.categories],
        "page": _page(catalog, volunteering_anchor(org.id)),
    }


def venue_record(catalog: Catalog, venue: Venue) -> dict:
    return {
        "id": venue.id,
        "name": venue.name,
        "type": venue.type,
        "description": venue.description,
        "address": _address(venue.address),
        "area": venue.area,
        "geo": None if venue.geo is None else {"lat": venue.geo.lat, "lon": venue.geo.lon},
        "capacity": venue.capacity,
        "area_m2": venue.area_m2,
        "facilities": venue.facilities or [],
        "accessibility": venue.accessibility or [],
        "accessibility_note": venue.accessibility_note,
        "suitable_for": venue.suitable_for or [],
        "free_for_volunteers": venue.is_free_for_volunteers,
        "verified": venue.verified.isoformat(),
        "page": _page(catalog, venue_url(venue.id)),
    }


def activity_record(catalog: Catalog, org: Organization, activity: Activity) -> dict:
    coming = [o for o in next_dates(catalog, org, activity) if not o.cancelled][:3]
    return {
        "organization": org.id,
        "id": activity.id,
        "title": activity.title,
        "status": activity.status,
        "venue": activity.venue,
        "location": activity.location,
        "online": activity.online,
        "when": wording.when(activity),
        "price": wording.price(activity.price),
        "free": bool(activity.price and activity.price.is_free),
        "next": [
            o.start.date().isoformat() if o.all_day else o.start.isoformat(timespec="minutes")
            for o in coming
        ],
        "page": _page(catalog, organization_url(org.id)) + f"#aktivitet-{activity.id}",
    }


def records(catalog: Catalog) -> dict[str, list[dict]]:
    """Every export's rows by its address (without the extension)."""
    return {path: rows() for path, rows in _datasets(catalog)}


def _datasets(catalog: Catalog):
    """(address, function making the rows): one list at a time is enough to write them."""
    active = catalog.active_organizations()
    yield OPEN_DATA["organizations"], lambda: [organization_record(catalog, org) for org in active]
    yield (
        OPEN_DATA["venues"],
        lambda: [venue_record(catalog, venue) for venue in catalog.sorted_venues()],
    )
    yield (
        OPEN_DATA["activities"],
        lambda: [
            activity_record(catalog, org, activity)
            for org in active
            for activity in org.activities or []
        ],
    )
    yield (
        OPEN_DATA["volunteering"],
        lambda: [task_record(catalog, org, task) for org, task in catalog.volunteering_tasks()],
    )


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return t("open_data.cell_yes") if value else t("open_data.cell_no")
    if isinstance(value, dict):
        if "code" in value and "name" in value:
            return value["name"]
        return ", ".join(
            f"{key}: {_flat(item)}" for key, item in value.items() if item not in (None, "", [])
        )
    if isinstance(value, list):
        return "; ".join(_flat(item) for item in value)
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?([0-9]+([.,][0-9]*)?|[.,][0-9]+)$")


def spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP's CSV injection advice):
    a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    apostrophe, unless it is a plain number such as ``-5``."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def csv_bytes(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    if rows:
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        names = table("export_columns")
        writer.writerow([names.get(key, key) for key in rows[0]])
        for row in rows:
            writer.writerow([spreadsheet_cell(_flat(value)) for value in row.values()])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def json_bytes(document: dict, list_key: str | None = None) -> bytes | bytearray:
    """A JSON document with each item of its long list on a line of its own.

    Readable in an editor and diffable, and written by the C encoder (an indented
    dump of a city's catalogue goes through the slow pure-Python one). The list
    may be a generator: each item is encoded as it comes, so a city's services are
    never all in memory as objects and as text at once.
    """
    items = document.get(list_key) if list_key else None
    if items is None:
        return (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")
    head = json.dumps(
        {key: value for key, value in document.items() if key != list_key}, ensure_ascii=False
    )[:-1]
    out = bytearray(f'{head}{", " if len(document) > 1 else ""}"{list_key}": ['.encode())
    empty = True
    for item in items:
        out += b"\n" if empty else b",\n"
        out += json.dumps(item, ensure_ascii=False).encode("utf-8")
        empty = False
    out += b"]}\n" if empty else b"\n]}\n"
    return out  # bytes-like; not copied into a second hundred megabytes


def export_files(catalog: Catalog):
    """Every export as (address, bytes)."""
    for path, make_rows in _datasets(catalog):
        rows = make_rows()
        document = {
            "licence": asdict(catalog.settings.licence),
            "generated": catalog.settings.today.isoformat(),
            "count": len(rows),
            "records": rows,
        }
        yield f"{path}.json", json_bytes(document, "records")
        data = csv_bytes(rows)
        del rows, document  # not kept while the next list is made
        yield f"{path}.csv", data
