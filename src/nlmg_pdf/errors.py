"""Mistakes in the user's input, reported as `path:line:column: message`, never as tracebacks."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from .model import Source


@dataclass(frozen=True)
class Problem:
    source: Source
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class UserError(Exception):
    """One or more problems in what the user gave us; the CLI prints them and exits 1."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))

    def __reduce__(self):
        # rebuilt from its problems, so it crosses from a worker process intact
        return (UserError, (self.problems,))

    @classmethod
    def one(cls, source: Source, message: str) -> UserError:
        return cls([Problem(source, message)])


class Problems:
    """Collects problems across a whole load so the editor sees all of them at once."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, source: Source, message: str) -> Problem:
        problem = Problem(source, message)
        self._items.append(problem)
        return problem

    def discard(self, problem: Problem) -> None:
        if problem in self._items:
            self._items.remove(problem)

    def extend(self, problems: list[Problem]) -> None:
        self._items.extend(problems)

    def raise_if_any(self) -> None:
        if self._items:
            raise UserError(list(self._items))


def closest(word: str, choices) -> str | None:
    """The choice `word` was most likely meant to be, if any is close."""
    close = difflib.get_close_matches(word, [str(c) for c in choices], n=1)
    return close[0] if close else None


def did_you_mean(word: str, choices) -> str:
    """A "; did you mean 'x'?" suffix for a near-miss, or nothing."""
    close = closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""
