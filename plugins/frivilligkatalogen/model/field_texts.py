"""The label and help text of every field of the contract, from the locale's
``contract.<Record>.<key>`` (``label``, ``help``); a group of fields is named by the label of
the field that holds it. The web form, the issue forms and their error messages all name a
field by these words."""

from __future__ import annotations

from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.kinds import ListOf, RecordOf
from frivilligkatalogen.load.records import record_fields


def field_text(record: type, key: str, part: str) -> str:
    """``label`` or ``help`` of the field ``key`` of ``record``."""
    return t(f"contract.{record.__name__}.{key}.{part}")


def path_text(record: type, path: str, part: str) -> str:
    """``label`` or ``help`` of the field at ``path`` (``contact.person.name``; list indexes are
    passed over). A label inside a group says the group first: "Kontaktperson: Navn"."""
    owner, groups, key = record, [], ""
    for step in (step for step in path.split(".") if not step.isdigit()):
        if key:
            groups.append(field_text(owner, key, "label"))
            owner = _inner(record_fields(owner)[key].metadata["kind"])
        key = step
    text = field_text(owner, key, part)
    return ": ".join([*groups[-1:], text]) if part == "label" else text


def _inner(kind) -> type:
    kind = kind.item if isinstance(kind, ListOf) else kind
    assert isinstance(kind, RecordOf), kind
    return kind.record
