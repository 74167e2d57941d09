"""The municipality's school holidays (skolerute), ``data/holidays.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frivilligkatalogen.load.kinds import Date, ListOf, RecordOf, Text
from frivilligkatalogen.load.records import spec
from frivilligkatalogen.model.common import check_order


@dataclass(kw_only=True)
class SchoolHoliday:
    """One holiday period, both ends included."""

    name: str = spec(Text(2, 80, single_line=True), required=True)
    first: date = spec(Date(), required=True, key="from")
    until: date = spec(Date(), required=True)

    def check(self, report) -> None:
        check_order(report, self)

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.until


@dataclass(kw_only=True)
class Holidays:
    """All school holiday periods."""

    school_holidays: list[SchoolHoliday] = spec(
        ListOf(RecordOf(SchoolHoliday)), default_factory=list
    )

    source: object = field(default=None, repr=False)

    def is_school_holiday(self, day: date) -> bool:
        return any(period.holds(day) for period in self.school_holidays)
