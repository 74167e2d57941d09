"""The contract's own kinds of value: ids, web and e-mail addresses, phone numbers, organisation
numbers, postal codes, categories, languages and areas, each with its one rule.

Generic kinds (text, numbers, dates, lists) are in :mod:`frivilligkatalogen.load.kinds`; these
belong to the data contract, and the rest of the code asks this module whenever it needs the rule
(a phone number shown, a name made into an id, an address that is a web address). The rules
for a phone number and an e-mail address are written once in :mod:`frivilligkatalogen.base.reach`
(the site's options follow them too) and offered here with the rest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.base.reach import EMAIL, is_email, normal_phone, shown_phone  # noqa: F401
from frivilligkatalogen.base.web import WEB_ADDRESS, is_web_address
from frivilligkatalogen.load.kinds import Invalid, Kind, accepted, scalar_text, shown

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""The contract's id: lowercase ASCII letters and digits, words joined by hyphens."""

SLUG_LENGTH = 60
"""The longest id :func:`slugify` makes."""

ID_LENGTH = 100
"""The longest id the contract accepts: the longest published file name made of ids
(``kalender/neste/<association>--<activity>.ics``) then stays well inside the 255 bytes a file
system allows."""


def is_id(text: str) -> bool:
    """True for a valid id: :data:`SLUG`, at most :data:`ID_LENGTH` characters."""
    return len(text) <= ID_LENGTH and SLUG.fullmatch(text) is not None  # no "abc\n"


def slugify(text: str, fallback: str = "") -> str:
    """An id from a name, by the rule of :data:`SLUG`: lower case; æ, ø and å as ae, o and a;
    other letters without their marks (é as e, ü as u); anything else between words as one
    hyphen; at most 60 characters. ``fallback`` when nothing of the name is left ("!!!")."""
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:SLUG_LENGTH].rstrip("-") or fallback


@dataclass(frozen=True)
class Slug(Kind):
    """An id: lowercase ASCII letters and digits, words joined by hyphens."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if len(text) > ID_LENGTH:
            raise Invalid(t("field.id_too_long", length=len(text), max=ID_LENGTH))
        if is_id(text):
            return text
        raise Invalid(t("field.not_slug", value=shown(node)))

    def schema(self):
        return {"type": "string", "pattern": SLUG.pattern, "maxLength": ID_LENGTH}


@dataclass(frozen=True)
class Url(Kind):
    """A web address starting with http:// or https://."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if is_web_address(text):
            return text
        if text.lower().startswith(("http://", "https://")):
            raise Invalid(t("field.bad_url", value=shown(node)))
        raise Invalid(t("field.not_url", value=shown(node)))

    def schema(self):
        return {
            "type": "string",
            "pattern": WEB_ADDRESS.pattern.replace("(?i)", "").replace(
                "^https?", "^[hH][tT][tT][pP][sS]?"
            ),
        }


def web_address(text: str) -> str | None:
    """A home page as the contract wants it: ``www.lag.no`` becomes ``https://www.lag.no``; None
    when it is not a web address even then."""
    text = text.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE):
        text = "https://" + text.lstrip("/")
    return text if is_web_address(text) else None


_IMAGE_PATH = re.compile(
    r"^/?[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*\.(jpe?g|png|webp|gif|svg|avif)$", re.IGNORECASE
)


@dataclass(frozen=True)
class ImageSource(Kind):
    """A picture: a path inside the site (``/assets/bilder/hus.jpg``) or an http(s) address."""

    def parse(self, node, context):
        return accepted(
            node,
            lambda text: bool(_IMAGE_PATH.match(text)) or is_web_address(text),
            "field.not_image",
        )

    def schema(self):
        return {"type": "string", "anyOf": [{"pattern": _IMAGE_PATH.pattern}, Url().schema()]}


@dataclass(frozen=True)
class Email(Kind):
    """An e-mail address."""

    def parse(self, node, context):
        return accepted(node, is_email, "field.not_email")

    def schema(self):
        return {"type": "string", "pattern": EMAIL.pattern}


@dataclass(frozen=True)
class EmailOrUrl(Kind):
    """Where to reach someone: an e-mail address or a web address."""

    def parse(self, node, context):
        return accepted(
            node, lambda text: is_email(text) or is_web_address(text), "field.not_email_or_url"
        )

    def schema(self):
        return {"anyOf": [Email().schema(), Url().schema()]}


def is_postal_code(text: str) -> bool:
    """True for a Norwegian postal code: four digits."""
    return bool(re.fullmatch(r"[0-9]{4}", text))


@dataclass(frozen=True)
class Phone(Kind):
    """A Norwegian phone number: 8 digits, with or without +47 and spaces (:func:`normal_phone`)."""

    def parse(self, node, context):
        number = normal_phone(scalar_text(node).strip())
        if number:
            return number
        raise Invalid(t("field.not_phone", value=shown(node)))

    def schema(self):
        # An unquoted 8-digit number is an integer to a YAML 1.2 editor.
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^(\+47|0047)?[\s\-.()]*([0-9][\s\-.()]*){8}$"},
                {"type": "integer", "minimum": 10000000, "maximum": 99999999},
            ]
        }


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
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^[89][0-9]{8}$"},
                {"type": "integer", "minimum": 800000000, "maximum": 999999999},
            ]
        }


@dataclass(frozen=True)
class PostalCode(Kind):
    """A Norwegian postal code: four digits, kept as text (0150 stays 0150)."""

    def parse(self, node, context):
        return accepted(node, is_postal_code, "field.not_postal_code")

    def schema(self):
        # Unquoted, 0150 is the integer 150 to an editor; the validator keeps the text.
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^[0-9]{4}$"},
                {"type": "integer", "minimum": 0, "maximum": 9999},
            ]
        }
