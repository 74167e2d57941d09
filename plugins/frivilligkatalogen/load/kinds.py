"""The kinds of value the data contract knows, each with its one typing rule.

A kind turns a located YAML node into a Python value or raises :class:`Invalid`
with a Norwegian message saying what was typed and what is expected. Each kind
also describes itself as a JSON Schema fragment, so the published schema and the
validator cannot drift apart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from frivilligkatalogen.base.errors import BIDI_CONTROLS, KatalogError, visible
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.yaml_source import Mapping, Node, Scalar, Sequence

_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIME = re.compile(r"^([0-9]{2}):([0-9]{2})$")
_DATETIME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2})(?::00)?$")
_INTEGER = re.compile(r"^[+-]?[0-9]{1,15}$")
_NUMBER = re.compile(r"^[+-]?([0-9]{1,15}(\.[0-9]{0,15})?|\.[0-9]{1,15})$")


class Invalid(KatalogError):
    """A value that breaks its rule; the message is Norwegian and says what is expected."""

    def __init__(self, message: str, node: Node | None = None):
        super().__init__(message)
        self.message = message
        self.node = node


_SHOWN_LENGTH = 60


def shown(node: Node) -> str:
    """How a typed value is quoted back to its editor: on one line, control characters made
    visible, and cut short, so a message stays one line whatever was typed."""
    if not isinstance(node, Scalar):
        return "…"
    text = "" if node.value is None else node.value
    text = "".join(_visible(char) for char in text)
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"


def _visible(char: str) -> str:
    return " " if char in "\n\t" else visible(char)


def check_characters(text: str, multiline: bool) -> None:
    """Refuse control characters and invisible direction marks (they can disguise text)."""
    allowed = "\n\t" if multiline else ""
    for char in text:
        if (
            not char.isprintable() and char not in allowed and char != " "
        ) or char in BIDI_CONTROLS:
            raise Invalid(t("field.control_character", code="U+%04X" % ord(char)))


def scalar_text(node: Node) -> str:
    """The text of a scalar node, or Invalid when a list or mapping stands there."""
    if isinstance(node, Mapping):
        raise Invalid(t("field.expected_value_got_mapping"))
    if isinstance(node, Sequence):
        raise Invalid(t("field.expected_value_got_list"))
    if node.value is None:
        raise Invalid(t("field.empty"))
    return node.value


def accepted(node: Node, rule, message_key: str) -> str:
    """The typed text when ``rule`` accepts it; else Invalid with ``message_key``'s message, which
    quotes what was typed."""
    text = scalar_text(node).strip()
    if rule(text):
        return text
    raise Invalid(t(message_key, value=shown(node)))


class Kind:
    """Base of every kind: parse a node, describe itself in JSON Schema."""

    def parse(self, node: Node, context) -> object:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Text(Kind):
    """Free text with optional length limits (characters, after trimming)."""

    min: int | None = None
    max: int | None = None
    single_line: bool = False

    def parse(self, node, context):
        value = scalar_text(node).strip()
        check_characters(value, not self.single_line)
        if self.min is not None and len(value) < self.min:
            if self.min == 1:
                raise Invalid(t("field.empty"))
            raise Invalid(t("field.text_too_short", min=self.min, length=len(value)))
        if self.max is not None and len(value) > self.max:
            raise Invalid(t("field.text_too_long", max=self.max, length=len(value)))
        if self.single_line and "\n" in value:
            raise Invalid(t("field.text_one_line"))
        return value

    def schema(self):
        out: dict = {"type": "string"}
        if self.single_line:
            out["pattern"] = r"^[^\n]*$"
        return out | _given(minLength=self.min, maxLength=self.max)


@dataclass(frozen=True)
class Integer(Kind):
    """A whole number, e.g. an age or a fee in kroner."""

    min: int | None = None
    max: int | None = None

    def parse(self, node, context):
        text = scalar_text(node).strip().replace(" ", "")
        if not _INTEGER.match(text):
            raise Invalid(t("field.not_integer", value=shown(node)))
        value = int(text)
        _check_range(value, value, self.min, self.max)
        return value

    def schema(self):
        return {"type": "integer"} | _given(minimum=self.min, maximum=self.max)


@dataclass(frozen=True)
class Number(Kind):
    """A decimal number, e.g. a latitude or an area."""

    min: float | None = None
    max: float | None = None
    above: float | None = None

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if not _NUMBER.match(text):
            raise Invalid(t("field.not_number", value=shown(node)))
        value = float(text)
        if not math.isfinite(value):
            raise Invalid(t("field.not_number", value=shown(node)))
        if self.above is not None and value <= self.above:
            raise Invalid(t("field.number_above", value=text, above=_plain(self.above)))
        _check_range(value, text, self.min, self.max)
        return value

    def schema(self):
        return {"type": "number"} | _given(
            minimum=self.min, maximum=self.max, exclusiveMinimum=self.above
        )


def _plain(number) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


def _given(**limits) -> dict:
    """The JSON Schema keywords of the limits a kind sets (a limit of None sets none)."""
    return {keyword: limit for keyword, limit in limits.items() if limit is not None}


def _check_range(value, shown_value, low, high) -> None:
    """Refuses ``value`` outside ``low``–``high`` (None: no limit on that side)."""
    if low is not None and value < low or high is not None and value > high:
        raise Invalid(_range_message(shown_value, low, high))


def _range_message(value, low, high) -> str:
    if low is not None and high is not None:
        return t("field.out_of_range", value=value, min=_plain(low), max=_plain(high))
    if low is not None:
        return t("field.too_small", value=value, min=_plain(low))
    return t("field.too_large", value=value, max=_plain(high))


@dataclass(frozen=True)
class Boolean(Kind):
    """Yes or no, written ``true`` or ``false``."""

    def parse(self, node, context):
        text = scalar_text(node).strip().lower()
        if text == "true":
            return True
        if text == "false":
            return False
        raise Invalid(t("field.not_boolean", value=shown(node)))

    def schema(self):
        return {"type": "boolean"}


FIRST_YEAR, LAST_YEAR = 1900, 2200
"""The years a date in the data may fall in. Dates far outside them are typing mistakes, and a
calendar must be able to count days and weeks on both sides of every date it is given."""


def _date(text: str, node: Node, message_key: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise Invalid(t(message_key, value=shown(node))) from None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise Invalid(
            t("field.date_out_of_range", value=shown(node), first=FIRST_YEAR, last=LAST_YEAR)
        )
    return value


@dataclass(frozen=True)
class Date(Kind):
    """A calendar date, ``ÅÅÅÅ-MM-DD``, in the years 1900 to 2200."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if _DATE.match(text):
            return _date(text, node, "field.not_date")
        raise Invalid(t("field.not_date", value=shown(node)))

    def schema(self):
        return {
            "type": "string",
            "pattern": _YEAR_PATTERN + r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
        }


_YEAR_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)"


@dataclass(frozen=True)
class Time(Kind):
    """A wall-clock time in Europe/Oslo, ``TT:MM``."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        match = _TIME.match(text)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return time(int(match[1]), int(match[2]))
        raise Invalid(t("field.not_time", value=shown(node)))

    def schema(self):
        return {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$"}


@dataclass(frozen=True)
class DateTime(Kind):
    """A local date and time in Europe/Oslo, ``ÅÅÅÅ-MM-DDTTT:MM``."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        match = _DATETIME.match(text)
        if not match:
            raise Invalid(t("field.not_datetime", value=shown(node)))
        day = _date(match[1], node, "field.not_datetime")
        try:
            return datetime.combine(day, Time().parse(Scalar(match[2], 0, 0), context))
        except Invalid:
            raise Invalid(t("field.not_datetime", value=shown(node))) from None

    def schema(self):
        return {
            "type": "string",
            "pattern": _YEAR_PATTERN
            + r"-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:00)?$",
        }


@dataclass(frozen=True)
class Choice(Kind):
    """One value from a fixed list (``labels`` names the locale table for the message)."""

    values: tuple

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if text in self.values:
            return text
        raise Invalid(t("field.not_choice", value=shown(node), choices=", ".join(self.values)))

    def schema(self):
        return {"type": "string", "enum": list(self.values)}


_TAG = re.compile(r"^[^\W_]+([ -][^\W_]+)*$")


@dataclass(frozen=True)
class Tag(Kind):
    """A lowercase word (or a few) for a local activity type: ``fotball``, ``håndball``."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if _TAG.match(text) and text == text.lower() and len(text) <= 40:
            return text
        raise Invalid(t("field.not_tag", value=shown(node)))

    def schema(self):
        return {"type": "string", "maxLength": 40, "pattern": r"^[^A-Z_\s]+( [^A-Z_\s]+)*$"}


@dataclass(frozen=True)
class ListOf(Kind):
    """A list whose items are all of one kind."""

    item: Kind
    min: int | None = None
    max: int | None = None
    unique: bool = False

    def schema(self, item: dict | None = None):
        out: dict = {"type": "array", "items": item if item is not None else self.item.schema()}
        if self.min is not None:
            out["minItems"] = self.min
        if self.max is not None:
            out["maxItems"] = self.max
        if self.unique:
            out["uniqueItems"] = True
        return out

    def parse(self, node, context):  # pragma: no cover - records.py walks lists itself
        raise NotImplementedError


@dataclass(frozen=True)
class MapOf(Kind):
    """A mapping of free keys (e.g. a service name) to values of one kind."""

    value: Kind

    def schema(self, value: dict | None = None):
        return {
            "type": "object",
            "additionalProperties": value if value is not None else self.value.schema(),
        }

    def parse(self, node, context):  # pragma: no cover - records.py walks maps itself
        raise NotImplementedError


@dataclass(frozen=True)
class RecordOf(Kind):
    """A nested record, one of the model's dataclasses."""

    record: type

    def schema(self):
        raise TypeError("a record's schema comes from frivilligkatalogen.load.records.kind_schema")

    def parse(self, node, context):  # pragma: no cover - records.py walks records itself
        raise NotImplementedError
