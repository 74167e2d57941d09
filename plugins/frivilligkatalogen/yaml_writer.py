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
            lines.append(f"{pad}{key}: [" + ", ".join(quote(v) for v in value if v is not None) + "]")
        elif value is None:
            continue
        else:
            lines.append(f"{pad}{key}: {quote(value)}")
    return "\n".join(line for line in lines if line)


def quote(value) -> str:
    """A double-quoted scalar; characters YAML readers refuse raw (C1 controls, DEL) are escaped."""
    text = json.dumps(str(value), ensure_ascii=False)
    return "".join(f"\\u{ord(char):04x}" if 0x7F <= ord(char) <= 0x9F else char for char in text)
