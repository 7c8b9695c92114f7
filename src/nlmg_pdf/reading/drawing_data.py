"""The data the guide's drawings are made from: the novel's Parts, the timeline's events and
eras, and the relationship map's places and connections, each checked as it is read."""
from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import did_you_mean
from ..geometry import cross, inside
from .yamlfile import Record

if TYPE_CHECKING:
    from .catalog import Catalog

MOST_AGE = 120
MOST_EVENTS = 30  # a timeline's: more marks than its lines have room for
MOST_COLUMNS, MOST_ROWS = 6, 8  # a relationship map's grid: wider would not fit a page in large print
NODE_HALF = (0.36, 0.3)  # how much of its cell a character's box covers either side of the centre


def read_parts(record: Record, chapters: int, known: bool) -> tuple[m.NovelPart, ...]:
    """`parts` in the chapters file: each Part's name and last chapter, in order, the last
    Part ending at the novel's last chapter (when the manifest says how many there are)."""
    parts: list[m.NovelPart] = []
    for entry in record.records("parts", required=False):
        first = parts[-1].last + 1 if parts else 1
        name, last = entry.printed("name"), entry.integer("last", 1, chapters)
        if last is not None and last < first:
            entry.problems.add(entry.value_source("last"), f"Part '{name}' ends at chapter {last}; expected a "
                               f"chapter from {first} on, after the Part before it")
        elif name and last is not None:
            parts.append(m.NovelPart(name, first, last))
        entry.finish()
    if parts and known and parts[-1].last != chapters:
        record.problems.add(record.source("parts"), f"the last Part ends at chapter {parts[-1].last}; expected "
                            f"it to end at the novel's last chapter, {chapters}")
    return tuple(parts)


def read_timeline(record: Record, chapters: int, parts: tuple[m.NovelPart, ...]) -> m.Timeline:
    eras: list[m.Era] = []
    for entry in record.records("eras"):
        name, start, end = entry.printed("name"), entry.integer("from", 0, MOST_AGE), entry.integer("to", 0, MOST_AGE)
        if start is not None and end is not None and name:
            if end <= start:
                entry.problems.add(entry.value_source("to"), f"the era '{name}' ends at {end}; expected an age "
                                   f"after its start, {start}")
            elif eras and start < eras[-1].end:
                entry.problems.add(entry.value_source("from"), f"the era '{name}' starts at {start}, inside "
                                   f"'{eras[-1].name}'; expected eras in order, each from where the last ends")
            else:
                eras.append(m.Era(name, start, end))
        entry.finish()
    events = []
    for number, entry in enumerate(record.records("events"), start=1):
        text, age = entry.printed("event"), entry.integer("age", 0, MOST_AGE)
        about, when = entry.flag("about", required=False), entry.printed("when", required=False)
        chapter = entry.integer("chapter", 1, chapters)
        if eras and age is not None and not eras[0].start <= age <= eras[-1].end:
            entry.problems.add(entry.value_source("age"), f"age {age} is outside the eras, {eras[0].start} to "
                               f"{eras[-1].end}; expected an age on the story's line")
        elif text and age is not None and chapter is not None:
            events.append(m.Event(number, text, age, when or (f"about {age}" if about else str(age)), chapter))
        entry.finish()
    if not eras or not events:
        record.problems.add(record.source("eras" if not eras else "events"), "a timeline needs at least one era "
                            "and one event; expected entries under 'eras' and 'events'")
    elif len(events) > MOST_EVENTS:
        record.problems.add(record.source("events"), f"{len(events)} events; expected at most {MOST_EVENTS}, "
                            "which the timeline has room to mark")
    timeline = m.Timeline(tuple(events), tuple(eras), parts, chapters,
                          present=record.printed("present") or "", age_label=record.printed("age-label") or "",
                          source=record.source())
    if not parts:
        record.problems.add(record.source(), "a timeline needs the novel's Parts; expected 'parts:' in the "
                            "themes-by-chapter file, each with 'name' and 'last' (its last chapter)")
    record.finish()
    return timeline


def read_relationships(record: Record, catalog: Catalog) -> m.RelationshipMap:
    places: dict[str, m.MapPlace] = {}
    cells: dict[tuple[int, int], str] = {}
    named: set[str] = set()  # every id under 'places', placed or not (a mistake there is reported once)
    for entry in record.records("places"):
        ident = entry.text("character")
        named.add(ident or "")
        column, row = entry.integer("column", 1, MOST_COLUMNS), entry.integer("row", 1, MOST_ROWS)
        if ident is not None and ident not in catalog.characters:
            entry.problems.add(entry.value_source("character"),
                               catalog.unknown("character", ident, catalog.characters))
        elif ident in places:
            entry.problems.add(entry.value_source("character"), f"'{ident}' is placed twice; expected each "
                               "character once on the map")
        elif ident is not None and column is not None and row is not None:
            if (column, row) in cells:
                entry.problems.add(entry.source("column"), f"'{ident}' is in the cell of '{cells[column, row]}' "
                                   f"(column {column}, row {row}); expected each character in a cell of its own")
            else:
                cells[column, row] = ident
                places[ident] = m.MapPlace(catalog.characters[ident], column, row)
        entry.finish()
    links: list[tuple[m.Relationship, Record]] = []
    for entry in record.records("links"):
        link = _link(entry, places, named, [made for made, _ in links])
        if link is not None:
            links.append((link, entry))
        entry.finish()
    _check_paths(links, places)
    if len(places) < 2 or not links:
        record.problems.add(record.source("places" if len(places) < 2 else "links"), "a relationship map needs two "
                            "characters or more and a connection; expected entries under 'places' and 'links'")
    record.finish()
    return m.RelationshipMap(tuple(places.values()), tuple(link for link, _ in links), record.source())


def _link(entry: Record, places: dict[str, m.MapPlace], named: set[str],
          made: list[m.Relationship]) -> m.Relationship | None:
    pair, label = entry.texts("between"), entry.printed("label")
    if not pair or label is None:
        return None
    where = entry.value_source("between")
    if len(pair) != 2 or pair[0] == pair[1]:
        entry.problems.add(where, f"'between' names {', '.join(pair)}; expected two different characters")
        return None
    for ident in pair:
        if ident in named and ident not in places:
            return None  # (its place is wrong, and said so)
        if ident not in places:
            entry.problems.add(where, f"'{ident}' is not on the map; expected a character from 'places'"
                               + did_you_mean(ident, places))
            return None
    if any(set(pair) == set(link.between) for link in made):
        entry.problems.add(where, f"{pair[0]} and {pair[1]} are connected twice; expected one connection a pair "
                           "(say both in its label)")
        return None
    return m.Relationship((pair[0], pair[1]), label)


def _check_paths(links: list[tuple[m.Relationship, Record]], places: dict[str, m.MapPlace]) -> None:
    """No connection crosses another or runs through a third character's box: either would
    make the map ambiguous at any size, so it is a mistake in the data, not the drawing's."""
    def ends(link: m.Relationship) -> tuple[tuple[float, float], tuple[float, float]]:
        a, b = (places[ident] for ident in link.between)
        return (a.column, a.row), (b.column, b.row)

    through: set[tuple[str, str]] = set()  # (a line through a character is said once, not also as crossings)
    for link, entry in links:
        start, end = ends(link)
        for ident, place in places.items():
            box = (place.column - NODE_HALF[0], place.row - NODE_HALF[1], place.column + NODE_HALF[0],
                   place.row + NODE_HALF[1])
            if ident not in link.between and inside(start, end, box) is not None:
                through.add(link.between)
                entry.problems.add(entry.value_source("between"), f"the connection {' and '.join(link.between)} "
                                   f"runs through '{ident}'; expected a line that passes no other character "
                                   "(move one of them to another cell)")
    for (first, _), (second, entry) in combinations(links, 2):
        if set(first.between) & set(second.between) or {first.between, second.between} & through:
            continue  # (lines from one character meet only there)
        if cross(*ends(first), *ends(second)):
            entry.problems.add(entry.value_source("between"), f"the connection {' and '.join(second.between)} "
                               f"crosses {' and '.join(first.between)}; expected connections that do not cross "
                               "(move a character to another cell)")
