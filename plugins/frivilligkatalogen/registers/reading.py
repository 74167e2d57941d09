"""The public registers of Brønnøysundregistrene, read from a saved file or, only when asked,
from the open API.

Enhetsregisteret (the business register) knows every association's organisation number, name,
addresses and contact details; Frivillighetsregisteret (the register of voluntary
organisations) knows its categories. Two users: ``katalog import brreg`` (drafts for new
associations, :mod:`.drafts`) and ``katalog check --registers`` (:mod:`.compare`).
"""

from __future__ import annotations

import errno
import gzip
import json
import re
import zlib
from pathlib import Path

from frivilligkatalogen.base.errors import KatalogError
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.registers.readable import code_value, icnpo_categories, mapping_value

ENHETER_API = "https://data.brreg.no/enhetsregisteret/api/enheter"
"""Search in Enhetsregisteret (open, no key)."""
FRIVILLIGHET_API = (
    "https://data.brreg.no/frivillighetsregisteret/api/frivillige-organisasjoner/{number}"
)
"""One voluntary organisation in Frivillighetsregisteret (open, no key)."""
PAGE_SIZE = 100
MAX_FILE_BYTES = 512 * 1024 * 1024
"""A bulk file of the whole country is a few hundred megabytes; more is not a register file."""


class RegisterError(KatalogError):
    """A register file or answer that cannot be used; the message is Norwegian and says what to
    do."""


def read_units(path: Path) -> list[dict]:
    """The units of a saved register answer: a search response, a bulk file (``.json`` or
    ``.json.gz``) or one unit."""
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
    return {
        code_value(unit.get("organisasjonsnummer")): icnpo_categories(unit)
        for unit in units
        if code_value(unit.get("organisasjonsnummer"))
    }


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
        raise RegisterError(
            t("registers.unreadable", path=path, reason=t("registers.broken_gzip"))
        ) from None
    except OSError as error:
        raise RegisterError(
            t("registers.unreadable", path=path, reason=_os_reason(error))
        ) from None
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
    """Every association of a municipality (kommunenummer), from the open API; only when the user
    asks."""
    from urllib.parse import urlencode

    if not re.fullmatch(r"[0-9]{4}", number):
        raise RegisterError(t("registers.bad_municipality", value=number))
    units: list[dict] = []
    page = 0
    while True:
        query = urlencode(
            {
                "kommunenummer": number,
                "registrertIFrivillighetsregisteret": "true",
                "size": PAGE_SIZE,
                "page": page,
            }
        )
        document = _fetch(f"{ENHETER_API}?{query}", opener)
        found = _unit_list(document) or []
        units += found
        pages = (
            mapping_value(document.get("page")).get("totalPages", 0)
            if isinstance(document, dict)
            else 0
        )
        pages = pages if isinstance(pages, int) and not isinstance(pages, bool) else 0
        page += 1
        if progress:
            progress(min(page, pages or 1), pages or 1)
        if page >= pages or not found:
            return units


def fetch_categories(numbers: list[str], opener=None, progress=None) -> dict[str, list[int]]:
    """Categories from Frivillighetsregisteret, one unit at a time (a unit it does not know has
    none)."""
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

    request = Request(
        url, headers={"Accept": "application/json", "User-Agent": "frivilligkatalogen"}
    )
    try:
        with (opener or urlopen)(request, timeout=30) as response:
            return json.loads(
                response.read().decode("utf-8")
            )  # (a RegisterError below when it is not JSON)
    except HTTPError as error:
        if missing_ok and error.code in (404, 410):
            return None
        raise RegisterError(t("registers.http_error", url=url, status=error.code)) from None
    except (URLError, TimeoutError, OSError) as error:
        raise RegisterError(
            t("registers.offline", url=url, reason=getattr(error, "reason", error))
        ) from None
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise RegisterError(t("registers.not_json", path=url, reason=_reason(error))) from None
