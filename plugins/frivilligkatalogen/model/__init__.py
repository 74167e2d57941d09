"""The records of the data contract (``shared/data-model.md``), one module per part.

Each record is a dataclass whose fields declare their contract rule (see
:func:`frivilligkatalogen.load.records.spec`); a ``check`` method holds the rules that
span several fields. Rules that span files (a venue id that must exist) are in
:mod:`frivilligkatalogen.catalog.loading`.
"""

from frivilligkatalogen.model.activity import Activity, EventDate, Price, Rule, Signup
from frivilligkatalogen.model.common import Address, Audience
from frivilligkatalogen.model.grant import Grant
from frivilligkatalogen.model.holidays import Holidays, SchoolHoliday
from frivilligkatalogen.model.meeting_places import MeetingPlace, MeetingPlaces
from frivilligkatalogen.model.organization import (
    Contact,
    Membership,
    Organization,
    Person,
    Volunteering,
)
from frivilligkatalogen.model.venue import Booking, Geo, Image, Owner, Venue

__all__ = [
    "Activity",
    "Address",
    "Audience",
    "Booking",
    "Contact",
    "EventDate",
    "Geo",
    "Grant",
    "Holidays",
    "Image",
    "MeetingPlace",
    "MeetingPlaces",
    "Membership",
    "Organization",
    "Owner",
    "Person",
    "Price",
    "Rule",
    "SchoolHoliday",
    "Signup",
    "Venue",
    "Volunteering",
]
