"""The web form of a data file, derived from the contract's field specs.

Every question of the form service is a field of the model (:func:`~frivilligkatalogen.load.
records.spec`): its kind decides the control, the locale's ``contract.<Record>.<key>`` gives
its label and help, and the validator that reads the file checks the answer. A question's
name is the field's path in the file (``activities.0.schedule.0.start``), so an error the
validator reports at ``activities[0].schedule[0].start`` lands beside that question.

Records in a list are shown one group each, with a box to remove the group, and one empty
group to add another (an activity, a time, a volunteering task).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from frivilligkatalogen.base.i18n import t, table, word_list
from frivilligkatalogen.load.kinds import (
    Boolean,
    Choice,
    Integer,
    ListOf,
    MapOf,
    Number,
    RecordOf,
    Text,
)
from frivilligkatalogen.load.records import record_fields
from frivilligkatalogen.model.activity import WEEKDAYS
from frivilligkatalogen.model.categories import CATEGORY_CODES, category_name
from frivilligkatalogen.model.field_texts import field_text
from frivilligkatalogen.model.values import Email, Phone, PostalCode, Url
from frivilligkatalogen.model.vocabulary import Category

HIDDEN = {("Organization", "verified"), ("Venue", "verified"), ("Activity", "id")}
"""Fields the form never asks for: set on confirmation, or made from the title."""

REMOVE = "_fjern"
"""The last part of the name of a list item's "remove" box."""

_LABEL_TABLES = (
    "statuses",
    "volunteer_groups",
    "fee_periods",
    "audience_groups",
    "venue_types",
    "owner_kinds",
    "facilities",
    "accessibility",
    "suitable_for",
)
"""Locale tables whose keys are a choice's values, searched in this order for its labels."""

_INPUT_MODES = {Email: "email", Phone: "tel", Url: "url", Integer: "numeric", PostalCode: "numeric"}


@dataclass
class Question:
    """One control of the form, or a group of them (a record, or an item of a list)."""

    name: str
    control: str  # text, textarea, select, checkboxes, group, list
    label: str
    help: str = ""
    value: str | list[str] = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    required: bool = False
    input_mode: str = ""
    children: list[Question] = field(default_factory=list)
    removable: bool = False
    removed: bool = False
    """A list item the person has ticked for removal (shown again after a mistake)."""
    error: str = ""

    @property
    def id(self) -> str:
        return "felt-" + self.name.replace(".", "-")


def questions(cls: type, data: dict | None, path: str = "") -> list[Question]:
    """The questions for a record of ``cls``, filled in from ``data`` (a file as read)."""
    data = data if isinstance(data, dict) else {}
    out = []
    for key, spec_field in record_fields(cls).items():
        if (cls.__name__, key) in HIDDEN:
            continue
        kind = spec_field.metadata["kind"]
        name = f"{path}.{key}" if path else key
        text = field_text(cls, key, "label")
        help_text = field_text(cls, key, "help")
        out.append(
            _question(kind, name, text, help_text, data.get(key), spec_field.metadata["required"])
        )
    return out


def _question(kind, name: str, label: str, help_text: str, value, required: bool) -> Question:
    if isinstance(kind, RecordOf):
        return Question(
            name, "group", label, help_text, children=questions(kind.record, value, name)
        )
    if isinstance(kind, ListOf) and isinstance(kind.item, RecordOf):
        items = value if isinstance(value, list) else []
        record = kind.item.record
        children = [
            Question(
                f"{name}.{index}",
                "group",
                t("service.item", label=label, number=index + 1),
                children=questions(record, item, f"{name}.{index}"),
                removable=True,
            )
            for index, item in enumerate(items)
        ]
        children.append(
            Question(
                f"{name}.{len(items)}",
                "group",
                t("service.new_item", label=label),
                help=t("service.new_item_help"),
                children=questions(record, None, f"{name}.{len(items)}"),
            )
        )
        return Question(name, "list", label, help_text, children=children)
    options = choices(kind)
    if isinstance(kind, ListOf) and options:
        shown = [written(item) for item in value] if isinstance(value, list) else []
        return Question(name, "checkboxes", label, help_text, shown, options, required)
    if isinstance(kind, ListOf | MapOf):
        return Question(name, "textarea", label, help_text, lines(value), required=required)
    if options:
        return Question(name, "select", label, help_text, written(value), options, required)
    control = "textarea" if isinstance(kind, Text) and not kind.single_line else "text"
    mode = _INPUT_MODES.get(type(kind), "decimal" if isinstance(kind, Number) else "")
    return Question(
        name, control, label, help_text, written(value), required=required, input_mode=mode
    )


def choices(kind) -> list[tuple[str, str]]:
    """The (value, label) pairs a kind (or a list's items) is chosen from; [] for free text."""
    kind = kind.item if isinstance(kind, ListOf) else kind
    if isinstance(kind, Boolean):
        return [("true", t("service.yes")), ("false", t("service.no"))]
    if isinstance(kind, Category):
        return [(str(code), category_name(code)) for code in CATEGORY_CODES]
    if not isinstance(kind, Choice):
        return []
    if kind.values == WEEKDAYS:
        return list(zip(WEEKDAYS, word_list("time.weekdays")))
    for name in _LABEL_TABLES:
        labels = table(name)
        if all(value in labels for value in kind.values):
            return [(value, labels[value]) for value in kind.values]
    return [(value, t(f"service.choice.{value}")) for value in kind.values]


def written(value) -> str:
    """A value of a file as the form shows it: the text the file would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def lines(value) -> str:
    """A list of free values (one per line), or a mapping (``name: value`` per line)."""
    if isinstance(value, dict):
        return "\n".join(f"{key}: {written(item)}" for key, item in value.items())
    if isinstance(value, list):
        return "\n".join(written(item) for item in value)
    return ""


def typed(kind, text: str):
    """An answer as the file should hold it: numbers and yes/no as themselves, the rest as text
    (the validator reads both the same way, and says what is wrong with either)."""
    if isinstance(kind, Integer | Category) and re.fullmatch(r"[+-]?[0-9]{1,9}", text):
        return int(text)
    if isinstance(kind, Boolean) and text in ("true", "false"):
        return text == "true"
    return text
