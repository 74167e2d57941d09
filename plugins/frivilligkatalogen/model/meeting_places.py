"""Meeting places (møteplasser) between the municipality and the associations.

An optional file, ``data/meeting_places.yaml``, that the contract grows by: the
yearly forums, dialogue meetings and volunteer days the municipality holds. The
guidance page "Møteplasser" and the annual wheel read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.kinds import Date, ListOf, RecordOf, Text, Time
from frivilligkatalogen.load.records import spec
from frivilligkatalogen.model.common import check_order
from frivilligkatalogen.model.values import Slug, Url


@dataclass(kw_only=True)
class MeetingPlace:
    """One meeting: when, where, what it is for, where to sign up."""

    title: str = spec(Text(3, 120, single_line=True), required=True)
    date: date = spec(Date(), required=True)
    start: time | None = spec(Time())
    end: time | None = spec(Time())
    venue: str | None = spec(Slug())
    location: str | None = spec(Text(2, 200, single_line=True))
    description: str | None = spec(Text(1, 2000))
    url: str | None = spec(Url())

    def check(self, report) -> None:
        check_order(report, self)
        if report.given("end") and not report.given("start"):
            report("start", t("rule.meeting_needs_start"))
        if report.given("venue") and report.given("location"):
            report("location", t("rule.meeting_one_place"))


@dataclass(kw_only=True)
class MeetingPlaces:
    """All meeting places."""

    meeting_places: list[MeetingPlace] = spec(ListOf(RecordOf(MeetingPlace)), default_factory=list)

    source: object = field(default=None, repr=False)
