"""The guide's editions. Apart from the model, so the command line knows them without
loading the whole document model at start-up."""
from __future__ import annotations

from enum import StrEnum


class Edition(StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"

    @property
    def label(self) -> str:
        return f"{self.value.capitalize()} edition"


ALL_EDITIONS = frozenset(Edition)
