"""Activities of an association and when they happen.

An activity happens either by ``schedule`` (recurrence rules, expanded by
:mod:`frivilligkatalogen.model.schedule`) or on listed ``dates``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import ClassVar

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.kinds import (
    Boolean,
    Choice,
    Date,
    DateTime,
    Integer,
    Invalid,
    ListOf,
    RecordOf,
    Text,
    Time,
)
from frivilligkatalogen.load.records import spec
from frivilligkatalogen.model.common import FEE_PERIODS, Audience, check_order
from frivilligkatalogen.model.values import Slug, Url

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""The contract's weekday names, Monday first (Python's ``date.weekday()`` order)."""

RFC5545_DAYS = dict(zip(WEEKDAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU")))
"""Each weekday as iCalendar (RFC 5545) and HSDS write it in a recurrence rule."""

SCHEMA_ORG_DAYS = dict(
    zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
)
"""Each weekday as schema.org's ``DayOfWeek`` names it."""


class WeekOfMonth(Integer):
    """1-4, or -1 for the last such weekday of the month."""

    def parse(self, node, context):
        value = Integer().parse(node, context)
        if value not in (1, 2, 3, 4, -1):
            raise Invalid(t("field.not_week_of_month", value=value))
        return value

    def schema(self):
        return {"type": "integer", "enum": [1, 2, 3, 4, -1]}


@dataclass(kw_only=True)
class Rule:
    """One recurrence rule of a schedule: which weekdays, what time, from when."""

    days: list[str] = spec(ListOf(Choice(WEEKDAYS), min=1, unique=True), required=True)
    start: time = spec(Time(), required=True)
    end: time = spec(Time(), required=True)
    first: date = spec(Date(), required=True, key="from")
    until: date | None = spec(Date())
    every: int = spec(Integer(1, 4), default=1)
    week_of_month: int | None = spec(WeekOfMonth())
    exceptions: list[date] | None = spec(ListOf(Date(), unique=True), key="except")
    skip_school_holidays: bool = spec(Boolean(), default=False)
    skip_public_holidays: bool = spec(Boolean(), default=True)

    def check(self, report) -> None:
        if check_order(report, self):
            return
        if self.week_of_month is not None and self.every != 1:
            report("every", t("rule.every_with_week_of_month"))
        if not (self.days and self.first and self.exceptions):
            return
        for index, day in enumerate(self.exceptions):
            if WEEKDAYS[day.weekday()] not in self.days:
                report(
                    f"except[{index}]",
                    t("rule.except_weekday", date=day.isoformat(), days=", ".join(self.days)),
                )
            elif day < self.first or (self.until and day > self.until):
                report(f"except[{index}]", t("rule.except_outside", date=day.isoformat()))


@dataclass(kw_only=True)
class EventDate:
    """A single event: local start and end, or an all-day date (with an optional end date)."""

    json_schema_rules: ClassVar[tuple] = (
        {
            "oneOf": [
                {
                    "required": ["start", "end"],
                    "not": {"anyOf": [{"required": ["date"]}, {"required": ["end_date"]}]},
                },
                {
                    "required": ["date"],
                    "not": {"anyOf": [{"required": ["start"]}, {"required": ["end"]}]},
                },
            ]
        },
    )

    start: datetime | None = spec(DateTime())
    end: datetime | None = spec(DateTime())
    date: date | None = spec(Date())
    end_date: date | None = spec(Date())
    cancelled: bool = spec(Boolean(), default=False)
    annual_wheel: bool = spec(Boolean(), default=False)
    """On the municipality's shared annual wheel (årshjul), beside the grant deadlines."""

    def check(self, report) -> None:
        timed = report.given("start") or report.given("end")
        all_day = report.given("date") or report.given("end_date")
        if timed and all_day:
            report("", t("rule.date_both_shapes"))
        elif timed:
            if not report.given("start"):
                report("start", t("rule.date_needs_start"))
            elif not report.given("end"):
                report("end", t("rule.date_needs_end"))
            elif self.start and self.end and self.end <= self.start:
                report("end", t("rule.event_end_after_start"))
        elif all_day:
            if not report.given("date"):
                report("date", t("rule.date_needs_date"))
            elif self.date and self.end_date and self.end_date < self.date:
                report("end_date", t("rule.end_date_before_date"))
        else:
            report("", t("rule.date_shape"))

    @property
    def is_all_day(self) -> bool:
        return self.date is not None


@dataclass(kw_only=True)
class Price:
    """What taking part costs: free, or an amount in kroner."""

    json_schema_rules: ClassVar[tuple] = (
        {
            "oneOf": [
                {
                    "required": ["free"],
                    "properties": {"free": {"const": True}},
                    "not": {"required": ["amount"]},
                },
                {"required": ["amount"], "not": {"required": ["free"]}},
            ]
        },
    )

    free: bool | None = spec(Boolean())
    amount: int | None = spec(Integer(0))
    per: str | None = spec(Choice(FEE_PERIODS))
    note: str | None = spec(Text(1, 200))

    def check(self, report) -> None:
        if self.free is False:
            report("free", t("rule.price_free_false"))
        elif report.given("free") and report.given("amount"):
            report("amount", t("rule.price_both"))
        elif not report.given("free") and not report.given("amount"):
            report("", t("rule.price_shape"))

    @property
    def is_free(self) -> bool:
        return bool(self.free) or self.amount == 0


@dataclass(kw_only=True)
class Signup:
    """Whether and how to sign up."""

    required: bool | None = spec(Boolean())
    url: str | None = spec(Url())
    deadline: date | None = spec(Date())


@dataclass(kw_only=True)
class Activity:
    """Something an association does that a resident can take part in."""

    json_schema_rules: ClassVar[tuple] = (
        {"oneOf": [{"required": ["venue"]}, {"required": ["location"]}, {"required": ["online"]}]},
        {"oneOf": [{"required": ["schedule"]}, {"required": ["dates"]}]},
    )
    """The parts of ``check`` that JSON Schema can say too (for editors)."""

    id: str = spec(Slug(), required=True)
    title: str = spec(Text(3, 120, single_line=True), required=True)
    description: str | None = spec(Text(1, 5000))
    venue: str | None = spec(Slug())
    location: str | None = spec(Text(2, 200, single_line=True))
    online: str | None = spec(Url())
    audience: Audience | None = spec(RecordOf(Audience))
    price: Price | None = spec(RecordOf(Price))
    signup: Signup | None = spec(RecordOf(Signup))
    status: str = spec(Choice(("active", "cancelled")), default="active")
    schedule: list[Rule] | None = spec(ListOf(RecordOf(Rule), min=1))
    dates: list[EventDate] | None = spec(ListOf(RecordOf(EventDate), min=1))
    annual_wheel: bool = spec(Boolean(), default=False)
    """Every date of the activity on the shared annual wheel (for a few dates a year)."""

    def check(self, report) -> None:
        places = [key for key in ("venue", "location", "online") if report.given(key)]
        if len(places) != 1:
            report("", t("rule.activity_place", given=", ".join(places) or "–"))
        if report.given("schedule") == report.given("dates"):
            report("", t("rule.activity_when"))
        seen: dict = {}
        for index, item in enumerate(self.dates or []):
            key = item.date if item.is_all_day else item.start
            if key is None:
                continue
            if key in seen:
                report(f"dates[{index}]", t("rule.date_repeated", number=seen[key] + 1))
            else:
                seen[key] = index

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"
