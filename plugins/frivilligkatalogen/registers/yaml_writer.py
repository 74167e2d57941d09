"""Writing data files that can only mean what was written.

Every scalar is double-quoted (JSON's string syntax, which YAML reads the same
way), so typed text never becomes structure, a tag or a number. Used for files
made from outside input: issue forms and register imports.
"""

from __future__ import annotations

import json


def dump(tree, indent: int = 0) -> str:
    """YAML with every scalar double-quoted: typed text can never become structure or a tag."""
    pad = "  " * indent
    lines = []
    for key, value in tree.items():
        if value == {} or value == []:
            lines.append(f"{pad}{key}: {'{}' if value == {} else '[]'}")
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.append(dump(value, indent + 1))
        elif isinstance(value, list) and isinstance(value[0], dict):
            lines.append(f"{pad}{key}:")
            for item in value:
                if not item:
                    lines.append(f"{pad}  - {{}}")
                    continue
                inner = dump(item, indent + 2).splitlines()
                lines.append(f"{pad}  - " + inner[0].lstrip())
                lines.extend(inner[1:])
        elif isinstance(value, list):
            lines.append(
                f"{pad}{key}: [" + ", ".join(quote(v) for v in value if v is not None) + "]"
            )
        elif value is None:
            continue
        else:
            lines.append(f"{pad}{key}: {quote(value)}")
    return "\n".join(line for line in lines if line)


def quote(value) -> str:
    """A double-quoted scalar; characters YAML readers refuse raw (C1 controls, DEL) are escaped."""
    text = json.dumps(str(value), ensure_ascii=False)
    return "".join(f"\\u{ord(char):04x}" if 0x7F <= ord(char) <= 0x9F else char for char in text)


# Changing a file a person wrote --------------------------------------------------


def _round_trip():
    """ruamel.yaml's round-trip mode, set to the layout of the bundled data files: comments,
    key order, quoting, flow and block styles of untouched values stay as they were."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # long lines stay long: no folding of a description a person wrote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load_for_change(text: str):
    """A data file as a document to change in place (a mapping that remembers its comments)."""
    return _round_trip().load(text)


def dump_changed(document) -> str:
    """The changed document as YAML text: untouched lines as they were written."""
    import io

    out = io.StringIO()
    _round_trip().dump(document, out)
    return out.getvalue()


def merge_into(document, changes: dict) -> None:
    """Put ``changes`` (an outsider's answers) into ``document``: mappings merged key by key,
    lists of mappings item by item, other values replaced. Every new scalar is double-quoted,
    as in :func:`dump`, so typed text can never become structure or a tag."""
    for key, value in changes.items():
        current = document.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merge_into(current, value)
        elif (
            isinstance(value, list)
            and value
            and isinstance(value[0], dict)
            and isinstance(current, list)
        ):
            for index, item in enumerate(value):
                if index < len(current) and isinstance(current[index], dict):
                    merge_into(current[index], item)
                else:
                    current.append(quoted(item))
        elif value is not None:
            document[key] = quoted(value)


def quoted(value):
    """A value for a round-trip document with every scalar double-quoted (C1 controls escaped)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            if item is not None:
                mapping[key] = quoted(item)
        return mapping
    if isinstance(value, list):
        items = CommentedSeq(quoted(item) for item in value if item is not None)
        if not any(isinstance(item, dict) for item in value):
            items.fa.set_flow_style()  # short lists of words on one line, as in the bundled files
        return items
    return DoubleQuotedScalarString(str(value))
