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

from .i18n import t
from .problems import BIDI_CONTROLS, visible
from .yaml_source import Mapping, Node, Scalar, Sequence

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?::\d+)?([/?#][^\s]*)?$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIME = re.compile(r"^([0-9]{2}):([0-9]{2})$")
_DATETIME = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]([0-9]{2}:[0-9]{2})(?::00)?$")
_INTEGER = re.compile(r"^[+-]?[0-9]{1,15}$")
_NUMBER = re.compile(r"^[+-]?([0-9]{1,15}(\.[0-9]{0,15})?|\.[0-9]{1,15})$")

ISO_639_1 = frozenset(
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht "
    "hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky "
    "la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny "
    "oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss "
    "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo "
    "za zh zu".split()
)
"""The two-letter language codes of ISO 639-1."""


class Invalid(Exception):
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
        if (not char.isprintable() and char not in allowed and char != " ") or char in BIDI_CONTROLS:
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
        if self.min is not None:
            out["minLength"] = self.min
        if self.max is not None:
            out["maxLength"] = self.max
        return out


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
        if self.min is not None and value < self.min or self.max is not None and value > self.max:
            raise Invalid(_range_message(value, self.min, self.max))
        return value

    def schema(self):
        out: dict = {"type": "integer"}
        if self.min is not None:
            out["minimum"] = self.min
        if self.max is not None:
            out["maximum"] = self.max
        return out


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
        if self.min is not None and value < self.min or self.max is not None and value > self.max:
            raise Invalid(_range_message(text, self.min, self.max))
        return value

    def schema(self):
        out: dict = {"type": "number"}
        if self.min is not None:
            out["minimum"] = self.min
        if self.max is not None:
            out["maximum"] = self.max
        if self.above is not None:
            out["exclusiveMinimum"] = self.above
        return out


def _plain(number) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


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
        raise Invalid(t("field.date_out_of_range", value=shown(node), first=FIRST_YEAR, last=LAST_YEAR))
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
        return {"type": "string", "pattern": _YEAR_PATTERN + r"-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}


_YEAR_PATTERN = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)"


UNCONFIRMED = "ubekreftet"
"""The ``verified`` value of a draft nobody has confirmed yet (written by ``katalog import``)."""


@dataclass(frozen=True)
class ConfirmationDate(Date):
    """The date an entry was last confirmed; a draft's ``ubekreftet`` gets its own message."""

    def parse(self, node, context):
        if scalar_text(node).strip().lower() == UNCONFIRMED:
            raise Invalid(t("field.unconfirmed"))
        return super().parse(node, context)


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
        return {"type": "string", "pattern": _YEAR_PATTERN + r"-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9](:00)?$"}


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


@dataclass(frozen=True)
class Slug(Kind):
    """An id: lowercase ASCII letters and digits, words joined by hyphens."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if SLUG.match(text):
            return text
        raise Invalid(t("field.not_slug", value=shown(node)))

    def schema(self):
        return {"type": "string", "pattern": SLUG.pattern}


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
class Url(Kind):
    """A web address starting with http:// or https://."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if _URL.match(text):
            return text
        if text.lower().startswith(("http://", "https://")):
            raise Invalid(t("field.bad_url", value=shown(node)))
        raise Invalid(t("field.not_url", value=shown(node)))

    def schema(self):
        return {"type": "string", "pattern": _URL.pattern.replace("(?i)", "").replace("^https?", "^[hH][tT][tT][pP][sS]?")}


def is_web_address(text: str) -> bool:
    """True for an http(s) address (the same test as :class:`Url`)."""
    return bool(_URL.match(text))


_IMAGE_PATH = re.compile(r"^/?[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*\.(jpe?g|png|webp|gif|svg|avif)$", re.IGNORECASE)


@dataclass(frozen=True)
class ImageSource(Kind):
    """A picture: a path inside the site (``/assets/bilder/hus.jpg``) or an http(s) address."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if _IMAGE_PATH.match(text) or _URL.match(text):
            return text
        raise Invalid(t("field.not_image", value=shown(node)))

    def schema(self):
        return {"type": "string", "anyOf": [{"pattern": _IMAGE_PATH.pattern}, Url().schema()]}


@dataclass(frozen=True)
class Email(Kind):
    """An e-mail address."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if _EMAIL.match(text):
            return text
        raise Invalid(t("field.not_email", value=shown(node)))

    def schema(self):
        return {"type": "string", "pattern": _EMAIL.pattern}


@dataclass(frozen=True)
class EmailOrUrl(Kind):
    """Where to reach someone: an e-mail address or a web address."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if _EMAIL.match(text) or _URL.match(text):
            return text
        raise Invalid(t("field.not_email_or_url", value=shown(node)))

    def schema(self):
        return {"anyOf": [Email().schema(), Url().schema()]}


@dataclass(frozen=True)
class Phone(Kind):
    """A Norwegian phone number: 8 digits, with or without +47 and spaces.

    Stored as ``+47`` followed by the 8 digits; :func:`wording.phone` shows it.
    """

    def parse(self, node, context):
        text = scalar_text(node).strip()
        digits = re.sub(r"[\s\-.]", "", text)
        if digits.startswith("+47"):
            digits = digits[3:]
        elif digits.startswith("0047"):
            digits = digits[4:]
        if re.fullmatch(r"[0-9]{8}", digits):
            return "+47" + digits
        raise Invalid(t("field.not_phone", value=shown(node)))

    def schema(self):
        # An unquoted 8-digit number is an integer to a YAML 1.2 editor.
        return {"anyOf": [{"type": "string", "pattern": r"^(\+47|0047)?[\s\-.]*([0-9][\s\-.]*){8}$"}, {"type": "integer", "minimum": 10000000, "maximum": 99999999}]}


def org_number_is_valid(number: str) -> bool:
    """Enhetsregisteret's rule: 9 digits, first 8 or 9, MOD11 check digit."""
    if not re.fullmatch(r"[89][0-9]{8}", number):
        return False
    remainder = sum(int(d) * w for d, w in zip(number[:8], (3, 2, 7, 6, 5, 4, 3, 2))) % 11
    check = 0 if remainder == 0 else 11 - remainder
    return check != 10 and check == int(number[8])


@dataclass(frozen=True)
class OrgNumber(Kind):
    """An organisation number from Enhetsregisteret."""

    def parse(self, node, context):
        text = scalar_text(node).strip().replace(" ", "")
        if not re.fullmatch(r"[0-9]{9}", text):
            raise Invalid(t("field.org_number_digits", value=shown(node)))
        if text[0] not in "89":
            raise Invalid(t("field.org_number_first", value=shown(node)))
        if not org_number_is_valid(text):
            raise Invalid(t("field.org_number_check", value=shown(node)))
        return text

    def schema(self):
        return {"anyOf": [{"type": "string", "pattern": r"^[89][0-9]{8}$"}, {"type": "integer", "minimum": 800000000, "maximum": 999999999}]}


@dataclass(frozen=True)
class PostalCode(Kind):
    """A Norwegian postal code: four digits, kept as text (0150 stays 0150)."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if re.fullmatch(r"[0-9]{4}", text):
            return text
        raise Invalid(t("field.not_postal_code", value=shown(node)))

    def schema(self):
        # Unquoted, 0150 is the integer 150 to an editor; the validator keeps the text.
        return {"anyOf": [{"type": "string", "pattern": r"^[0-9]{4}$"}, {"type": "integer", "minimum": 0, "maximum": 9999}]}


@dataclass(frozen=True)
class Category(Kind):
    """A category code of Frivillighetsregisteret."""

    def parse(self, node, context):
        from .categories import CATEGORY_CODES

        text = scalar_text(node).strip()
        if _INTEGER.match(text) and int(text) in CATEGORY_CODES:
            return int(text)
        raise Invalid(t("field.not_category", value=shown(node)))

    def schema(self):
        from .categories import CATEGORY_CODES

        return {"enum": sorted(CATEGORY_CODES) + [str(code) for code in sorted(CATEGORY_CODES)]}


@dataclass(frozen=True)
class Language(Kind):
    """A two-letter ISO 639-1 language code (``no`` stays the code, never false)."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if text in ISO_639_1:
            return text
        raise Invalid(t("field.not_language", value=shown(node)))

    def schema(self):
        return {"type": "string", "enum": sorted(ISO_639_1)}


@dataclass(frozen=True)
class Area(Kind):
    """One of the site's configured areas; any text when none are configured."""

    def parse(self, node, context):
        text = Text(1, 80).parse(node, context)
        areas = context.settings.areas
        if areas and text not in areas:
            raise Invalid(t("field.not_area", value=text, choices=", ".join(areas)))
        return text

    def schema(self):
        return {"type": "string"}

    def schema_for(self, areas: list[str]) -> dict:
        return {"type": "string", "enum": list(areas)} if areas else self.schema()


@dataclass(frozen=True)
class ListOf(Kind):
    """A list whose items are all of one kind."""

    item: Kind
    min: int | None = None
    max: int | None = None
    unique: bool = False

    def schema(self):
        out: dict = {"type": "array", "items": self.item.schema()}
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

    def schema(self):
        return {"type": "object", "additionalProperties": self.value.schema()}

    def parse(self, node, context):  # pragma: no cover - records.py walks maps itself
        raise NotImplementedError


@dataclass(frozen=True)
class RecordOf(Kind):
    """A nested record, one of the model's dataclasses."""

    record: type

    def schema(self):
        from .records import record_schema

        return record_schema(self.record)

    def parse(self, node, context):  # pragma: no cover - records.py walks records itself
        raise NotImplementedError
