"""A venue (lokale) that associations use, borrow or rent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frivilligkatalogen.load.kinds import (
    Boolean,
    Choice,
    Integer,
    ListOf,
    Number,
    RecordOf,
    Text,
)
from frivilligkatalogen.load.records import spec
from frivilligkatalogen.model.common import Reachable, VenueAddress, at_least_one
from frivilligkatalogen.model.values import ImageSource, Url
from frivilligkatalogen.model.vocabulary import Area, ConfirmationDate

VENUE_TYPES = (
    "school",
    "gym",
    "sports_hall",
    "community_house",
    "culture_house",
    "library",
    "church",
    "meeting_room",
    "outdoor",
    "other",
)
OWNER_KINDS = ("municipal", "county", "association", "church", "private", "other")
FACILITIES = (
    "kitchen",
    "projector",
    "sound_system",
    "stage",
    "piano",
    "wifi",
    "changing_rooms",
    "showers",
    "storage",
    "parking",
    "outdoor_area",
    "sports_floor",
)
ACCESSIBILITY = (
    "step_free_entrance",
    "wheelchair_accessible",
    "accessible_toilet",
    "elevator",
    "hearing_loop",
    "tactile_marking",
    "accessible_parking",
)
STEP_FREE_ACCESS = ("step_free_entrance", "wheelchair_accessible")
"""The accessibility that gets a wheelchair user in: what the directory's and the venue list's
"trinnfri inngang eller rullestoltilgang" filters look for."""
SUITABLE_FOR = (
    "meetings",
    "courses",
    "sports",
    "dance",
    "music",
    "parties",
    "exhibitions",
    "outdoor",
)


@dataclass(kw_only=True)
class Geo:
    """A position in Norway (Svalbard included)."""

    lat: float = spec(Number(57.9, 81.1), required=True)
    lon: float = spec(Number(-9.1, 33.7), required=True)


@dataclass(kw_only=True)
class Owner:
    """Who owns the venue."""

    name: str | None = spec(Text(2, 120, single_line=True))
    kind: str | None = spec(Choice(OWNER_KINDS))


@dataclass(kw_only=True)
class Booking(Reachable):
    """How to book the venue; at least one way."""

    json_schema_rules, check = at_least_one(("url", "email", "phone"), "rule.booking_one")

    url: str | None = spec(Url())
    price: str | None = spec(Text(1, 300))
    free_for_volunteers: bool | None = spec(Boolean())
    note: str | None = spec(Text(1, 500))


@dataclass(kw_only=True)
class Image:
    """A picture of the venue; the text alternative is required."""

    src: str = spec(ImageSource(), required=True)
    alt: str = spec(Text(1, 300, single_line=True), required=True)


@dataclass(kw_only=True)
class Venue:
    """One venue (``data/venues/<id>.yaml``)."""

    name: str = spec(Text(2, 120, single_line=True), required=True)
    type: str = spec(Choice(VENUE_TYPES), required=True)
    description: str | None = spec(Text(1, 5000))
    address: VenueAddress = spec(RecordOf(VenueAddress), required=True)
    area: str | None = spec(Area())
    geo: Geo | None = spec(RecordOf(Geo))
    owner: Owner | None = spec(RecordOf(Owner))
    capacity: int | None = spec(Integer(0))
    area_m2: float | None = spec(Number(above=0))
    facilities: list[str] | None = spec(ListOf(Choice(FACILITIES), unique=True))
    accessibility: list[str] | None = spec(ListOf(Choice(ACCESSIBILITY), unique=True))
    accessibility_note: str | None = spec(Text(1, 500))
    suitable_for: list[str] | None = spec(ListOf(Choice(SUITABLE_FOR), unique=True))
    booking: Booking | None = spec(RecordOf(Booking))
    images: list[Image] | None = spec(ListOf(RecordOf(Image)))
    verified: date = spec(ConfirmationDate(), required=True)

    id: str = field(default="", repr=False)
    source: object = field(default=None, repr=False)

    @property
    def is_free_for_volunteers(self) -> bool:
        """Whether voluntary associations may use the venue without paying."""
        return bool(self.booking and self.booking.free_for_volunteers)
