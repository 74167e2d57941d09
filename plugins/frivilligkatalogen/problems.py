"""Problems found in the data, and the two ways they are printed.

One line per problem, in the contract's form
``data/organizations/x.yaml:14:5: activities[0].schedule[0].start: message``;
on GitHub Actions also as a workflow annotation so it lands on the right line of
the pull request.
"""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{where} {self.field}: {self.message}" if self.field else f"{where} {self.message}"

    def github_annotation(self) -> str:
        """The ``::error`` workflow command GitHub turns into an annotation on the line."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.column}::{text}"


class DataError(Exception):
    """Raised by a build when the data has problems; carries all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
