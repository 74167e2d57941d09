"""A submitted web form put into the data file it was made from.

Only what the person changed is written: a question whose answer is the text the form showed
leaves its line alone, so the file keeps its comments, order and quoting, and the change's diff
shows exactly what was changed. New text is written double-quoted (nothing typed can become YAML
structure or a tag); numbers and yes/no as themselves.
"""

from __future__ import annotations

from itertools import chain, count

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from frivilligkatalogen.load.kinds import ListOf, MapOf, RecordOf
from frivilligkatalogen.load.records import record_fields
from frivilligkatalogen.model.values import slugify
from frivilligkatalogen.registers.yaml_writer import quoted
from frivilligkatalogen.service.web_form import HIDDEN, REMOVE, choices, lines, typed, written

SHOWN_GROUPS = "_grupper"
"""A hidden answer naming each group of boxes the form showed (no box ticked sends nothing)."""


def put_answers(cls: type, document, answers, path: str = "") -> bool:
    """Write the answers (a multi-dict of the submitted form) into ``document`` (a round-trip
    mapping of a record of ``cls``); True when anything changed. A question the form did not
    send changes nothing."""
    changed = False
    for key, spec_field in record_fields(cls).items():
        if (cls.__name__, key) in HIDDEN:
            continue
        kind = spec_field.metadata["kind"]
        name = f"{path}.{key}" if path else key
        if isinstance(kind, RecordOf):
            changed |= _put_record(kind.record, document, key, answers, name)
        elif isinstance(kind, ListOf) and isinstance(kind.item, RecordOf):
            changed |= _put_items(kind.item.record, document, key, answers, name)
        else:
            new = _answer(kind, answers, name, document.get(key))
            if new is not _SAME:
                changed = True
                _store(document, key, new)
    return changed


_SAME = object()


def _answer(kind, answers, name: str, current):
    """The new value of one question, ``None`` to remove the field, or ``_SAME``."""
    if isinstance(kind, ListOf) and choices(kind):
        if name not in answers.getlist(SHOWN_GROUPS):
            return _SAME
        ticked = answers.getlist(name)
        before = [written(item) for item in current] if isinstance(current, list) else []
        if set(ticked) == set(before):
            return _SAME
        kept = [value for value in before if value in ticked]  # the order the file had
        ticked = kept + [value for value in ticked if value not in kept]
        return [typed(kind.item, value) for value in ticked] or None
    if name not in answers:
        return _SAME
    text = answers.get(name, "").replace("\r\n", "\n").strip()
    if isinstance(kind, ListOf | MapOf):
        if text == lines(current):
            return _SAME
        return _parse_lines(kind, text) or None
    if text == written(current):
        return _SAME
    return typed(kind, text) if text else None


def _parse_lines(kind, text: str):
    rows = [row.strip() for row in text.split("\n") if row.strip()]
    if isinstance(kind, MapOf):
        pairs = (row.partition(":") for row in rows)
        return {key.strip(): value.strip() for key, _, value in pairs}
    return [typed(kind.item, row) for row in rows]


def _put_record(record: type, document, key: str, answers, name: str) -> bool:
    current = document.get(key)
    inner = current if isinstance(current, dict) else CommentedMap()
    if not put_answers(record, inner, answers, name):
        return False
    _store(document, key, inner if inner else None)
    return True


def _put_items(record: type, document, key: str, answers, name: str) -> bool:
    current = document.get(key)
    items = current if isinstance(current, list) else CommentedSeq()
    removed = [i for i in range(len(items)) if answers.get(f"{name}.{i}.{REMOVE}")]
    changed = bool(removed)
    for index, item in enumerate(items):
        if index not in removed and isinstance(item, dict):
            changed |= put_answers(record, item, answers, f"{name}.{index}")
    added = CommentedMap()
    if put_answers(record, added, answers, f"{name}.{len(items)}") and added:
        if "id" in record_fields(record) and "id" not in added:
            added.insert(0, "id", _free_id(added, items))
        items.append(added)
        changed = True
    for index in reversed(removed):
        del items[index]
    if changed:
        _store(document, key, items if items else None)
    return changed


def _free_id(item, siblings) -> str:
    """An id for a new item, made from its title, that no sibling has."""
    taken = {str(other.get("id")) for other in siblings if isinstance(other, dict)}
    base = slugify(str(item.get("title") or ""), "aktivitet")
    return next(c for c in chain([base], (f"{base}-{n}" for n in count(2))) if c not in taken)


def _store(document, key: str, value) -> None:
    """Set or remove one field; new text double-quoted, numbers and yes/no as themselves."""
    if value is None:
        document.pop(key, None)
    elif isinstance(value, CommentedMap | CommentedSeq | bool | int):
        document[key] = value
    elif isinstance(value, list) and all(isinstance(item, bool | int) for item in value):
        flow = CommentedSeq(value)
        flow.fa.set_flow_style()
        document[key] = flow
    else:
        document[key] = quoted(value)
