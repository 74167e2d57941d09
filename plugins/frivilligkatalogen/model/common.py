"""Records shared by several parts of the contract."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.kinds import Choice, Integer, ListOf, Text
from frivilligkatalogen.load.records import spec
from frivilligkatalogen.model.values import Email, Phone, PostalCode

AUDIENCE_GROUPS = ("children", "youth", "adults", "seniors", "families", "everyone")
FEE_PERIODS = ("year", "semester", "month", "time")


def at_least_one(keys: tuple[str, ...], message_key: str) -> tuple:
    """The rule that a record gives at least one of ``keys``: its JSON Schema rules and its
    ``check``, for a record class to take as ``json_schema_rules, check = at_least_one(...)``."""

    def check(self, report) -> None:
        if not any(report.given(key) for key in keys):
            report("", t(message_key))

    return ({"anyOf": [{"required": [key]} for key in keys]},), check


@dataclass(kw_only=True)
class Reachable:
    """An e-mail address and a phone number, declared once for every record that has them (an
    association's contact, a venue's booking)."""

    email: str | None = spec(Email())
    phone: str | None = spec(Phone())


@dataclass(kw_only=True)
class Audience:
    """Who an association or activity is for."""

    age_min: int | None = spec(Integer(0, 120))
    age_max: int | None = spec(Integer(0, 120))
    groups: list[str] | None = spec(ListOf(Choice(AUDIENCE_GROUPS), unique=True))

    def check(self, report) -> None:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            report("age_max", t("rule.age_order", min=self.age_min, max=self.age_max))

    def holds_age(self, age: int) -> bool:
        """True when ``age`` is inside the range (a missing limit holds every age)."""
        return (self.age_min is None or age >= self.age_min) and (
            self.age_max is None or age <= self.age_max
        )


@dataclass(kw_only=True)
class Address:
    """A postal address; the postal code stays text (0150 is 0150)."""

    json_schema_rules: ClassVar[tuple] = ({"minProperties": 1},)

    street: str | None = spec(Text(1, 120, single_line=True))
    postal_code: str | None = spec(PostalCode())
    city: str | None = spec(Text(1, 80, single_line=True))

    def check(self, report) -> None:
        if not any(report.given(key) for key in ("street", "postal_code", "city")):
            report("", t("rule.address_empty"))


@dataclass(kw_only=True)
class VenueAddress(Address):
    """A venue's address: people must find it, so every part is required."""

    street: str = spec(Text(1, 120, single_line=True), required=True)
    postal_code: str = spec(PostalCode(), required=True)
    city: str = spec(Text(1, 80, single_line=True), required=True)


def check_order(report, record) -> bool:
    """The two order rules of the contract, for any record that has the fields: ``end`` after
    ``start`` (times), and ``until`` not before ``from`` (dates). True when the dates are out of
    order, so rules about the days between them cannot be checked."""
    start, end = getattr(record, "start", None), getattr(record, "end", None)
    if start and end and end <= start:
        times = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
        report("end", t("rule.end_after_start", **times))
    first, until = getattr(record, "first", None), getattr(record, "until", None)
    if first and until and until < first:
        dates = {"first": first.isoformat(), "until": until.isoformat()}
        report("until", t("rule.until_before_from", **dates))
        return True
    return False
