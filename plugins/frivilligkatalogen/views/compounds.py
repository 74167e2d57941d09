"""The parts of Norwegian compound words, so the search finds "skulekorps" by "korps".

Pagefind matches a word and its beginnings, never a later part of it, and Norwegian writes
compounds as one word: "klubb" would not find "Padleklubben". An association's page therefore
carries the parts of the compounds in its name, summary, tags and categories as extra text
for the index only (``organization.html``).

A word is split only when all of it is made of parts from a word list for this domain, in
bokmål and nynorsk (``words/compound_parts.txt``): part after part, with a linking ``s`` or
``e`` between two parts or three equal consonants written as two (sjakk + klubb →
"sjakklubb"), and the last part with a definite or plural ending (klubben, klubbar, korpset).
A word the list does not cover stays whole, so a place name or a word that merely ends like a
part ("utslag") gives nothing new to search for. No decompounding library for Norwegian is kept
on PyPI; the list is small, read once and tested.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

WORDS = Path(__file__).parent / "words" / "compound_parts.txt"
SHORTEST = 3
"""Letters a part has at least."""
LINKS = ("s", "e")
"""Letters that may join two parts: idrett-s-lag, hjelp-e-korps."""
ENDINGS = ("ane", "ene", "ar", "er", "en", "et", "a", "i", "n", "r", "t")
"""Definite and plural endings of the last part, longest first (bokmål and nynorsk)."""
VOWELS = frozenset("aeiouyæøå")
_WORD = re.compile(r"[^\W\d_]+")


@cache
def known_parts() -> frozenset[str]:
    """The word list: base forms, lower case."""
    lines = WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def base_form(word: str) -> str | None:
    """The listed base form of a (last) part with or without its ending, or None."""
    parts = known_parts()
    if word in parts:
        return word
    for ending in ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= SHORTEST:
            for candidate in (stem, stem + "e"):
                if candidate in parts:
                    return candidate
    return None


def split(word: str) -> list[str]:
    """The base forms of a compound's parts, in order; ``[]`` for a word that is not a compound
    of listed parts (a single part, or a word the list does not cover)."""
    parts = _split(word.lower(), 0)
    return parts if parts and len(parts) > 1 else []


def _split(word: str, start: int) -> list[str] | None:
    """The parts of ``word[start:]``, split where it can be (a listed compound such as
    "idrettslag" too), longest first part first; None when it cannot be covered."""
    for end in range(len(word) - SHORTEST, start + SHORTEST - 1, -1):
        piece = word[start:end]
        if piece not in known_parts():
            continue
        for following in _next_starts(word, piece, end):
            rest = _split(word, following)
            if rest:
                return [piece, *rest]
    last = base_form(word[start:])
    return [last] if last is not None else None


def _next_starts(word: str, piece: str, end: int) -> list[int]:
    """Where the next part may start after ``piece``: right after it, after a linking letter,
    or on its last letter when a double consonant met the same consonant (sjakk|klubb)."""
    starts = [end]
    if end < len(word) and word[end] in LINKS:
        starts.append(end + 1)
    if piece[-1] == piece[-2] and piece[-1] not in VOWELS:
        starts.append(end - 1)
    return [start for start in starts if len(word) - start >= SHORTEST]


def compound_parts(*texts) -> str:
    """The parts of every compound in the texts (strings, or lists of them), once each, with
    the last part's inflected form too where it differs (klubb klubben), separated by spaces;
    empty when there is no compound."""
    found: dict[str, None] = {}
    for text in texts:
        for item in text if isinstance(text, list | tuple) else [text]:
            for word in _WORD.findall((item or "").lower()):
                parts = split(word)
                found.update(dict.fromkeys(parts))
                if parts and not word.endswith(parts[-1]):
                    found[_last_written(word, parts)] = None
    return " ".join(found)


def _last_written(word: str, parts: list[str]) -> str:
    """The last part as the word writes it, ending included (korpset, klubbar)."""
    last = parts[-1]
    for length in range(len(last) - 1, 0, -1):  # where the base form's beginning starts
        at = word.rfind(last[:length])
        if at > 0:
            return word[at:]
    return last
