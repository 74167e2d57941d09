"""The contract's vocabularies: categories, languages and areas, and the confirmation date with
its draft value. The other values of the contract are in :mod:`.values`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.kinds import Date, Invalid, Kind, Text, accepted, scalar_text, shown
from frivilligkatalogen.model.categories import CATEGORY_CODES

ISO_639_1 = frozenset(
    [
        "aa",
        "ab",
        "ae",
        "af",
        "ak",
        "am",
        "an",
        "ar",
        "as",
        "av",
        "ay",
        "az",
        "ba",
        "be",
        "bg",
        "bi",
        "bm",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "ce",
        "ch",
        "co",
        "cr",
        "cs",
        "cu",
        "cv",
        "cy",
        "da",
        "de",
        "dv",
        "dz",
        "ee",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fj",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gn",
        "gu",
        "gv",
        "ha",
        "he",
        "hi",
        "ho",
        "hr",
        "ht",
        "hu",
        "hy",
        "hz",
        "ia",
        "id",
        "ie",
        "ig",
        "ii",
        "ik",
        "io",
        "is",
        "it",
        "iu",
        "ja",
        "jv",
        "ka",
        "kg",
        "ki",
        "kj",
        "kk",
        "kl",
        "km",
        "kn",
        "ko",
        "kr",
        "ks",
        "ku",
        "kv",
        "kw",
        "ky",
        "la",
        "lb",
        "lg",
        "li",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mh",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "na",
        "nb",
        "nd",
        "ne",
        "ng",
        "nl",
        "nn",
        "no",
        "nr",
        "nv",
        "ny",
        "oc",
        "oj",
        "om",
        "or",
        "os",
        "pa",
        "pi",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sc",
        "sd",
        "se",
        "sg",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "ss",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tl",
        "tn",
        "to",
        "tr",
        "ts",
        "tt",
        "tw",
        "ty",
        "ug",
        "uk",
        "ur",
        "uz",
        "ve",
        "vi",
        "vo",
        "wa",
        "wo",
        "xh",
        "yi",
        "yo",
        "za",
        "zh",
        "zu",
    ]
)
"""The two-letter language codes of ISO 639-1."""


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
class Category(Kind):
    """A category code of Frivillighetsregisteret."""

    def parse(self, node, context):
        text = scalar_text(node).strip()
        if re.fullmatch(r"[+]?[0-9]{1,6}", text) and int(text) in CATEGORY_CODES:
            return int(text)
        raise Invalid(t("field.not_category", value=shown(node)))

    def schema(self):
        return {"enum": sorted(CATEGORY_CODES) + [str(code) for code in sorted(CATEGORY_CODES)]}


@dataclass(frozen=True)
class Language(Kind):
    """A two-letter ISO 639-1 language code (``no`` stays the code, never false)."""

    def parse(self, node, context):
        return accepted(node, ISO_639_1.__contains__, "field.not_language")

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
