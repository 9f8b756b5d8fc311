"""The tiny exception hierarchy. The CLI prints these without a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from karriere.base.messages import Message


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (or should look at, for a warning)."""

    path: str
    line: int
    message: str
    source_line: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def row(self) -> list:
        """A plain form that keeps the message translatable (the no-op build's record)."""
        parts = self.message.parts() if isinstance(self.message, Message) else self.message
        return [self.path, self.line, parts]

    @classmethod
    def from_row(cls, row: list) -> Problem:
        return cls(row[0], row[1], Message.from_parts(row[2]))


class KarriereError(Exception):
    """Base class of every error a user can cause."""


class UsageError(KarriereError):
    """Wrong use of the command line (exit status 2)."""


class BuildError(KarriereError):
    """Content, config or template errors (exit status 1). Carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def relpath(path: Path, root: Path) -> str:
    """A path as the editor knows it: relative to the site folder when possible."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
