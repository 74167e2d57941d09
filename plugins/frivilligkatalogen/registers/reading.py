"""The public registers of Brønnøysundregistrene, read and made readable.

Enhetsregisteret (the business register) knows every association's
organisation number, name, addresses and contact details;
Frivillighetsregisteret (the register of voluntary organisations) knows its
categories. This module reads their JSON, from a saved file or, only when asked,
from the open API, and turns a register unit into what the contract expects:
readable name casing instead of ALL CAPS, ``https://`` on bare home pages, phone
numbers in the contract's form, and addresses without ``c/o <person>`` lines.

Two users: ``katalog import brreg`` (drafts for new associations, see
:mod:`register_import`) and ``katalog check --registers`` (which entries the
register says are deleted, renamed or unknown, see :func:`compare`).
"""

from __future__ import annotations

import errno
import gzip
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from frivilligkatalogen.base.errors import KatalogError, printable
from frivilligkatalogen.model.categories import CATEGORY_CODES
from frivilligkatalogen.model.values import normal_phone, shown_phone, web_address
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.model.privacy import goes_through_person

ENHETER_API = "https://data.brreg.no/enhetsregisteret/api/enheter"
"""Search in Enhetsregisteret (open, no key)."""
FRIVILLIGHET_API = "https://data.brreg.no/frivillighetsregisteret/api/frivillige-organisasjoner/{number}"
"""One voluntary organisation in Frivillighetsregisteret (open, no key)."""
PAGE_SIZE = 100
MAX_FILE_BYTES = 512 * 1024 * 1024
"""A bulk file of the whole country is a few hundred megabytes; more is not a register file."""

ASSOCIATION_FORM = "FLI"
"""Organisasjonsform «Forening/lag/innretning»."""

NACE_CATEGORIES = (
    ("93.1", 1200),   # sport: clubs, facilities, other sport
    ("93.2", 1300),   # recreation
    ("90.", 1100),    # creative and performing arts
    ("91.", 1100),    # libraries, museums, cultural heritage
    ("94.91", 10100),  # religious organisations
    ("94.92", 7300),  # political organisations
    ("94.11", 11100),  # business and employers' organisations
    ("94.12", 11200),  # professional organisations
    ("94.20", 11300),  # trade unions
    ("88.", 4100),    # social work
    ("85.5", 2300),   # other education
)
"""Where Frivillighetsregisteret gives no category, the unit's industry code (SN2007) gives a first guess."""

SMALL_WORDS = {"og", "i", "på", "for", "av", "til", "med", "fra", "ved", "under", "over", "om", "mot", "the", "of", "and"}
ABBREVIATIONS = {
    "IL", "IF", "IK", "SK", "FK", "BK", "FAU", "KFUK", "KFUM", "KFUK-KFUM", "NMF", "NJFF", "DNT", "NRK", "4H",
    "MC", "UL", "BUL", "SA", "NKS", "LHL", "MS", "ADHD", "NHF", "FNF", "NFU", "HLF", "SOS", "KIL", "FIL", "SIL", "AIL",
}
"""Short forms that stay in capitals (idrettslag, 4H, KFUK-KFUM …)."""
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u200e\u200f\ufeff\ud800-\udfff]")
"""Control characters, and the invisible marks that turn or hide text (a right-to-left override
can make a name read backwards): removed from everything taken from a register."""


class RegisterError(KatalogError):
    """A register file or answer that cannot be used; the message is Norwegian and says what to do."""


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


# --- reading -------------------------------------------------------------------------------


def read_units(path: Path) -> list[dict]:
    """The units of a saved register answer: a search response, a bulk file (``.json`` or ``.json.gz``) or one unit."""
    document = _read_json(path)
    units = _unit_list(document)
    if units is None:
        raise RegisterError(t("registers.not_register_file", path=path))
    return units


def read_category_file(path: Path) -> dict[str, list[int]]:
    """Categories by organisation number from a saved Frivillighetsregisteret answer."""
    document = _read_json(path)
    units = _unit_list(document)
    if units is None:
        raise RegisterError(t("registers.not_register_file", path=path))
    units = [unit for unit in units if isinstance(unit, dict)]
    return {_code(unit.get("organisasjonsnummer")): icnpo_categories(unit) for unit in units if _code(unit.get("organisasjonsnummer"))}


def _read_json(path: Path):
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RegisterError(t("registers.too_large", path=path))
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        return json.loads(raw.decode("utf-8-sig"))
    except FileNotFoundError:
        raise RegisterError(t("registers.no_file", path=path)) from None
    except (EOFError, gzip.BadGzipFile, zlib.error):
        raise RegisterError(t("registers.unreadable", path=path, reason=t("registers.broken_gzip"))) from None
    except OSError as error:
        raise RegisterError(t("registers.unreadable", path=path, reason=_os_reason(error))) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        # not UTF-8, not JSON, a number of thousands of digits, nesting deeper than Python's stack
        raise RegisterError(t("registers.not_json", path=path, reason=_reason(error))) from None


def _reason(error: Exception) -> str:
    """Why a text is not JSON, in Norwegian (the JSON reader's own words are English)."""
    if isinstance(error, RecursionError):
        return t("registers.too_deep")
    if isinstance(error, UnicodeDecodeError):
        return t("registers.not_utf8")
    if isinstance(error, json.JSONDecodeError):
        return t("registers.json_at", line=error.lineno, column=error.colno)
    return t("registers.json_number")


def _os_reason(error: OSError) -> str:
    """An operating system error in Norwegian: its kind, and its errno name for the rest."""
    if isinstance(error, IsADirectoryError):
        return t("registers.is_folder")
    if isinstance(error, PermissionError):
        return t("registers.no_permission")
    return errno.errorcode.get(error.errno or 0, type(error).__name__)


def _unit_list(document) -> list | None:
    """The units of a register answer, as they stand (an entry that is not an object is kept, so
    the import can name it); None when the document is no register answer at all."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return None
    if "organisasjonsnummer" in document:
        return [document]
    embedded = document.get("_embedded")
    if isinstance(embedded, dict):
        for value in embedded.values():
            if isinstance(value, list):
                return value
    if "page" in document or "_links" in document:
        return []  # a search with no hits
    return None


def fetch_municipality(number: str, opener=None, progress=None) -> list[dict]:
    """Every association of a municipality (kommunenummer), from the open API; only when the user asks."""
    from urllib.parse import urlencode

    if not re.fullmatch(r"[0-9]{4}", number):
        raise RegisterError(t("registers.bad_municipality", value=number))
    units: list[dict] = []
    page = 0
    while True:
        query = urlencode({"kommunenummer": number, "registrertIFrivillighetsregisteret": "true", "size": PAGE_SIZE, "page": page})
        document = _fetch(f"{ENHETER_API}?{query}", opener)
        found = _unit_list(document) or []
        units += found
        pages = _mapping(document.get("page")).get("totalPages", 0) if isinstance(document, dict) else 0
        pages = pages if isinstance(pages, int) and not isinstance(pages, bool) else 0
        page += 1
        if progress:
            progress(min(page, pages or 1), pages or 1)
        if page >= pages or not found:
            return units


def fetch_categories(numbers: list[str], opener=None, progress=None) -> dict[str, list[int]]:
    """Categories from Frivillighetsregisteret, one unit at a time (a unit it does not know has none)."""
    found: dict[str, list[int]] = {}
    for index, number in enumerate(numbers, 1):
        try:
            document = _fetch(FRIVILLIGHET_API.format(number=number), opener, missing_ok=True)
        finally:
            if progress:
                progress(index, len(numbers))
        if isinstance(document, dict):
            found[number] = icnpo_categories(document)
    return found


def _fetch(url: str, opener=None, missing_ok: bool = False):
    from urllib.error import HTTPError, URLError
    from urllib.request import Request, urlopen

    request = Request(url, headers={"Accept": "application/json", "User-Agent": "frivilligkatalogen"})
    try:
        with (opener or urlopen)(request, timeout=30) as response:
            return json.loads(response.read().decode("utf-8"))  # (a RegisterError below when it is not JSON)
    except HTTPError as error:
        if missing_ok and error.code in (404, 410):
            return None
        raise RegisterError(t("registers.http_error", url=url, status=error.code)) from None
    except (URLError, TimeoutError, OSError) as error:
        raise RegisterError(t("registers.offline", url=url, reason=getattr(error, "reason", error))) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise RegisterError(t("registers.not_json", path=url, reason=_reason(error))) from None


# --- making a unit readable -------------------------------------------------------------------


def icnpo_categories(unit: dict) -> list[int]:
    """The contract's category codes from a Frivillighetsregisteret record (``icnpoKategorier``)."""
    codes: list[int] = []
    for item in _list(unit.get("icnpoKategorier")):
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
        return t("registers.deleted", date=_code(unit["slettedato"]) or "?")
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
            return word[:index] + char.upper() + word[index + 1:]
    return word


def place_name(text: str) -> str:
    """``NORDRE LINDVIK`` becomes ``Nordre Lindvik``; mixed case is kept."""
    text = re.sub(r"\s+", " ", text).strip()
    if any(char.islower() for char in text):
        return text
    words = text.split(" ")
    return " ".join(
        word.lower() if index and word.lower() in SMALL_WORDS else "-".join(_capitalise(part.lower()) for part in word.split("-"))
        for index, word in enumerate(words)
    )


def phone_number(text: str | None) -> str | None:
    """A Norwegian number as the contract shows it (``+47 12 34 56 78``), or None when it is not one."""
    number = normal_phone(text) if text else None
    return shown_phone(number) if number else None


def email_address(text: str | None) -> str | None:
    if not text:
        return None
    text = str(text).strip()
    return text if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text) else None


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


def _text(value) -> str:
    """A text value, cleaned; "" for anything that is not text (a number, a list, an object)."""
    return clean(value) if isinstance(value, str) else ""


def _code(value) -> str:
    """A code the register writes as text and a reader may have as a number (``postnummer``, ``kode``)."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12:
        return str(value)
    return _text(value)


def _mapping(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _lines(value) -> list[str]:
    """Address lines: the register's list of lines, or a single line given as text."""
    return [value] if isinstance(value, str) else [line for line in _list(value) if isinstance(line, str)]


def unit_from_register(raw: dict, categories: dict[str, list[int]] | None = None) -> Unit:
    """A register unit made readable (see the module's description)."""
    number = _code(raw.get("organisasjonsnummer"))
    address = _mapping(raw.get("postadresse")) or _mapping(raw.get("forretningsadresse"))
    lines = public_lines(_lines(address.get("adresse")))
    city_text, municipality_text = _text(address.get("poststed")), _text(address.get("kommune"))
    city = place_name(city_text) if city_text else None
    places = {word.lower() for text in (city_text, municipality_text) if text for word in re.split(r"[\s-]+", text)} - SMALL_WORDS
    postal_code = _code(address.get("postnummer"))
    unit = Unit(
        org_number=number,
        register_name=_text(raw.get("navn")),
        name=readable_name(_text(raw.get("navn")), places),
        form=_text(_mapping(raw.get("organisasjonsform")).get("kode")),
        voluntary=raw.get("registrertIFrivillighetsregisteret") is True,
        gone=gone_reason(raw),
        street=", ".join(lines) or None,
        postal_code=postal_code if re.fullmatch(r"[0-9]{4}", postal_code) else None,
        city=city,
    )
    email = _text(raw.get("epostadresse"))
    unit.email = email_address(email)
    if email and not unit.email:
        unit.notes.append(t("registers.note_email", value=email))
    for key in ("telefon", "mobil"):
        phone = _text(raw.get(key))
        if phone and not unit.phone:
            unit.phone = phone_number(phone)
            if not unit.phone:
                unit.notes.append(t("registers.note_phone", value=phone))
    website = _text(raw.get("hjemmeside"))
    unit.website = web_address(website) if website else None
    if website and not unit.website:
        unit.notes.append(t("registers.note_website", value=website))
    purpose = raw.get("vedtektsfestetFormaal") or raw.get("aktivitet")
    purpose = " ".join(_text(part) for part in _lines(purpose))
    unit.purpose = clean(purpose)[:2000] or None
    unit.categories = (categories or {}).get(number) or icnpo_categories(raw)
    if not unit.categories:
        unit.categories = [_category_from_industry(raw)]
        unit.categories_guessed = True
    return unit


def _category_from_industry(raw: dict) -> int:
    code = _code(_mapping(raw.get("naeringskode1")).get("kode"))
    for prefix, category in NACE_CATEGORIES:
        if code.startswith(prefix):
            return category
    return 12100  # «Andre»


def in_municipality(raw: dict, number: str) -> bool:
    """True when the unit's business or postal address lies in the municipality (kommunenummer)."""
    return any(_code(_mapping(raw.get(key)).get("kommunenummer")) == number for key in ("forretningsadresse", "postadresse"))


def is_association(unit: Unit) -> bool:
    """What the catalogue imports: units in Frivillighetsregisteret, and associations (FLI) in general."""
    return unit.voluntary or unit.form == ASSOCIATION_FORM


# --- comparing the catalogue with the register -------------------------------------------------------


@dataclass
class Finding:
    """One association whose register entry disagrees with the catalogue."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.column}: org_number: {self.message}")


def comparable(name: str) -> str:
    """Names compared without case, punctuation or extra spaces."""
    return re.sub(r"[^0-9a-zæøå]+", " ", name.lower()).strip()


def compare(organizations, units: list[dict], positions: dict[str, tuple[int, int]]) -> list[Finding]:
    """Associations whose organisation number the register has as deleted, under another name, or not at all.

    ``organizations`` are the catalogue's; ``positions`` gives the line and column
    of each association's ``org_number`` by id.
    """
    by_number = {_code(unit.get("organisasjonsnummer")): unit for unit in units if isinstance(unit, dict)}
    findings = []
    for org in organizations:
        if not org.org_number:
            continue
        line, column = positions.get(org.id, (1, 1))
        raw = by_number.get(org.org_number)
        if raw is None:
            message = t("registers.unknown", number=org.org_number)
        elif gone_reason(raw):
            message = t("registers.gone", number=org.org_number, reason=gone_reason(raw))
        elif comparable(_text(raw.get("navn"))) != comparable(org.name):
            message = t("registers.renamed", number=org.org_number, name=readable_name(_text(raw.get("navn"))), ours=org.name)
        else:
            continue
        findings.append(Finding(org.source.path, line, column, message))
    return findings

