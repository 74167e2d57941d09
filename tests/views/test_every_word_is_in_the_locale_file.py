"""Every string a person sees comes from one locale file, and that file is sound."""

from __future__ import annotations

import re
from pathlib import Path

from frivilligkatalogen.base.i18n import LOCALES, strings
from frivilligkatalogen.load.yaml_source import parse_text

PACKAGE = LOCALES.parent


def test_locale_file_has_no_duplicate_keys():
    document = parse_text((LOCALES / "nb.yaml").read_text(encoding="utf-8"))
    assert document.problems == []


def test_every_key_the_code_asks_for_exists():
    table = strings("nb")
    used = set()
    for path in list(PACKAGE.rglob("*.py")) + list(PACKAGE.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text))
        used |= {key + "_one" for key in re.findall(r"""\bt_count\(\s*["']([a-z_]+\.[a-z_.]+)["']""", text)}
    missing = sorted(key for key in used if key not in table and not key.endswith("_"))  # "key_" ~ variable: built keys
    assert missing == []
    assert len(used) > 100


LANGUAGE_FILES = ["nb", "nn", "en"]
PLACEHOLDER = re.compile(r"\{(\w*)\}")
LITERALS = [
    re.compile(r'(?<![\w\\])(f?)"([^"\\\n]*(?:\\.[^"\\\n]*)*)"'),
    re.compile(r"(?<![\w\\])(f?)'([^'\\\n]*(?:\\.[^'\\\n]*)*)'"),
]
"""Double- and single-quoted strings, each on its own, so a key quoted inside another string
(``f"{t('stale.edit')}"``, ``aria-label="{{ t('page.entry_actions') }}"``) is found too."""
TABLE_CALL = re.compile(r"""\b(?:table|labels|_choices|word_list)\(\s*f?["']([\w.]+)["']""")


def test_every_language_has_every_key_with_the_same_placeholders():
    reference = strings("nb")
    for language in LANGUAGE_FILES[1:]:
        table = strings(language)
        assert sorted(set(reference) - set(table)) == [], f"{language} misses keys"
        assert sorted(set(table) - set(reference)) == [], f"{language} has keys bokmål lacks"
        for key, text in reference.items():
            other = table[key]
            assert type(other) is type(text), (language, key)
            if isinstance(text, list):
                assert len(other) == len(text), (language, key)
            else:
                assert sorted(PLACEHOLDER.findall(other)) == sorted(PLACEHOLDER.findall(text)), (language, key)
                assert other.strip() or not text.strip(), (language, key)


def test_the_nynorsk_and_english_files_have_no_duplicate_keys():
    for language in LANGUAGE_FILES[1:]:
        assert parse_text((LOCALES / f"{language}.yaml").read_text(encoding="utf-8")).problems == []


def used_keys(keys: list[str]) -> set[str]:
    """The keys the code names: as a whole string, as the start of a built key (an f-string,
    ``"page.status_notice_" ~ status``, ``"service.pr_title_" + kind``), or as a table looked
    up by a value from the data (``table("categories")``, or a table's name passed on)."""
    texts = [
        path.read_text(encoding="utf-8")
        for folder in (PACKAGE, PACKAGE.parent.parent / "overrides")
        for pattern in ("*.py", "*.html", "*.xml", "*.js")
        for path in folder.rglob(pattern)
        if "locales" not in path.parts
    ]
    literals, patterns = set(), []
    for text in texts:
        for is_f, literal in (found for regex in LITERALS for found in regex.findall(text)):
            literals.add(literal)
            if is_f and "{" in literal and "." in literal.partition("{")[0]:
                parts = re.split(r"\{[^{}]*\}", literal)
                patterns.append(re.compile("[\\w-]+".join(re.escape(part) for part in parts) + "$"))
            elif literal.endswith(("_", ".")) and "." in literal:
                patterns.append(re.compile(re.escape(literal) + "[\\w.-]*$"))
        literals |= set(TABLE_CALL.findall(text))
    tops = {key.split(".")[0] for key in keys}
    named_one_by_one = {literal.split(".")[0] for literal in literals if "." in literal}
    tables = {top for top in tops if top in literals and top not in named_one_by_one}
    tables |= set(TABLE_CALL.findall("\n".join(texts)))
    used = set()
    for key in keys:
        base = re.sub(r"_(one|other|none)$", "", key)
        if (
            key in literals
            or base in literals
            or any(pattern.match(key) for pattern in patterns)
            or any(key.startswith(table + ".") for table in tables)
        ):
            used.add(key)
    return used


def test_no_key_is_left_that_no_code_uses():
    keys = list(strings("nb"))
    unused = sorted(set(keys) - used_keys(keys))
    assert unused == []
