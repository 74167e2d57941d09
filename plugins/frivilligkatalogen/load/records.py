"""Reading a record of the contract from located YAML, field by field.

Each record of the model is a dataclass whose fields carry their rule in
``metadata`` (see :func:`spec`). :func:`parse_record` walks a mapping node
against those fields: it types every value by its kind, reports unknown keys,
missing required keys and every broken rule with its position, then runs the
record's own ``check`` for rules that span several fields. The JSON Schema of a
record is derived from the same fields by :func:`record_schema`.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass, field
from functools import cache

from frivilligkatalogen.base.errors import Problem
from frivilligkatalogen.base.i18n import t
from frivilligkatalogen.load.kinds import Invalid, Kind, ListOf, MapOf, RecordOf, shown
from frivilligkatalogen.load.yaml_source import Mapping, Node, Scalar, Sequence

_FAILED = object()


def spec(
    kind: Kind,
    *,
    required: bool = False,
    key: str | None = None,
    default=None,
    default_factory=None,
):
    """Declare a contract field: its kind, whether it is required, its YAML key."""
    metadata = {"kind": kind, "required": required, "key": key}
    if default_factory is not None:
        return field(default_factory=default_factory, metadata=metadata)
    return field(default=default, metadata=metadata)


@cache
def record_fields(cls: type) -> dict[str, dataclasses.Field]:
    """The contract fields of a record, by their YAML key."""
    return {
        f.metadata.get("key") or f.name: f for f in dataclasses.fields(cls) if "kind" in f.metadata
    }


@dataclass
class Reading:
    """The state of reading one file: where it is, what it found, where values stand."""

    path: str
    settings: object
    problems: list[Problem] = field(default_factory=list)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)

    def report(self, where: Node | tuple[int, int] | None, field_path: str, message: str) -> None:
        """Record a problem at a node, a (line, column), or the file's start."""
        if isinstance(where, tuple):
            line, column = where
        elif where is not None:
            line, column = where.line, where.column
        else:
            line, column = 1, 1
        self.problems.append(Problem(self.path, line, column, field_path, message))

    def position(self, field_path: str) -> tuple[int, int]:
        """Where the value of ``field_path`` stands (or its nearest parent)."""
        while field_path:
            if field_path in self.positions:
                return self.positions[field_path]
            field_path = _parent(field_path)
        return (1, 1)


@dataclass
class Checker:
    """Handed to a record's ``check``: reports a cross-field problem at a field."""

    reading: Reading
    path: str
    present: frozenset = frozenset()
    """The keys the editor wrote in this record, valid or not."""

    def given(self, key: str) -> bool:
        """True when the editor wrote ``key`` here (even if its value was rejected)."""
        return key in self.present

    def __call__(self, field_name: str, message: str) -> None:
        full = join(self.path, field_name) if field_name else self.path
        self.reading.report(self.reading.position(full), full, message)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int) or key.startswith("["):
        return f"{path}[{key}]" if isinstance(key, int) else path + key
    return f"{path}.{key}" if path else key


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rpartition(".")[0]


def parse_record(cls: type, node: Node, reading: Reading, path: str = ""):
    """Build a record from a mapping node, reporting every problem; None if not a mapping."""
    if not isinstance(node, Mapping):
        if isinstance(node, Scalar) and node.value is None and not path:
            reading.report(node, path, t("record.empty_file"))
        else:
            reading.report(node, path, _not_a_mapping(node))
        return None
    fields = record_fields(cls)
    values: dict = {}
    for key, value_node in node.values.items():
        field_path = join(path, key)
        found = fields.get(key)
        if found is None:
            close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
            if close:
                message = t("record.unknown_key_close", key=key, close=close[0])
            else:
                message = t("record.unknown_key", key=key, known=", ".join(fields))
            reading.report(node.keys[key], field_path, message)
            continue
        reading.positions[field_path] = (value_node.line, value_node.column)
        if isinstance(value_node, Scalar) and value_node.value is None:
            # An empty value is a mistake, not a way to leave a field out: say so.
            reading.report(
                value_node,
                field_path,
                t("record.required_empty") if found.metadata["required"] else t("field.empty"),
            )
            continue
        value = parse_value(found.metadata["kind"], value_node, reading, field_path)
        if value is not _FAILED:
            values[found.name] = value
    for key, found in fields.items():
        if found.metadata["required"] and key not in node.values:
            reading.report(node, join(path, key), t("record.missing", key=key))
    record = cls(**values)
    check = getattr(record, "check", None)
    if check is not None:
        written = frozenset(
            key
            for key, value in node.values.items()
            if not (isinstance(value, Scalar) and value.value is None)
        )
        check(Checker(reading, path, written))
    return record


def parse_value(kind: Kind, node: Node, reading: Reading, path: str):
    """Type one value by its kind; on a problem report it and return the failure marker."""
    reading.positions.setdefault(path, (node.line, node.column))
    if isinstance(kind, RecordOf):
        record = parse_record(kind.record, node, reading, path)
        return _FAILED if record is None else record
    if isinstance(kind, ListOf):
        return _parse_list(kind, node, reading, path)
    if isinstance(kind, MapOf):
        if not isinstance(node, Mapping):
            reading.report(node, path, _not_a_mapping(node))
            return _FAILED
        out = {}
        for key, value_node in node.values.items():
            value = parse_value(kind.value, value_node, reading, join(path, key))
            if value is not _FAILED:
                out[key] = value
        return out
    try:
        return kind.parse(node, reading)
    except Invalid as problem:
        reading.report(node, path, problem.message)
        return _FAILED


def _not_a_mapping(node: Node) -> str:
    if isinstance(node, Sequence):
        return t("record.expected_mapping_got_list")
    return t("record.expected_mapping", value=shown(node))


def _parse_list(kind: ListOf, node: Node, reading: Reading, path: str):
    if not isinstance(node, Sequence):
        message = (
            t("record.expected_list_got_mapping")
            if isinstance(node, Mapping)
            else t("record.expected_list", value=shown(node))
        )
        reading.report(node, path, message)
        return _FAILED
    out = []
    seen: dict = {}
    for index, item_node in enumerate(node.items):
        item_path = join(path, index)
        value = parse_value(kind.item, item_node, reading, item_path)
        if value is _FAILED:
            continue
        if kind.unique:
            if value in seen:
                reading.report(
                    item_node,
                    item_path,
                    t("record.repeated", value=shown(item_node), number=seen[value] + 1),
                )
                continue
            seen[value] = index
        out.append(value)
    count = len(node.items)
    if kind.min is not None and count < kind.min:
        reading.report(
            node,
            path,
            t("record.too_few", min=kind.min) if kind.min > 1 else t("record.list_empty"),
        )
    if kind.max is not None and count > kind.max:
        reading.report(node, path, t("record.too_many", max=kind.max, count=count))
    return out


def kind_schema(kind: Kind) -> dict:
    """The JSON Schema of any kind, nested records and lists of them included."""
    if isinstance(kind, RecordOf):
        return record_schema(kind.record)
    if isinstance(kind, ListOf):
        return kind.schema(item=kind_schema(kind.item))
    if isinstance(kind, MapOf):
        return kind.schema(value=kind_schema(kind.value))
    return kind.schema()


def record_schema(cls: type) -> dict:
    """The JSON Schema of a record, from the same field specs the validator reads."""
    properties = {}
    required = []
    for key, found in record_fields(cls).items():
        properties[key] = kind_schema(found.metadata["kind"])
        if found.metadata["required"]:
            required.append(key)
    out: dict = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    rules = getattr(cls, "json_schema_rules", None)
    if rules:
        out["allOf"] = list(rules)
    return out
