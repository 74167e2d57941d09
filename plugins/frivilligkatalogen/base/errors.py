"""Problems found in the data and the two ways they are printed, and the catalogue's errors.

One line per problem, in the contract's form
``data/organizations/x.yaml:14:5: activities[0].schedule[0].start: message``;
on GitHub Actions also as a workflow annotation so it lands on the right line of
the pull request.
"""

from __future__ import annotations

from dataclasses import dataclass

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff"
)
"""Invisible characters that change the direction or the look of the text around them."""


def visible(char: str) -> str:
    """A character as it is safe to print: control and direction characters as ``\\uXXXX``."""
    return char if char.isprintable() and char not in BIDI_CONTROLS else "\\u%04x" % ord(char)


def printable(text: str) -> str:
    """Text on one line with nothing hidden in it: a file name with a newline or an escape
    sequence can then never start a line of its own (a GitHub workflow command) or move the
    cursor."""
    return (
        text
        if text.isprintable() and BIDI_CONTROLS.isdisjoint(text)
        else "".join(map(visible, text))
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule: where (file, line, column, field path) and what, in Norwegian."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}:"
        return printable(
            f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"
        )

    def github_annotation(self) -> str:
        """The ``::error`` workflow command GitHub turns into an annotation on the line."""
        text = printable(f"{self.field}: {self.message}" if self.field else self.message)
        text = text.replace("%", "%25")
        path = printable(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.column}::{text}"


class KatalogError(Exception):
    """The root of every error the catalogue raises on purpose. Its message is Norwegian and meant
    for a person: an adapter prints it as it is, on one line, and never a traceback."""


class BuildFailed(KatalogError):
    """A build that cannot go on (a worker or Pagefind failed); the message says why."""
