"""A grant scheme (tilskuddsordning) and its deadlines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frivilligkatalogen.load.kinds import Date, ListOf, Text
from frivilligkatalogen.load.records import spec
from frivilligkatalogen.model.values import Url
from frivilligkatalogen.model.vocabulary import ConfirmationDate


@dataclass(kw_only=True)
class Grant:
    """One grant scheme (``data/grants/<id>.yaml``)."""

    name: str = spec(Text(2, 160, single_line=True), required=True)
    provider: str = spec(Text(2, 160, single_line=True), required=True)
    description: str | None = spec(Text(1, 5000))
    amount: str | None = spec(Text(1, 200))
    eligibility: str | None = spec(Text(1, 2000))
    deadlines: list[date] = spec(ListOf(Date(), min=1, unique=True), required=True)
    url: str | None = spec(Url())
    verified: date = spec(ConfirmationDate(), required=True)

    id: str = field(default="", repr=False)
    source: object = field(default=None, repr=False)
