"""Every word a person sees, looked up in one file per language.

The strings live in ``locales/<lang>.yaml``; a nynorsk or English site is a new
file there, not a hunt through the code. Keys are dotted paths into that file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DEFAULT_LANGUAGE = "nb"
LANGUAGES = ("nb", "nn", "en")
"""The languages the catalogue speaks: bokmål, nynorsk and English, one locale file each."""
_language = DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Choose the language of every later lookup (the site's ``theme.language``); a language
    without a locale file speaks bokmål."""
    global _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE


def language() -> str:
    """The language being spoken: ``nb``, ``nn`` or ``en`` (for ``lang`` attributes, RSS,
    JSON-LD and the search index)."""
    return _language


@cache
def strings(language: str = DEFAULT_LANGUAGE) -> dict:
    """The flat table of one language's strings."""
    with open(LOCALES / f"{language}.yaml", encoding="utf-8") as handle:
        tree = yaml.load(
            handle, Loader=getattr(yaml, "CBaseLoader", yaml.BaseLoader)
        )  # every value stays text
    flat: dict[str, object] = {}

    def walk(prefix: str, node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(f"{prefix}.{key}" if prefix else str(key), value)
        else:
            flat[prefix] = node

    walk("", tree)
    return flat


def t(message_key: str, /, **values) -> str:
    """The string for ``key`` in the current language, with ``{names}`` filled in."""
    table = strings(_language)
    text = table.get(message_key)
    if text is None:
        text = strings(DEFAULT_LANGUAGE)[message_key]
    return str(text).format(**values) if values else str(text)


def table(key: str) -> dict:
    """A whole sub-table, e.g. ``categories`` or ``venue_types``, as key -> text."""
    return _table(_language, key)


@cache
def _table(language: str, key: str) -> dict:
    prefix = key + "."
    found = {k[len(prefix) :]: v for k, v in strings(language).items() if k.startswith(prefix)}
    return found or {
        k[len(prefix) :]: v for k, v in strings(DEFAULT_LANGUAGE).items() if k.startswith(prefix)
    }


def word_list(key: str) -> list[str]:
    """A list of strings, e.g. the weekday names."""
    value = strings(_language).get(key) or strings(DEFAULT_LANGUAGE)[key]
    return list(value)


def t_count(message_key: str, count: int, /, **values) -> str:
    """A string that depends on a number: ``<key>_one`` for 1, ``<key>_other`` otherwise."""
    return t(f"{message_key}_{'one' if count == 1 else 'other'}", count=count, **values)
