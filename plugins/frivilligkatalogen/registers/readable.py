"""A unit of Enhetsregisteret made readable: every value as the contract expects it.

Readable name casing instead of ALL CAPS, ``https://`` on bare home pages, phone numbers in the
contract's form, addresses without a line through a person, categories from
Frivillighetsregisteret (or a first guess from the industry code), and nothing taken in a shape
the register does not use. No reading of files here (see :mod:`.reading`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.model.categories import CATEGORY_CODES
from frivilligkatalogen.model.privacy import goes_through_person
from frivilligkatalogen.model.values import (
    is_email,
    is_postal_code,
    normal_phone,
    shown_phone,
    web_address,
)

ASSOCIATION_FORM = "FLI"
"""Organisasjonsform «Forening/lag/innretning»."""

NACE_CATEGORIES = (
    ("93.1", 1200),  # sport: clubs, facilities, other sport
    ("93.2", 1300),  # recreation
    ("90.", 1100),  # creative and performing arts
    ("91.", 1100),  # libraries, museums, cultural heritage
    ("94.91", 10100),  # religious organisations
    ("94.92", 7300),  # political organisations
    ("94.11", 11100),  # business and employers' organisations
    ("94.12", 11200),  # professional organisations
    ("94.20", 11300),  # trade unions
    ("88.", 4100),  # social work
    ("85.5", 2300),  # other education
)
"""Where Frivillighetsregisteret gives no category, the unit's industry code (SN2007) gives a
first guess."""

SMALL_WORDS = {
    "og",
    "i",
    "på",
    "for",
    "av",
    "til",
    "med",
    "fra",
    "ved",
    "under",
    "over",
    "om",
    "mot",
    "the",
    "of",
    "and",
}
ABBREVIATIONS = frozenset(
    "IL IF IK SK FK BK FAU KFUK KFUM KFUK-KFUM NMF NJFF DNT NRK 4H MC UL BUL SA NKS LHL MS ADHD NHF"
    " FNF NFU HLF SOS KIL FIL SIL AIL".split()
)
"""Short forms that stay in capitals (idrettslag, 4H, KFUK-KFUM …)."""
CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff\ud800-\udfff]"
)
"""Control characters, and the invisible marks that turn or hide text (a right-to-left override
can make a name read backwards): removed from everything taken from a register."""


@dataclass
class Unit:
    """One unit of Enhetsregisteret, made readable (every value as the contract expects it)."""

    org_number: str
    name: str
    """Readable casing (``Lindvik idrettslag``), not the register's capitals."""
    register_name: str
    """The name exactly as the register has it."""
    form: str
    voluntary: bool
    """Registered in Frivillighetsregisteret."""
    gone: str | None
    """Why the unit is no longer active (deleted, bankrupt, being wound up), or None."""
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    purpose: str | None = None
    categories: list[int] = field(default_factory=list)
    categories_guessed: bool = False
    notes: list[str] = field(default_factory=list)
    """What could not be carried over (a malformed phone number …), for the draft's comments."""


# --- making a unit readable -------------------------------------------------------------------


def icnpo_categories(unit: dict) -> list[int]:
    """The contract's category codes from a Frivillighetsregisteret record (``icnpoKategorier``)."""
    codes: list[int] = []
    for item in list_value(unit.get("icnpoKategorier")):
        raw = item.get("icnpoNummer") if isinstance(item, dict) else item
        text = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
        if not re.fullmatch(r"[0-9]{1,6}", text):
            continue
        code = int(text)
        if code in CATEGORY_CODES and code not in codes:
            codes.append(code)
    return codes[:3]


def gone_reason(unit: dict) -> str | None:
    """Why a unit is no longer an active association, in Norwegian; None when it is active."""
    if unit.get("slettedato"):
        return t("registers.deleted", date=code_value(unit["slettedato"]) or "?")
    if unit.get("konkurs") is True:
        return t("registers.bankrupt")
    if unit.get("underTvangsavviklingEllerTvangsopplosning") is True:
        return t("registers.forced_dissolution")
    if unit.get("underAvvikling") is True:
        return t("registers.winding_up")
    return None


def readable_name(name: str, places: set[str] = frozenset()) -> str:
    """``LINDVIK IDRETTSLAG`` becomes ``Lindvik idrettslag``; a name already in mixed case is kept.

    The first word is capitalised, and so are words that are place names of the
    unit's address (``places``, in lower case); known short forms (``IL``,
    ``KFUK-KFUM``, ``4H``) stay in capitals; everything else is lower case, as
    Norwegian names are written.
    """
    name = re.sub(r"\s+", " ", name).strip()
    if any(char.islower() for char in name):
        return name
    words = []
    for index, word in enumerate(name.split(" ")):
        words.append(_readable_word(word, first=index == 0, places=places))
    return " ".join(words)


def _readable_word(word: str, first: bool, places: set[str]) -> str:
    core = word.strip(",.()«»\"'")
    if core.upper() in ABBREVIATIONS or (any(ch.isdigit() for ch in core) and len(core) <= 3):
        return word
    parts = word.split("-")
    out = []
    for position, part in enumerate(parts):
        lower = part.lower()
        bare = lower.strip(",.()«»\"'")
        if (first and position == 0) or bare in places:
            lower = _capitalise(lower)
        out.append(lower)
    return "-".join(out)


def _capitalise(word: str) -> str:
    for index, char in enumerate(word):
        if char.isalpha():
            return word[:index] + char.upper() + word[index + 1 :]
    return word


def place_name(text: str) -> str:
    """``NORDRE LINDVIK`` becomes ``Nordre Lindvik``; mixed case is kept."""
    text = re.sub(r"\s+", " ", text).strip()
    if any(char.islower() for char in text):
        return text
    words = text.split(" ")
    return " ".join(
        word.lower()
        if index and word.lower() in SMALL_WORDS
        else "-".join(_capitalise(part.lower()) for part in word.split("-"))
        for index, word in enumerate(words)
    )


def phone_number(text: str | None) -> str | None:
    """A Norwegian number as the contract shows it (``+47 12 34 56 78``), or None when it is not
    one."""
    number = normal_phone(text) if text else None
    return shown_phone(number) if number else None


def email_address(text: str | None) -> str | None:
    if not text:
        return None
    text = str(text).strip()
    return text if is_email(text) else None


def public_lines(lines) -> list[str]:
    """The street lines that may be published: none when any line goes through a person.

    ``c/o Kari Nordmann, Storgata 1`` names a board member, and the street after it
    is usually that person's home: the whole street part is left out, and only the
    postal code and place are kept.
    """
    lines = [clean(line) for line in lines or [] if isinstance(line, str) and clean(line)]
    if any(goes_through_person(line) for line in lines):
        return []
    return lines


def clean(text) -> str:
    """Register text without control characters and with single spaces."""
    return re.sub(r"\s+", " ", CONTROL.sub("", str(text))).strip()


# A register file is outside input: every value is taken only in the shape the register gives it
# (text, a list of text, an object), and anything else counts as missing.


def text_value(value) -> str:
    """A text value, cleaned; "" for anything that is not text (a number, a list, an object)."""
    return clean(value) if isinstance(value, str) else ""


def code_value(value) -> str:
    """A code the register writes as text and a reader may have as a number (``postnummer``,
    ``kode``)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        return str(value)
    return text_value(value)


def mapping_value(value) -> dict:
    return value if isinstance(value, dict) else {}


def list_value(value) -> list:
    return value if isinstance(value, list) else []


def lines_value(value) -> list[str]:
    """Address lines: the register's list of lines, or a single line given as text."""
    return (
        [value]
        if isinstance(value, str)
        else [line for line in list_value(value) if isinstance(line, str)]
    )


def unit_from_register(raw: dict, categories: dict[str, list[int]] | None = None) -> Unit:
    """A register unit made readable (see the module's description)."""
    number = code_value(raw.get("organisasjonsnummer"))
    address = mapping_value(raw.get("postadresse")) or mapping_value(raw.get("forretningsadresse"))
    lines = public_lines(lines_value(address.get("adresse")))
    city_text, municipality_text = (
        text_value(address.get("poststed")),
        text_value(address.get("kommune")),
    )
    city = place_name(city_text) if city_text else None
    places = {
        word.lower()
        for text in (city_text, municipality_text)
        if text
        for word in re.split(r"[\s-]+", text)
    } - SMALL_WORDS
    postal_code = code_value(address.get("postnummer"))
    unit = Unit(
        org_number=number,
        register_name=text_value(raw.get("navn")),
        name=readable_name(text_value(raw.get("navn")), places),
        form=text_value(mapping_value(raw.get("organisasjonsform")).get("kode")),
        voluntary=raw.get("registrertIFrivillighetsregisteret") is True,
        gone=gone_reason(raw),
        street=", ".join(lines) or None,
        postal_code=postal_code if is_postal_code(postal_code) else None,
        city=city,
    )
    email = text_value(raw.get("epostadresse"))
    unit.email = email_address(email)
    if email and not unit.email:
        unit.notes.append(t("registers.note_email", value=email))
    for key in ("telefon", "mobil"):
        phone = text_value(raw.get(key))
        if phone and not unit.phone:
            unit.phone = phone_number(phone)
            if not unit.phone:
                unit.notes.append(t("registers.note_phone", value=phone))
    website = text_value(raw.get("hjemmeside"))
    unit.website = web_address(website) if website else None
    if website and not unit.website:
        unit.notes.append(t("registers.note_website", value=website))
    purpose = raw.get("vedtektsfestetFormaal") or raw.get("aktivitet")
    purpose = " ".join(text_value(part) for part in lines_value(purpose))
    unit.purpose = clean(purpose)[:2000] or None
    unit.categories = (categories or {}).get(number) or icnpo_categories(raw)
    if not unit.categories:
        unit.categories = [_category_from_industry(raw)]
        unit.categories_guessed = True
    return unit


def _category_from_industry(raw: dict) -> int:
    code = code_value(mapping_value(raw.get("naeringskode1")).get("kode"))
    for prefix, category in NACE_CATEGORIES:
        if code.startswith(prefix):
            return category
    return 12100  # «Andre»


def in_municipality(raw: dict, number: str) -> bool:
    """True when the unit's business or postal address lies in the municipality (kommunenummer)."""
    return any(
        code_value(mapping_value(raw.get(key)).get("kommunenummer")) == number
        for key in ("forretningsadresse", "postadresse")
    )


def is_association(unit: Unit) -> bool:
    """What the catalogue imports: units in Frivillighetsregisteret, and associations (FLI) in
    general."""
    return unit.voluntary or unit.form == ASSOCIATION_FORM
