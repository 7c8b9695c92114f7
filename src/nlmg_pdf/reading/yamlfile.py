"""Safe YAML loading that remembers the line of every mapping key, for error messages."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem, Problems, UserError, closest, did_you_mean
from ..model import Source
from .files import read_bytes
from .typography import typeset

COLOUR = re.compile(r"#[0-9a-fA-F]{6}$")
MAX_FIELD = 20_000  # characters in one field: a paragraph's worth, as in Markdown
Position = tuple[int, int]  # line and column, both counted from 1


class Mapping(dict):
    """A YAML mapping that knows where it, each of its keys and each of their values begin."""

    position: Position = (0, 0)
    key_positions: dict[str, Position] = {}
    value_positions: dict[str, Position] = {}

    @property
    def line(self) -> int:
        return self.position[0]


class Sequence(list):
    position: Position = (0, 0)
    item_positions: list[Position] = []  # where each item begins

    @property
    def line(self) -> int:
        return self.position[0]


def _at(mark) -> Position:
    return mark.line + 1, mark.column + 1


class _Lines(yaml.constructor.SafeConstructor):
    """The constructors that remember where each mapping, key, value and item begins."""

    def construct_mapping(self, node, deep=False):
        seen: set[str] = set()
        for key, _ in node.value:  # PyYAML keeps the last of two equal keys; an editor means one
            if str(key.value) in seen:
                raise yaml.constructor.ConstructorError(None, None, f"the field '{key.value}' appears twice",
                                                        key.start_mark)
            seen.add(str(key.value))
        mapping = Mapping(super().construct_mapping(node, deep=True))
        mapping.position = _at(node.start_mark)
        mapping.key_positions = {str(key.value): _at(key.start_mark) for key, _ in node.value}
        mapping.value_positions = {str(key.value): _at(value.start_mark) for key, value in node.value}
        return mapping

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise yaml.constructor.ConstructorError(None, None, f"'{node.value}' is not a real date",
                                                    node.start_mark) from None

    def construct_sequence(self, node, deep=False):
        sequence = Sequence(super().construct_sequence(node, deep=True))
        sequence.position = _at(node.start_mark)
        sequence.item_positions = [_at(item.start_mark) for item in node.value]
        return sequence


class _LineLoader(_Lines, yaml.SafeLoader):
    pass


# libyaml's parser (PyYAML's wheels carry it) under the same constructors: it keeps every line and
# column, and parses twice as fast; its messages are worded its own way, so a file it refuses is
# parsed again by the pure-Python parser, whose messages the tool's are made from
class _FastLoader(_Lines, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


_loader: Any
for _loader in (_LineLoader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _loader.construct_mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _loader.construct_sequence)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _loader.construct_yaml_timestamp)


def read_text(path: Path, shown: str, where: Source | None = None) -> str:
    """A file's UTF-8 text. A problem opening it is placed at `where`, the place that names the
    file, if given, else at the file `shown`; a problem in its text, in the file."""
    data = read_bytes(path, where, subject=f"'{shown}'") if where else read_bytes(path, Source(shown))
    try:
        return data.decode("utf-8").removeprefix("\ufeff")  # (a byte-order mark some editors write)
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line, column = before.count(b"\n") + 1, len(before) - before.rfind(b"\n")
        raise UserError.one(Source(shown, line, column), "the file is not UTF-8 text; save it as UTF-8") from None


def parse_yaml(text: str, shown: str, first_line: int = 1) -> Any:
    """Parse YAML text, reporting syntax errors at `shown:line`."""
    try:
        return _shifted(yaml.load(text, Loader=_FastLoader), first_line - 1)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, RecursionError):
        pass  # (said again below, in the words of the pure-Python parser)
    try:
        return _shifted(yaml.load(text, Loader=_LineLoader), first_line - 1)  # noqa: S506 - a SafeLoader subclass
    except yaml.reader.ReaderError as err:  # a control character, such as a NUL byte
        before = text[: err.position]
        line, column = first_line + before.count("\n"), len(before) - before.rfind("\n")
        character = f"U+{err.character:04X}" if isinstance(err.character, int) else repr(err.character)
        raise UserError.one(Source(shown, line, column), f"invalid YAML: the control character {character}; "
                            "expected printable text") from None
    except RecursionError:
        raise UserError.one(Source(shown, first_line), "invalid YAML: lists or mappings nested too deeply; "
                            "expected at most a few levels") from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (first_line + mark.line, mark.column + 1) if mark else (first_line, 0)
        what = err.problem or "it is not valid YAML"
        if "\t" in text and "'\\t'" in what:
            what = "a tab character; YAML indents with spaces only"
        raise UserError.one(Source(shown, line, column), f"invalid YAML: {what}") from None


def _shifted(data: Any, lines: int, seen: set[int] | None = None) -> Any:
    """Move every remembered position down by `lines`, for YAML that starts inside a file.
    Each node is moved once, however many aliases repeat it (a 'billion laughs' front matter
    would otherwise be walked in all its expansions)."""
    seen = set() if seen is None else seen
    if not lines or id(data) in seen or not isinstance(data, Mapping | Sequence):
        return data
    seen.add(id(data))
    data.position = (data.position[0] + lines, data.position[1])
    if isinstance(data, Mapping):
        move = lambda positions: {key: (line + lines, column) for key, (line, column) in positions.items()}  # noqa: E731
        data.key_positions, data.value_positions = move(data.key_positions), move(data.value_positions)
        children: Any = data.values()
    else:
        data.item_positions = [(line + lines, column) for line, column in data.item_positions]
        children = data
    for value in children:
        _shifted(value, lines, seen)
    return data


def load_mapping(path: Path, shown: str, where: Source | None = None) -> Mapping:
    data = parse_yaml(read_text(path, shown, where), shown)
    if data is None:
        raise UserError.one(Source(shown, 1), "the file is empty; expected a YAML mapping")
    if not isinstance(data, Mapping):
        line, column = getattr(data, "position", (1, 1))
        raise UserError.one(Source(shown, line, column), f"expected a mapping of fields, got {kind(data)}")
    return data


def _control(text: str) -> str | None:
    """The first control character in `text` (other than a line break or a tab), as U+XXXX."""
    found = next((char for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t\r"), None)
    return f"U+{ord(found):04X}" if found else None


def _not_text(item: Any) -> str | None:
    """What a list item is instead of printable text, or None if it is text."""
    if isinstance(item, str) and item.strip():
        control = _control(item)
        return f"the control character {control}" if control else None
    if isinstance(item, bool) or item is None:
        return f"{kind(item)} (YAML reads yes, no, on, off and null so: put words in quotes)"
    return kind(item)


def kind(value: Any) -> str:
    """How a YAML value looks to the person who wrote it."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, str):
        return f"the text {value!r}" if len(value) < 30 else "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "nothing" if value is None else type(value).__name__


class Record:
    """Typed access to one YAML mapping, collecting every problem instead of stopping."""

    def __init__(self, data: Mapping, path: str, problems: Problems):
        self.data, self.path, self.problems = data, path, problems
        self._seen: set[str] = set()
        self._missing: dict[str, Problem] = {}

    def source(self, key: str | None = None) -> Source:
        return Source(self.path, *(self.data.key_positions.get(key, self.data.position) if key else self.data.position))

    def value_source(self, key: str) -> Source:
        """Where the value of `key` begins, for a complaint about the value itself."""
        return Source(self.path, *self.data.value_positions.get(key, self.data.position))

    def value(self, key: str, expected: str, ok, required: bool = True):
        """The value under `key` if `ok(value)`; otherwise report what was expected."""
        self._seen.add(key)
        if key not in self.data or self.data[key] is None:
            if required:
                self._missing[key] = self.problems.add(self.source(), f"missing field '{key}'; expected {expected}")
            return None
        value = self.data[key]
        if not ok(value):
            self.problems.add(self.value_source(key), f"field '{key}': expected {expected}, got {kind(value)}")
            return None
        return value

    def flag(self, key: str, required: bool = True) -> bool | None:
        """`true` or `false` under `key`."""
        return self.value(key, "true or false", lambda v: isinstance(v, bool), required)

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.value(key, "text", lambda v: isinstance(v, str) and v.strip(), required)
        if value and len(value) > MAX_FIELD:
            self.problems.add(self.value_source(key), f"field '{key}' has {len(value):,} characters; expected at "
                              f"most {MAX_FIELD:,}")
            return None
        if value and (control := _control(value)):  # a "\a" or "\x1b" escape: no page can show it
            self.problems.add(self.value_source(key), f"field '{key}' holds the control character {control}; "
                              "expected printable text")
            return None
        return value.strip() if value else None

    def printed(self, key: str, required: bool = True) -> str | None:
        """Text printed just as it is written (a name, a role, a title), with the curly quotes,
        apostrophes and dashes Markdown text gets. Never an id, a path or Markdown itself."""
        value = self.text(key, required)
        return typeset(value) if value else None

    def printed_texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        """A list of texts printed as written (a character's traits), each as `printed` sets it."""
        return tuple(typeset(item) for item in self.texts(key, required))

    def integer(self, key: str, low: int, high: int, required: bool = True) -> int | None:
        expected = f"a whole number from {low} to {high}"
        ok = lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high  # noqa: E731
        return self.value(key, expected, ok, required)

    def day(self, key: str, required: bool = True) -> date | None:
        return self.value(key, "a date written YYYY-MM-DD", lambda v: isinstance(v, date), required)

    def placed_texts(self, key: str, required: bool = True) -> list[tuple[str, Source]]:
        """A list of texts, each with the place it is written (for a file name in a list)."""
        texts = self.texts(key, required)
        value = self.data.get(key)
        positions = getattr(value, "item_positions", [])
        return [(text, Source(self.path, *positions[number]) if number < len(positions) else self.value_source(key))
                for number, text in enumerate(texts)]

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        value = self.value(key, "a list of texts", lambda v: isinstance(v, list), required)
        if not value:
            return ()
        positions = getattr(value, "item_positions", [])
        for number, item in enumerate(value):
            if (found := _not_text(item)) is not None:
                where = Source(self.path, *positions[number]) if number < len(positions) else self.value_source(key)
                self.problems.add(where, f"in '{key}', item {number + 1}: expected text, got {found}")
                return ()
        return tuple(item.strip() for item in value)

    def choice(self, key: str, choices: list[str], required: bool = True) -> str | None:
        value = self.value(key, f"one of: {', '.join(choices)}", lambda v: isinstance(v, str), required)
        if value is not None and value not in choices:
            self.problems.add(self.value_source(key), f"field '{key}' is '{value}'; expected one of: "
                              f"{', '.join(choices)}" + did_you_mean(value, choices))
            return None
        return value

    def colour(self, key: str, required: bool = True) -> str | None:
        value = self.value(key, 'a colour written "#rrggbb"', lambda v: isinstance(v, str) and COLOUR.match(v),
                           required)
        return value.lower() if value else None

    def mapping(self, key: str, required: bool = True) -> Mapping | None:
        return self.value(key, "a mapping of fields", lambda v: isinstance(v, Mapping), required)

    def sub(self, key: str) -> Record:
        """The mapping under `key`; when it is missing (already reported) an empty one."""
        value = self.mapping(key)
        if value is None:
            return Record(Mapping(), self.path, Problems())
        return Record(value, self.path, self.problems)

    def records(self, key: str, required: bool = True) -> list[Record]:
        value = self.value(key, "a list of mappings", lambda v: isinstance(v, list), required)
        out = []
        for item in value or ():
            if isinstance(item, Mapping):
                out.append(Record(item, self.path, self.problems))
            else:
                position = getattr(item, "position", value.position)
                self.problems.add(Source(self.path, *position),
                                  f"in '{key}': expected a mapping of fields, got {kind(item)}")
        return out

    def finish(self) -> None:
        """Report keys nobody asked for: a typo must not be silently ignored. A typo of a
        required field is one mistake, so its 'missing field' report is withdrawn."""
        for key in self.data:
            if key not in self._seen:
                close = closest(str(key), self._seen)
                if close in self._missing:
                    self.problems.discard(self._missing.pop(close))
                maybe = f"; did you mean '{close}'?" if close else f"; expected one of: {', '.join(sorted(self._seen))}"
                self.problems.add(self.source(str(key)), f"unknown field '{key}'{maybe}")
