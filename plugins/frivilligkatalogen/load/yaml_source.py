"""Safe YAML reading that keeps where every value stands.

The data contract says a value means what its editor typed: ``postal_code: 0150``
is the text ``0150`` and ``start: 18:00`` is six in the evening. So this module
does not let YAML guess types at all. It reads the event stream (through
libyaml where installed, which is what makes 20,000 files cheap) and builds a
small tree of :class:`Scalar`, :class:`Sequence` and :class:`Mapping` nodes
whose scalars are the raw text plus its line and column. The field rules in
:mod:`frivilligkatalogen.load.kinds` give each value its type.

Anything the contract forbids stops the file here: tags, anchors and aliases
(which also stops "billion laughs" expansion before it starts), duplicate keys,
files over 256 KiB, several documents in one file, text that is not UTF-8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml import events

from frivilligkatalogen.base.errors import KatalogError
from frivilligkatalogen.base.i18n import t

try:  # libyaml's parser: the same events, several times faster
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventSource  # type: ignore[assignment]
from yaml import SafeLoader as _PythonEventSource

MAX_FILE_BYTES = 256 * 1024
"""The contract's size limit for one data file."""

MAX_DEPTH = 64
"""Nesting deeper than any record of the contract needs; deeper input is refused, not recursed
into."""

_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(slots=True)
class Scalar:
    """One typed-in value: the text as written, or None for an empty value."""

    value: str | None
    line: int
    column: int


@dataclass(slots=True)
class Sequence:
    """A YAML list."""

    items: list
    line: int
    column: int


@dataclass(slots=True)
class Mapping:
    """A YAML mapping; ``keys`` holds each key's own node for its position."""

    values: dict
    keys: dict
    line: int
    column: int


Node = Scalar | Sequence | Mapping


@dataclass(slots=True)
class YamlProblem(KatalogError):
    """A file that cannot be read as contract YAML at all."""

    line: int
    column: int
    message: str


@dataclass(slots=True)
class Document:
    """A parsed file: its root node (None when the file is empty)."""

    root: Node | None
    problems: list[YamlProblem] = field(default_factory=list)


def read_file(path: Path) -> Document:
    """Read one data file, refusing what the contract refuses.

    Links and special files are refused: a link in a pull request must not make
    the check print another file (a secret) or read forever (``/dev/zero``).
    """
    if path.is_symlink() or not path.is_file():
        return Document(None, [YamlProblem(1, 1, t("yaml.not_regular_file"))])
    with open(path, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = max(path.stat().st_size, len(raw))
        return Document(
            None,
            [
                YamlProblem(
                    1, 1, t("yaml.too_large", size=size // 1024, limit=MAX_FILE_BYTES // 1024)
                )
            ],
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return Document(None, [YamlProblem(line, 1, t("yaml.not_utf8"))])
    return parse_text(text)


def parse_text(text: str) -> Document:
    """Parse YAML text into located nodes, or report why it cannot be."""
    size = len(text.encode("utf-8"))
    if size > MAX_FILE_BYTES:
        return Document(
            None,
            [
                YamlProblem(
                    1, 1, t("yaml.too_large", size=size // 1024, limit=MAX_FILE_BYTES // 1024)
                )
            ],
        )
    forbidden = _FORBIDDEN_CHARACTER.search(text)
    if forbidden:
        start = forbidden.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        return Document(
            None,
            [
                YamlProblem(
                    line,
                    column,
                    t("yaml.control_character", code="U+%04X" % ord(forbidden.group())),
                )
            ],
        )
    try:
        return _parse(text, _EventSource)
    except yaml.YAMLError:
        # libyaml's own errors and limits differ from release to release (a newer one stops deep
        # nesting itself, with its own words): the pure-Python parser, slower but rarely needed,
        # finds the same fault and gives it the message this module defines.
        try:
            return _parse(text, _PythonEventSource)
        except yaml.MarkedYAMLError as err:
            return Document(None, [_syntax_problem(err)])
        except (
            yaml.YAMLError
        ):  # pragma: no cover - unmarked errors come from the reader, checked above
            return Document(None, [YamlProblem(1, 1, t("yaml.syntax_other"))])


_FORBIDDEN_CHARACTER = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
"""A character YAML does not allow in a file (control characters, U+FFFE and U+FFFF), or one it
would read as a line break where no editor shows one (U+0085, U+2028, U+2029)."""


def _parse(text: str, event_source) -> Document:
    source = event_source(text)
    problems: list[YamlProblem] = []
    try:
        root = _compose_stream(source, problems)
    except YamlProblem as problem:
        return Document(None, [problem])
    finally:
        source.dispose()
    return Document(root, problems)


def _compose_stream(source, problems: list[YamlProblem]) -> Node | None:
    source.get_event()  # StreamStart
    if source.check_event(events.StreamEndEvent):
        return None
    source.get_event()  # DocumentStart
    root = _compose_node(source, problems, 0)
    source.get_event()  # DocumentEnd
    if not source.check_event(events.StreamEndEvent):
        event = source.peek_event()
        raise YamlProblem(
            event.start_mark.line + 1, event.start_mark.column + 1, t("yaml.many_documents")
        )
    return root


def _compose_node(source, problems: list[YamlProblem], depth: int) -> Node:
    event = source.get_event()
    line, column = event.start_mark.line + 1, event.start_mark.column + 1
    if depth > MAX_DEPTH:
        raise YamlProblem(line, column, t("yaml.too_deep", limit=MAX_DEPTH))
    if isinstance(event, events.AliasEvent):
        raise YamlProblem(line, column, t("yaml.alias"))
    if event.anchor is not None:
        raise YamlProblem(line, column, t("yaml.anchor", anchor=event.anchor))
    if event.tag is not None:
        raise YamlProblem(line, column, t("yaml.tag", tag=event.tag))
    if isinstance(event, events.ScalarEvent):
        plain = bool(event.implicit[0]) and event.style in (None, "")
        value = None if plain and event.value in _NULLS else event.value
        return Scalar(value, line, column)
    if isinstance(event, events.SequenceStartEvent):
        items = []
        while not source.check_event(events.SequenceEndEvent):
            items.append(_compose_node(source, problems, depth + 1))
        source.get_event()
        return Sequence(items, line, column)
    if isinstance(event, events.MappingStartEvent):
        values: dict = {}
        keys: dict = {}
        while not source.check_event(events.MappingEndEvent):
            key = _compose_node(source, problems, depth + 1)
            value = _compose_node(source, problems, depth + 1)
            if not isinstance(key, Scalar) or key.value is None:
                raise YamlProblem(key.line, key.column, t("yaml.complex_key"))
            if key.value in keys:
                first = keys[key.value]
                problems.append(
                    YamlProblem(
                        key.line,
                        key.column,
                        t("yaml.duplicate_key", key=key.value, line=first.line),
                    )
                )
                continue
            keys[key.value] = key
            values[key.value] = value
        source.get_event()
        return Mapping(values, keys, line, column)
    raise YamlProblem(line, column, t("yaml.syntax_other"))  # pragma: no cover


_KNOWN_SYNTAX = {
    "mapping values are not allowed here": "yaml.syntax_colon",
    "could not find expected ':'": "yaml.syntax_missing_colon",
    "found character '\\t' that cannot start any token": "yaml.syntax_tab",
    "found a tab character": "yaml.syntax_tab",
    "did not find expected key": "yaml.syntax_indent",
    "did not find expected '-' indicator": "yaml.syntax_indent",
    "found unexpected end of stream": "yaml.syntax_unclosed",
    "found undefined alias": "yaml.alias",
    "found unknown escape character": "yaml.syntax_escape",
    "found duplicate anchor": "yaml.alias",
}


def _syntax_problem(err: yaml.MarkedYAMLError) -> YamlProblem:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (err.problem or "").strip()
    for english, key in _KNOWN_SYNTAX.items():
        if problem.startswith(english):
            return YamlProblem(line, column, t(key))
    return YamlProblem(line, column, t("yaml.syntax_other"))
