"""Open Referral HSDS 3.0: the catalogue in the format directory tools read.

Published under ``/data/hsds/`` as the static answers an HSDS 3.0 API would give:

* ``index.json``: the version and profile (the API's root);
* ``organizations.json``: every active association (organisation number as an
  ``organization_identifier`` with the org-id.guide scheme ``NO-BRC``);
* ``services.json``: every activity of an active association as a service, with
  its ``schedules`` (RFC 5545 parts: ``freq``, ``byday``, ``interval``), ``cost_options``,
  ``languages`` and ``service_at_locations`` (the venue as a ``location`` with its
  address and ``accessibility``);
* ``locations.json``: every venue.

Lists have the paged shape of the HSDS API (``total_items``, ``contents`` …), one page.
Identifiers are UUIDs derived from the catalogue's ids, so they never change while
the ids stay. What is published is what the pages publish: a contact person only
with consent, never a ``c/o`` line.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime, time

from frivilligkatalogen.base.i18n import t, table
from frivilligkatalogen.catalog.loading import Catalog
from frivilligkatalogen.model import Activity, Organization, Venue
from frivilligkatalogen.model.activity import RFC5545_DAYS
from frivilligkatalogen.model.schedule import OSLO, first_candidate
from frivilligkatalogen.model.values import shown_phone
from frivilligkatalogen.views import wording
from frivilligkatalogen.views.addresses import HSDS, organization_url, venue_url
from frivilligkatalogen.views.exports import json_bytes

VERSION = "3.0"
PROFILE = "https://openreferral.org/imports/hsds.3.0/"
ORG_ID_SCHEME = "NO-BRC"
"""org-id.guide's code for Brønnøysundregistrene (Enhetsregisteret)."""


class Ids:
    """Stable UUIDs: the same catalogue id always gives the same identifier."""

    def __init__(self, catalog: Catalog):
        self.namespace = uuid.uuid5(uuid.NAMESPACE_DNS, catalog.settings.uid_domain)

    def __call__(self, *parts) -> str:
        return str(uuid.uuid5(self.namespace, "/".join(str(part) for part in parts)))


def _page(contents, count: int | None = None) -> dict:
    """A one-page answer of the HSDS API; ``contents`` may be a generator of ``count`` items."""
    count = len(contents) if count is None else count
    return {
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": not count,
        "contents": contents,
    }


def _clean(record: dict) -> dict:
    """Leave out what is unknown rather than publish nulls and empty lists."""
    return {key: value for key, value in record.items() if value not in (None, "", [])}


def _absolute(catalog: Catalog, url: str) -> str | None:
    return catalog.settings.absolute_url(url)


def _phone(ids: Ids, owner: str, number: str | None) -> list[dict]:
    return (
        [{"id": ids(owner, "phone", number), "number": shown_phone(number), "type": "voice"}]
        if number
        else []
    )


def _language(ids: Ids, owner: str, code: str) -> dict:
    return {
        "id": ids(owner, "language", code),
        "code": code,
        "name": table("languages").get(code, code),
    }


def _address(ids: Ids, owner: str, value, county: str, kind: str) -> dict | None:
    street = wording.public_street(value) if value else None
    if not value or not street or not value.postal_code or not value.city:
        return None
    return {
        "id": ids(owner, "address", kind),
        "address_1": street,
        "city": value.city,
        "state_province": county,
        "postal_code": value.postal_code,
        "country": "NO",
        "address_type": kind,
    }


def location(catalog: Catalog, ids: Ids, venue: Venue) -> dict:
    """A venue as an HSDS location, with its address and accessibility."""
    own = ids("venue", venue.id)
    accessibility = [
        _clean(
            {
                "id": ids("venue", venue.id, "accessibility", item),
                "location_id": own,
                "description": t("accessibility." + item),
            }
        )
        for item in venue.accessibility or []
    ]
    if venue.accessibility_note:
        accessibility.append(
            {
                "id": ids("venue", venue.id, "accessibility", "note"),
                "location_id": own,
                "description": venue.accessibility_note,
            }
        )
    address = _address(ids, f"venue/{venue.id}", venue.address, catalog.settings.county, "physical")
    return _clean(
        {
            "id": own,
            "location_type": "physical",
            "url": _absolute(catalog, venue_url(venue.id)),
            "name": venue.name,
            "description": venue.description,
            "latitude": venue.geo.lat if venue.geo else None,
            "longitude": venue.geo.lon if venue.geo else None,
            "addresses": [dict(address, location_id=own)] if address else [],
            "accessibility": accessibility,
            "phones": _phone(
                ids, f"venue/{venue.id}", venue.booking.phone if venue.booking else None
            ),
        }
    )


def organization(catalog: Catalog, ids: Ids, org: Organization) -> dict:
    """An association as an HSDS organization."""
    own = ids("organization", org.id)
    identifiers = []
    if org.org_number:
        identifiers.append(
            {
                "id": ids("organization", org.id, "org_number"),
                "organization_id": own,
                "identifier_scheme": ORG_ID_SCHEME,
                "identifier_type": "organisasjonsnummer",
                "identifier": org.org_number,
            }
        )
    contacts = []
    if org.contact.person and org.contact.person.consent:
        contacts.append(
            _clean(
                {
                    "id": ids("organization", org.id, "contact"),
                    "organization_id": own,
                    "name": org.contact.person.name,
                    "title": org.contact.person.role,
                }
            )
        )
    return _clean(
        {
            "id": own,
            "name": org.name,
            "description": org.summary or org.description or "",
            "email": org.contact.email,
            "website": org.contact.website or _absolute(catalog, organization_url(org.id)),
            "uri": _absolute(catalog, organization_url(org.id)),
            "organization_identifiers": identifiers,
            "phones": _phone(ids, f"organization/{org.id}", org.contact.phone),
            "contacts": contacts,
        }
    ) | {"description": org.summary or org.description or ""}


def schedules(ids: Ids, service_id: str, activity: Activity) -> list[dict]:
    """The activity's times: one schedule per recurrence rule, one per single date."""
    out = []
    for index, rule in enumerate(activity.schedule or []):
        byday = ",".join(RFC5545_DAYS[day] for day in rule.days)
        first = first_candidate(rule) or rule.first
        if rule.week_of_month:
            byday = ",".join(f"{rule.week_of_month}{RFC5545_DAYS[day]}" for day in rule.days)
        opens, offset = _zoned(first, rule.start)
        out.append(
            _clean(
                {
                    "id": ids(service_id, "schedule", index),
                    "service_id": service_id,
                    "valid_from": rule.first.isoformat(),
                    "valid_to": rule.until.isoformat() if rule.until else None,
                    "dtstart": first.isoformat(),  # as the feeds' DTSTART: the first session
                    "until": rule.until.isoformat() if rule.until else None,
                    "wkst": "MO",
                    "freq": "MONTHLY" if rule.week_of_month else "WEEKLY",
                    "interval": rule.every,
                    "byday": byday,
                    "opens_at": opens,
                    "closes_at": _zoned(first, rule.end)[0],
                    "timezone": offset,
                    "description": wording.rule(rule),
                    "notes": t("hsds.local_time"),
                }
            )
        )
    for index, event in enumerate(activity.dates or []):
        if event.cancelled:
            continue
        first = event.start.date() if event.start else event.date
        last = event.end.date() if event.end else (event.end_date or event.date)
        opens, offset = _zoned(first, event.start and event.start.time())
        out.append(
            _clean(
                {
                    "id": ids(service_id, "date", index),
                    "service_id": service_id,
                    "valid_from": first.isoformat(),
                    "valid_to": last.isoformat(),
                    "dtstart": first.isoformat(),
                    "opens_at": opens,
                    "closes_at": _zoned(last, event.end and event.end.time())[0],
                    "timezone": offset,
                    "description": wording.event_date(event),
                    "notes": t("hsds.local_time"),
                }
            )
        )
    return out


def _zoned(day: date, at: time | None) -> tuple[str | None, float]:
    """A wall-clock time as HSDS wants it, with its offset from UTC on ``day`` (``18:00+01:00``),
    and that offset in hours for the schedule's ``timezone`` (HSDS reads a time without either
    as UTC). Norway's offset changes with summer time: a weekly rule gets the offset of its first
    session, and ``notes`` says the times are local all year."""
    moment = datetime.combine(day, at or time(12), tzinfo=OSLO)
    offset = moment.utcoffset()
    hours = offset.total_seconds() / 3600
    suffix = f"{'+' if hours >= 0 else '-'}{int(abs(hours)):02d}:{int(abs(hours) * 60) % 60:02d}"
    return (at.strftime("%H:%M") + suffix if at else None), hours


def cost_options(ids: Ids, service_id: str, activity: Activity) -> list[dict]:
    price = activity.price
    if price is None:
        return []
    amount = 0 if price.is_free else price.amount
    return [
        _clean(
            {
                "id": ids(service_id, "cost"),
                "service_id": service_id,
                "currency": "NOK",
                "amount": amount,
                "option": wording.price(price),
                "amount_description": t("fee_periods." + price.per) if price.per else None,
            }
        )
    ]


def _service_at(ids: Ids, own: str, activity: Activity, locations: dict[str, dict]) -> list[dict]:
    """Where an activity happens, as HSDS ``service_at_locations``: its venue, a free-text place,
    or an online address."""
    if activity.venue and activity.venue in locations:
        return [
            {
                "id": ids(own, "at", activity.venue),
                "service_id": own,
                "location": locations[activity.venue],
            }
        ]
    if activity.location:
        place = {"id": ids(own, "location"), "location_type": "physical", "name": activity.location}
        return [{"id": ids(own, "at", "location"), "service_id": own, "location": place}]
    if activity.online:
        place = {
            "id": ids(own, "online"),
            "location_type": "virtual",
            "url": activity.online,
            "name": t("hsds.online"),
        }
        return [{"id": ids(own, "at", "online"), "service_id": own, "location": place}]
    return []


def service(
    catalog: Catalog, ids: Ids, org: Organization, activity: Activity, locations: dict[str, dict]
) -> dict:
    """An activity as an HSDS service of its association."""
    own = ids("activity", org.id, activity.id)
    audience = activity.audience or org.audience
    at = _service_at(ids, own, activity, locations)
    return _clean(
        {
            "id": own,
            "organization": organization(catalog, ids, org),
            "name": activity.title,
            "description": activity.description or org.summary,
            "url": (_absolute(catalog, organization_url(org.id)) or "")
            + f"#aktivitet-{activity.id}"
            if catalog.settings.site_url
            else None,
            "email": org.contact.email,
            "status": "active" if activity.status == "active" else "inactive",
            "minimum_age": audience.age_min if audience else None,
            "maximum_age": audience.age_max if audience else None,
            "eligibility_description": wording.groups(audience),
            "fees_description": wording.price(activity.price),
            "assured_date": org.verified.isoformat(),
            "schedules": schedules(ids, own, activity),
            "cost_options": cost_options(ids, own, activity),
            "languages": [_language(ids, own, code) for code in org.languages or ["nb"]],
            "service_at_locations": at,
            "phones": _phone(ids, own, org.contact.phone),
        }
    )


def hsds_documents(catalog: Catalog) -> dict[str, dict]:
    """Every HSDS document by its address, with its lists as lists."""
    return {
        path: {**document, "contents": list(document["contents"])}
        if "contents" in document
        else document
        for path, document in iter_hsds_documents(catalog)
    }


def iter_hsds_documents(catalog: Catalog):
    """Every HSDS document as (address, document), made one at a time: a city's services need
    not sit in memory beside its organizations."""
    ids = Ids(catalog)
    active = catalog.active_organizations()
    locations = {venue.id: location(catalog, ids, venue) for venue in catalog.sorted_venues()}
    yield (
        f"{HSDS}/index.json",
        {"version": VERSION, "profile": PROFILE, "licence": asdict(catalog.settings.licence)},
    )
    yield (
        f"{HSDS}/organizations.json",
        _page([organization(catalog, ids, org) for org in active]),
    )
    services = (
        service(catalog, ids, org, activity, locations)
        for org in active
        for activity in org.activities or []
    )
    yield (
        f"{HSDS}/services.json",
        _page(services, sum(len(org.activities or []) for org in active)),
    )
    yield f"{HSDS}/locations.json", _page(list(locations.values()))


def hsds_files(catalog: Catalog):
    """The HSDS documents as (address, bytes)."""
    for path, document in iter_hsds_documents(catalog):
        data = json_bytes(document, "contents")
        del document  # not kept while the next one is made
        yield path, data
