"""The guide's YAML data (quotations, characters, questions) -> model objects, by id."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import model as m
from ..errors import Problems, UserError, did_you_mean
from .inline import InlineReader
from .yamlfile import Record, load_mapping

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*$")
CHAPTERS = 23
WHAT = {"quotations": "quotation", "characters": "character", "questions": "question set"}


@dataclass
class Catalog:
    quotations: dict[str, m.Quotation] = field(default_factory=dict)
    characters: dict[str, m.Character] = field(default_factory=dict)
    question_sets: dict[str, tuple[m.Question, ...]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # kind of data -> file shown to users
    links: list[tuple[str, m.Source]] = field(default_factory=list)

    def origin(self, what: str) -> str:
        return self.files.get(what, "the data files")


class CatalogReader:
    def __init__(self, root: Path, problems: Problems):
        self.root, self.problems = root, problems
        self.catalog = Catalog()

    def read(self, files: dict[str, str]) -> Catalog:
        """`files` maps 'quotations', 'characters', 'questions' to paths inside the content."""
        readers = {"quotations": self._quotations, "characters": self._characters,
                   "questions": self._questions}
        for kind, reader in readers.items():  # quotations first: characters refer to them
            if kind in files:
                shown = files[kind]
                self.catalog.files[WHAT[kind]] = shown
                try:
                    data = load_mapping(self.root / shown, shown)
                except UserError as error:  # unreadable; report it and check the rest
                    self.problems.extend(error.problems)
                    continue
                reader(Record(data, shown, self.problems))
        return self.catalog

    def _entries(self, record: Record, key: str, table: dict) -> list[tuple[str, Record]]:
        """The list under `key`, each entry with a valid id not used before."""
        out = []
        for entry in record.records(key):
            ident = entry.text("id")
            if ident is None:
                continue
            if not ID.match(ident):
                self.problems.add(entry.source("id"), f"id '{ident}': expected lowercase letters, "
                                  "digits and single hyphens, like 'miss-lucy'")
            elif ident in table:
                self.problems.add(entry.source("id"), f"duplicate id '{ident}'; ids must be unique")
            else:
                out.append((ident, entry))
        record.finish()
        return out

    def _inline(self, record: Record, key: str, required: bool = True) -> tuple[m.Inline, ...] | None:
        text = record.text(key, required)
        if text is None:
            return None
        reader = InlineReader(record.path, self.problems)
        inlines = reader.parse(text, record.source(key).line)
        self.catalog.links.extend(reader.links)
        return inlines

    def _quotations(self, record: Record) -> None:
        table = self.catalog.quotations
        for ident, entry in self._entries(record, "quotations", table):
            quotation = m.Quotation(
                id=ident, text=m.plain_text(self._inline(entry, "text") or ()), speaker=entry.text("speaker") or "",
                chapter=entry.integer("chapter", 1, CHAPTERS) or 0,
                themes=entry.texts("themes", required=False),
                comment=self._inline(entry, "comment", required=False) or (),
                source=entry.source())
            entry.finish()
            table[ident] = quotation

    def _characters(self, record: Record) -> None:
        table = self.catalog.characters
        for ident, entry in self._entries(record, "characters", table):
            character = m.Character(
                id=ident, name=entry.text("name") or "", role=entry.text("role") or "",
                profile=self._inline(entry, "profile") or (), traits=entry.texts("traits", required=False),
                quotation=self._quotation_ref(entry), source=entry.source())
            entry.finish()
            table[ident] = character

    def _quotation_ref(self, entry: Record) -> m.Quotation | None:
        ident = entry.text("quotation", required=False)
        if ident is None:
            return None
        if ident not in self.catalog.quotations:
            self.problems.add(entry.source("quotation"), f"unknown quotation '{ident}'"
                              + (did_you_mean(ident, self.catalog.quotations)
                                 or f"; expected an id from {self.catalog.origin('quotation')}"))
        return self.catalog.quotations.get(ident)

    def _questions(self, record: Record) -> None:
        table = self.catalog.question_sets
        for ident, entry in self._entries(record, "sets", table):
            questions = []
            for item in entry.records("questions"):
                questions.append(m.Question(
                    text=self._inline(item, "text") or (), answer=self._inline(item, "answer", required=False),
                    source=item.source()))
                item.finish()
            entry.finish()
            table[ident] = tuple(questions)
