"""schema.org JSON-LD for search engines, built from the model and escaped for a ``<script>``
block."""

from __future__ import annotations

import json

from markupsafe import Markup

from frivilligkatalogen.base.i18n import language, t, table
from frivilligkatalogen.model import Activity, Organization
from frivilligkatalogen.model.activity import SCHEMA_ORG_DAYS, WEEKDAYS
from frivilligkatalogen.model.schedule import Occurrence, local
from frivilligkatalogen.views.wording import public_street


def script_json(data) -> Markup:
    """JSON safe inside ``<script type="application/ld+json">``: no ``</script>`` can break out."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def web_page(page_url: str | None, about: dict) -> dict:
    """The page itself, in the catalogue's language (``inLanguage``), about its subject."""
    node = {"@type": "WebPage", "inLanguage": language(), "about": about}
    if page_url:
        node["@id"] = node["url"] = page_url
    return node


def _place(catalog, activity: Activity) -> dict:
    if activity.venue:
        venue = catalog.venues[activity.venue]
        address = venue.address
        return {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": public_street(address),
                "postalCode": address.postal_code,
                "addressLocality": address.city,
                "addressCountry": "NO",
            },
        }
    if activity.online:
        return {"@type": "VirtualLocation", "url": activity.online}
    return {"@type": "Place", "name": activity.location, "address": activity.location}


def activity_graph(
    catalog,
    org: Organization,
    activity: Activity,
    next_dates: list[Occurrence],
    page_url: str | None,
) -> list[dict]:
    """An ``EventSeries`` with its ``eventSchedule`` and an ``Event`` for each coming date."""
    organizer = (
        {"@id": f"{page_url}#organisasjon"} if page_url else {"@type": "NGO", "name": org.name}
    )
    series: dict = {
        "@type": "EventSeries",
        "name": activity.title,
        "organizer": organizer,
        "location": _place(catalog, activity),
        "eventStatus": "https://schema.org/EventCancelled"
        if activity.cancelled
        else "https://schema.org/EventScheduled",
    }
    if page_url:
        series["url"] = f"{page_url}#aktivitet-{activity.id}"
    schedules = [_schedule(rule) for rule in activity.schedule or [] if _expressible(rule)]
    if schedules:
        series["eventSchedule"] = schedules
    events = [_event(catalog, activity, occurrence, organizer) for occurrence in next_dates]
    if events:
        series["subEvent"] = events
    return [series]


SCHEMA = "https://schema.org/"


def _expressible(rule) -> bool:
    """Whether schema.org's ``Schedule`` can say the rule: ``byMonthWeek`` is documented for
    1–5 only, so "the last Sunday of the month" (``week_of_month: -1``) is left to the
    ``subEvent`` dates instead of being written as a value readers do not know."""
    return rule.week_of_month is None or 1 <= rule.week_of_month <= 5


def _schedule(rule) -> dict:
    """A recurrence rule as a schema.org ``Schedule`` (times as schema.org ``Time``,
    ``hh:mm:ss``)."""
    schedule = {
        "@type": "Schedule",
        "byDay": [f"https://schema.org/{SCHEMA_ORG_DAYS[d]}" for d in WEEKDAYS if d in rule.days],
        "startTime": rule.start.strftime("%H:%M:%S"),
        "endTime": rule.end.strftime("%H:%M:%S"),
        "startDate": rule.first.isoformat(),
        "repeatFrequency": "P1M" if rule.week_of_month is not None else f"P{rule.every}W",
        "scheduleTimezone": "Europe/Oslo",
    }
    if rule.week_of_month is not None:
        schedule["byMonthWeek"] = rule.week_of_month
    if rule.until:
        schedule["endDate"] = rule.until.isoformat()
    if rule.exceptions:
        schedule["exceptDate"] = [d.isoformat() for d in sorted(rule.exceptions)]
    return schedule


def _event(catalog, activity: Activity, occurrence: Occurrence, organizer: dict) -> dict:
    """One coming date as a schema.org ``Event``."""
    start = (
        occurrence.start.date().isoformat()
        if occurrence.all_day
        else local(occurrence.start).isoformat()
    )
    end = (
        occurrence.end.date().isoformat()
        if occurrence.all_day
        else local(occurrence.end).isoformat()
    )
    event = {
        "@type": "Event",
        "name": activity.title,
        "startDate": start,
        "endDate": end,
        "location": _place(catalog, activity),
        "organizer": organizer,
        "eventStatus": SCHEMA + ("EventCancelled" if occurrence.cancelled else "EventScheduled"),
        "eventAttendanceMode": SCHEMA
        + ("Online" if activity.online else "Offline")
        + "EventAttendanceMode",
    }
    if activity.price is not None and activity.price.is_free:
        event["isAccessibleForFree"] = True
    return event


def _postal(address) -> dict | None:
    if address is None:
        return None
    parts = {
        "@type": "PostalAddress",
        "streetAddress": public_street(address),
        "postalCode": address.postal_code,
        "addressLocality": address.city,
        "addressCountry": "NO",
    }
    return {key: value for key, value in parts.items() if value}


def organization_node(org: Organization, page_url: str | None) -> dict:
    """The association as a schema.org ``NGO``, identified by its org number."""
    node: dict = {"@type": "NGO", "name": org.name}
    if page_url:
        node["@id"] = page_url + "#organisasjon"
        node["url"] = page_url
    if org.summary:
        node["description"] = org.summary
    if org.org_number:
        node["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "organisasjonsnummer",
            "value": org.org_number,
        }
    if org.contact.email:
        node["email"] = org.contact.email
    if org.contact.phone:
        node["telephone"] = org.contact.phone
    same_as = [url for url in [org.contact.website, *(org.social or {}).values()] if url]
    if same_as:
        node["sameAs"] = same_as
    address = _postal(org.address)
    if address:
        node["address"] = address
    return node


def organization_json_ld(
    catalog, org: Organization, next_dates: dict, page_url: str | None
) -> Markup:
    node = organization_node(org, page_url)
    graph = [web_page(page_url, {"@id": node["@id"]} if "@id" in node else node), node]
    graph += [
        item
        for activity in org.activities or []
        for item in activity_graph(
            catalog, org, activity, next_dates.get(activity.id, []), page_url
        )
    ]
    return script_json({"@context": "https://schema.org", "@graph": graph})


def venue_json_ld(venue, page_url: str | None) -> Markup:
    """The venue as a schema.org ``EventVenue`` (a ``CivicStructure``), with capacity and
    amenities."""
    node: dict = {"@type": "EventVenue", "name": venue.name, "address": _postal(venue.address)}
    if page_url:
        node["url"] = page_url
    if venue.geo:
        node["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": venue.geo.lat,
            "longitude": venue.geo.lon,
        }
    if venue.capacity is not None:
        node["maximumAttendeeCapacity"] = venue.capacity
    features = [("facilities", code) for code in venue.facilities or []] + [
        ("accessibility", code) for code in venue.accessibility or []
    ]
    if features:
        node["amenityFeature"] = [
            {"@type": "LocationFeatureSpecification", "name": table(group)[code], "value": True}
            for group, code in features
        ]
    page = web_page(page_url, {"@id": page_url + "#lokale"} if page_url else node)
    if page_url:
        node["@id"] = page_url + "#lokale"
    return script_json({"@context": "https://schema.org", "@graph": [page, node]})


def contact_json_ld(settings, page_url: str | None) -> Markup:
    """The municipality as a ``GovernmentOrganization`` with its coordinator as a schema.org
    ``ContactPoint`` (the ``coordinator`` option), for the contact page."""
    coordinator = settings.coordinator
    point: dict = {
        "@type": "ContactPoint",
        "contactType": coordinator.role or t("footer.coordinator"),
        "areaServed": settings.municipality,
        "availableLanguage": language(),
    }
    if coordinator.name:
        point["name"] = coordinator.name
    if coordinator.email:
        point["email"] = coordinator.email
    if coordinator.dialled_phone:
        point["telephone"] = coordinator.dialled_phone
    if coordinator.opening_hours:
        point["hoursAvailable"] = {
            "@type": "OpeningHoursSpecification",
            "description": coordinator.opening_hours,
        }
    body: dict = {
        "@type": "GovernmentOrganization",
        "name": settings.municipality,
        "contactPoint": point,
    }
    if coordinator.visiting_address:
        body["address"] = coordinator.visiting_address
    return script_json({"@context": "https://schema.org", "@graph": [web_page(page_url, body)]})
