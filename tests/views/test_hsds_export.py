"""The Open Referral HSDS 3.0 export validates against HSDS 3.0, reproduced field by field.

The schema below is copied by hand from the HSDS 3.0 table schemas
(openreferral/specification, ``schema/*.json``, CC BY-SA 4.0) for the tables the
export uses: the required fields, the types, the formats and the enumerations of
every field we write. HSDS allows fields beyond its own, so extra keys are not
refused; every key we write must, however, be one HSDS defines, so the test also
lists the allowed keys per table.
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from frivilligkatalogen.catalog.loading import load_catalog
from frivilligkatalogen.base.config_file import read_site_settings

from conftest import REPO

UUID = {"type": "string", "format": "uuid"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
URI = {"type": "string", "pattern": r"^https?://\S+$"}
EMAIL = {"type": "string", "format": "email"}
TIME = {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$"}
"""HSDS 3.0: opens_at/closes_at "should include timezone information, either adding the suffix
'Z' when the date is in UTC, or including an offset from UTC (e.g. 09:00-05:00)"."""
TEXT = {"type": "string"}
NUMBER = {"type": "number"}


def table(required: list[str], properties: dict) -> dict:
    return {"type": "object", "required": required, "properties": properties, "additionalProperties": False}


PHONE = table(["id", "number"], {"id": UUID, "number": TEXT, "type": TEXT, "extension": NUMBER, "description": TEXT, "location_id": UUID, "service_id": UUID, "organization_id": UUID, "contact_id": UUID, "service_at_location_id": UUID, "languages": {"type": "array"}})
LANGUAGE = table(["id"], {"id": UUID, "service_id": UUID, "location_id": UUID, "phone_id": UUID, "name": TEXT, "code": {"type": "string", "pattern": "^[a-z]{2,3}$"}, "note": TEXT})
ADDRESS = table(
    ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
    {"id": UUID, "location_id": UUID, "attention": TEXT, "address_1": TEXT, "address_2": TEXT, "city": TEXT, "region": TEXT, "state_province": TEXT, "postal_code": TEXT, "country": {"type": "string", "pattern": "^[A-Z]{2}$"}, "address_type": {"enum": ["physical", "postal", "virtual"]}},
)
ACCESSIBILITY = table(["id"], {"id": UUID, "location_id": UUID, "description": TEXT, "details": TEXT, "url": URI})
CONTACT = table(["id"], {"id": UUID, "organization_id": UUID, "service_id": UUID, "service_at_location_id": UUID, "location_id": UUID, "name": TEXT, "title": TEXT, "department": TEXT, "email": EMAIL, "phones": {"type": "array"}})
IDENTIFIER = table(["id", "identifier_type", "identifier"], {"id": UUID, "organization_id": UUID, "identifier_scheme": TEXT, "identifier_type": TEXT, "identifier": TEXT})
LOCATION = table(
    ["id", "location_type"],
    {
        "id": UUID, "location_type": {"enum": ["physical", "postal", "virtual"]}, "url": URI, "organization_id": UUID, "name": TEXT,
        "alternate_name": TEXT, "description": TEXT, "transportation": TEXT, "latitude": NUMBER, "longitude": NUMBER,
        "external_identifier": TEXT, "external_identifier_type": TEXT, "languages": {"type": "array", "items": LANGUAGE},
        "addresses": {"type": "array", "items": ADDRESS}, "contacts": {"type": "array", "items": CONTACT},
        "accessibility": {"type": "array", "items": ACCESSIBILITY}, "phones": {"type": "array", "items": PHONE}, "schedules": {"type": "array"},
    },
)
SCHEDULE = table(
    ["id"],
    {
        "id": UUID, "service_id": UUID, "location_id": UUID, "service_at_location_id": UUID, "valid_from": DATE, "valid_to": DATE,
        "dtstart": DATE, "timezone": NUMBER, "until": DATE, "count": NUMBER,
        "wkst": {"enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]}, "freq": {"enum": ["WEEKLY", "MONTHLY"]}, "interval": NUMBER,
        "byday": {"type": "string", "pattern": r"^(-?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,-?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*$"},
        "byweekno": TEXT, "bymonthday": TEXT, "byyearday": TEXT, "description": TEXT, "opens_at": TIME, "closes_at": TIME,
        "schedule_link": URI, "attending_type": TEXT, "notes": TEXT,
    },
)
COST_OPTION = table(["id"], {"id": UUID, "service_id": UUID, "valid_from": DATE, "valid_to": DATE, "option": TEXT, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}, "amount": NUMBER, "amount_description": TEXT})
ORGANIZATION = table(
    ["id", "name", "description"],
    {
        "id": UUID, "name": TEXT, "alternate_name": TEXT, "description": TEXT, "email": EMAIL, "website": URI, "tax_status": TEXT,
        "tax_id": TEXT, "year_incorporated": NUMBER, "legal_status": TEXT, "logo": TEXT, "uri": URI, "parent_organization_id": UUID,
        "funding": {"type": "array"}, "contacts": {"type": "array", "items": CONTACT}, "phones": {"type": "array", "items": PHONE},
        "locations": {"type": "array", "items": LOCATION}, "programs": {"type": "array"},
        "organization_identifiers": {"type": "array", "items": IDENTIFIER},
    },
)
SERVICE_AT_LOCATION = table(["id"], {"id": UUID, "service_id": UUID, "location_id": UUID, "description": TEXT, "location": LOCATION, "schedules": {"type": "array"}, "phones": {"type": "array"}, "contacts": {"type": "array"}})
SERVICE = table(
    ["id", "name", "status"],
    {
        "id": UUID, "organization": ORGANIZATION, "program": {"type": "object"}, "name": TEXT, "alternate_name": TEXT, "description": TEXT,
        "url": URI, "email": EMAIL, "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
        "interpretation_services": TEXT, "application_process": TEXT, "fees_description": TEXT, "accreditations": TEXT,
        "eligibility_description": TEXT, "minimum_age": NUMBER, "maximum_age": NUMBER, "assured_date": DATE, "assurer_email": EMAIL,
        "alert": TEXT, "phones": {"type": "array", "items": PHONE}, "schedules": {"type": "array", "items": SCHEDULE},
        "service_areas": {"type": "array"}, "service_at_locations": {"type": "array", "items": SERVICE_AT_LOCATION},
        "languages": {"type": "array", "items": LANGUAGE}, "funding": {"type": "array"}, "cost_options": {"type": "array", "items": COST_OPTION},
        "required_documents": {"type": "array"}, "contacts": {"type": "array", "items": CONTACT},
    },
)


def paged(item: dict) -> dict:
    return {
        "type": "object",
        "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"],
        "properties": {"total_items": {"type": "integer"}, "contents": {"type": "array", "items": item}},
    }


def validate(document: dict, schema: dict) -> None:
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)


def read(site, name: str) -> dict:
    return json.loads((site / "data" / "hsds" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(read_site_settings(REPO))


def test_every_hsds_document_validates(example_site):
    validate(read(example_site, "organizations.json"), paged(ORGANIZATION))
    validate(read(example_site, "services.json"), paged(SERVICE))
    validate(read(example_site, "locations.json"), paged(LOCATION))
    assert read(example_site, "index.json")["version"] == "3.0"


def test_the_schema_catches_what_hsds_refuses(example_site):
    """The reproduced schema is not a rubber stamp: a service without status, or with a made-up one, fails."""
    services = read(example_site, "services.json")
    broken = json.loads(json.dumps(services))
    del broken["contents"][0]["status"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken, paged(SERVICE))
    broken = json.loads(json.dumps(services))
    broken["contents"][0]["schedules"][0]["freq"] = "DAILY"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken, paged(SERVICE))
    broken = json.loads(json.dumps(services))
    broken["contents"][0]["id"] = "aktivitet-1"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken, paged(SERVICE))


def test_hsds_holds_every_active_association_activity_and_venue(example_site, catalog):
    active = [org for org in catalog.organizations.values() if org.is_active]
    organizations = read(example_site, "organizations.json")["contents"]
    assert sorted(o["name"] for o in organizations) == sorted(org.name for org in active)
    services = read(example_site, "services.json")["contents"]
    assert sorted((s["organization"]["name"], s["name"]) for s in services) == sorted((org.name, a.title) for org in active for a in org.activities or [])
    locations = read(example_site, "locations.json")["contents"]
    assert sorted(loc["name"] for loc in locations) == sorted(v.name for v in catalog.venues.values())
    assert len({s["id"] for s in services}) == len(services)
    numbers = {i["identifier"] for o in organizations for i in o.get("organization_identifiers", [])}
    assert numbers == {org.org_number for org in active if org.org_number}


def test_weekly_times_and_venue_come_through_as_hsds_parts(example_site, catalog):
    org = next(o for o in catalog.organizations.values() if o.is_active and any(a.schedule and a.venue for a in o.activities or []))
    activity = next(a for a in org.activities if a.schedule and a.venue)
    rule = activity.schedule[0]
    services = read(example_site, "services.json")["contents"]
    found = next(s for s in services if s["organization"]["name"] == org.name and s["name"] == activity.title)
    schedule = found["schedules"][0]
    # The same moment as the wall-clock time in Norway on the first session, and the offset again
    # as the schedule's timezone (HSDS reads a time without one as UTC).
    from datetime import datetime
    from zoneinfo import ZoneInfo

    opens = datetime.fromisoformat(f"{schedule['dtstart']}T{schedule['opens_at']}")
    assert opens.astimezone(ZoneInfo("Europe/Oslo")).time() == rule.start
    assert opens.utcoffset().total_seconds() / 3600 == schedule["timezone"] in (1, 2)
    assert schedule["closes_at"].startswith(rule.end.strftime("%H:%M"))
    assert schedule["freq"] == ("MONTHLY" if rule.week_of_month else "WEEKLY")
    assert re.sub(r"-?\d", "", schedule["byday"]).split(",") == [{"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}[d] for d in rule.days]
    venue = catalog.venues[activity.venue]
    location = found["service_at_locations"][0]["location"]
    assert location["name"] == venue.name
    assert location["addresses"][0]["postal_code"] == venue.address.postal_code
    assert location["addresses"][0]["state_province"] == "Vestland"


def test_identifiers_stay_the_same_between_builds(example_site, tmp_path):
    from conftest import mkdocs_build

    again = tmp_path / "again"
    assert mkdocs_build(REPO, again).returncode == 0
    assert (again / "data/hsds/services.json").read_bytes() == (example_site / "data/hsds/services.json").read_bytes()


def test_a_schedule_starts_on_its_first_session_as_in_the_feeds(example_site, catalog):
    """RFC 5545 counts DTSTART as a session and counts intervals from its week."""
    from frivilligkatalogen.model.schedule import first_candidate

    services = {(s["organization"]["name"], s["name"]): s for s in read(example_site, "services.json")["contents"]}
    checked = 0
    for org in catalog.organizations.values():
        if not org.is_active:
            continue
        for activity in org.activities or []:
            for rule, schedule in zip(activity.schedule or [], services[(org.name, activity.title)]["schedules"]):
                assert schedule["dtstart"] == first_candidate(rule).isoformat()
                checked += 1
    assert checked > 10
