"""An association (lag eller forening): the contract's main record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.kinds import (
    Boolean,
    Choice,
    Integer,
    ListOf,
    MapOf,
    RecordOf,
    Tag,
    Text,
)
from frivilligkatalogen.load.records import spec
from frivilligkatalogen.model.activity import Activity
from frivilligkatalogen.model.common import (
    FEE_PERIODS,
    Address,
    Audience,
    Reachable,
    at_least_one,
)
from frivilligkatalogen.model.values import EmailOrUrl, OrgNumber, Slug, Url
from frivilligkatalogen.model.vocabulary import Area, Category, ConfirmationDate, Language

STATUSES = ("active", "inactive", "closed")


@dataclass(kw_only=True)
class Person:
    """A contact person; the name is published only with recorded consent."""

    json_schema_rules: ClassVar[tuple] = (
        {"required": ["consent"], "properties": {"consent": {"const": True}}},
    )

    name: str = spec(Text(2, 120, single_line=True), required=True)
    role: str | None = spec(Text(1, 80, single_line=True))
    consent: bool | None = spec(Boolean())

    def check(self, report) -> None:
        if self.consent is not True:
            report("consent", t("rule.person_consent"))


@dataclass(kw_only=True)
class Contact(Reachable):
    """How to reach the association; at least one way."""

    json_schema_rules, check = at_least_one(("email", "phone", "website"), "rule.contact_one")

    website: str | None = spec(Url())
    person: Person | None = spec(RecordOf(Person))


@dataclass(kw_only=True)
class Membership:
    """What membership costs, and whether the fee can be lowered for families who need it."""

    fee: int | None = spec(Integer(0))
    per: str | None = spec(Choice(FEE_PERIODS))
    reduced: bool | None = spec(Boolean())
    note: str | None = spec(Text(1, 300))


VOLUNTEER_GROUPS = ("youth", "young_adults", "adults", "seniors", "families")
"""Whom a volunteering task suits (``suited_for``, added by the project): young people, young
adults, adults, seniors (60+), families."""


@dataclass(kw_only=True)
class Volunteering:
    """Something the association wants volunteers for."""

    title: str = spec(Text(3, 120, single_line=True), required=True)
    description: str | None = spec(Text(1, 2000))
    suited_for: list[str] | None = spec(ListOf(Choice(VOLUNTEER_GROUPS), unique=True))
    contact: str | None = spec(EmailOrUrl())


@dataclass(kw_only=True)
class Organization:
    """One association, with its activities (``data/organizations/<id>.yaml``)."""

    name: str = spec(Text(2, 120, single_line=True), required=True)
    org_number: str | None = spec(OrgNumber())
    categories: list[int] = spec(ListOf(Category(), min=1, max=3, unique=True), required=True)
    tags: list[str] | None = spec(ListOf(Tag(), unique=True))
    summary: str | None = spec(Text(1, 200))
    description: str | None = spec(Text(1, 5000))
    audience: Audience | None = spec(RecordOf(Audience))
    languages: list[str] = spec(
        ListOf(Language(), min=1, unique=True), default_factory=lambda: ["nb"]
    )
    area: str | None = spec(Area())
    contact: Contact = spec(RecordOf(Contact), required=True)
    social: dict[str, str] | None = spec(MapOf(Url()))
    address: Address | None = spec(RecordOf(Address))
    venues: list[str] | None = spec(ListOf(Slug(), unique=True))
    membership: Membership | None = spec(RecordOf(Membership))
    volunteering: list[Volunteering] | None = spec(ListOf(RecordOf(Volunteering)))
    registered_in_frivillighetsregisteret: bool | None = spec(Boolean())
    status: str = spec(Choice(STATUSES), default="active")
    verified: date = spec(ConfirmationDate(), required=True)
    activities: list[Activity] | None = spec(ListOf(RecordOf(Activity)))

    id: str = field(default="", repr=False)
    """The file stem; set by the catalogue."""
    source: object = field(default=None, repr=False)
    """Where the record was read from (:class:`frivilligkatalogen.catalog.loading.Source`)."""

    def check(self, report) -> None:
        seen: dict[str, int] = {}
        for index, activity in enumerate(self.activities or []):
            if activity.id in seen:
                report(
                    f"activities[{index}].id",
                    t("rule.activity_id_repeated", id=activity.id, number=seen[activity.id] + 1),
                )
            else:
                seen[activity.id] = index

    @property
    def is_active(self) -> bool:
        return self.status == "active"
