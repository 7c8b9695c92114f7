"""What a drawing says in words, for every writer: a description (a Figure's alternative
text, read in place of the picture) and the same facts as a table or a list printed beside
it, which a screen reader can move through, so that nothing is only in the picture."""
from __future__ import annotations

from collections import Counter

from . import model as m

DASH = "\u2013"


def description(block: m.Drawing) -> str:
    if isinstance(block, m.ThemeTracker):
        return _tracker_description(block)
    if isinstance(block, m.Timeline):
        return _timeline_description(block)
    return _map_description(block)


def alternative(block: m.Drawing) -> tuple[m.Block, ...]:
    """The drawing's facts as blocks: the tracker a table, the timeline and the map lists."""
    if isinstance(block, m.ThemeTracker):
        return (_tracker_table(block),)
    if isinstance(block, m.Timeline):
        return (_timeline_list(block),)
    return (_map_list(block),)


def part_of(parts: tuple[m.NovelPart, ...], chapter: int) -> str:
    return next((part.name for part in parts if part.first <= chapter <= part.last), "")


def _chapters_of(block: m.ThemeTracker) -> dict[str, list[int]]:
    """Each theme's chapters, in order."""
    found: dict[str, list[int]] = {theme.id: [] for theme in block.themes}
    for entry in block.chapters:
        for chosen in entry.themes:
            found[chosen.theme.id].append(entry.chapter)
    return found


def _tracker_description(block: m.ThemeTracker) -> str:
    chapters = _chapters_of(block)
    most = max(block.themes, key=lambda theme: len(chapters[theme.id]))
    return (f"Theme tracker: a grid of the novel's {len(block.chapters)} chapters, grouped by Part, against its "
            f"{len(block.themes)} themes, with a theme's icon wherever a chapter develops it. {most.label} runs "
            f"through the most chapters, {len(chapters[most.id])}. The table after the grid lists each theme's "
            "chapters.")


def _tracker_table(block: m.ThemeTracker) -> m.Table:
    """A row for each theme: its name, the chapters that develop it, and how many."""
    chapters = _chapters_of(block)
    rows = tuple(((m.Text(theme.name),), (m.Text(", ".join(map(str, chapters[theme.id])) or DASH),),
                  (m.Text(str(len(chapters[theme.id]))),))
                 for theme in block.themes)
    header = ((m.Text("Theme"),), (m.Text("Chapters that develop it"),), (m.Text("In all"),))
    return m.Table(header, rows, (m.Align.LEFT, m.Align.LEFT, m.Align.RIGHT), block.source)


def _timeline_description(block: m.Timeline) -> str:
    first, last = block.eras[0].start, block.eras[-1].end
    back = sum(1 for before, after in zip(block.events, block.events[1:], strict=False) if after.age < before.age)
    return (f"Timeline: two lines side by side, {block.age_label} from {first} to {last} (when things happen) "
            f"and the {block.chapters} chapters (when they are told), with {len(block.events)} numbered events "
            f"joined across. Going through the chapters, the telling moves back in time {back} times. "
            "The numbered list after it gives each event.")


def _timeline_list(block: m.Timeline) -> m.ListBlock:
    items = tuple((m.Paragraph((m.Text(f"{event.text}: age {event.when}; told in chapter {event.chapter}"
                                       f" ({part_of(block.parts, event.chapter)})."),)),)
                  for event in block.events)
    return m.ListBlock(items, ordered=True, start=1, source=block.source)


def _map_description(block: m.RelationshipMap) -> str:
    degree = Counter(ident for link in block.links for ident in link.between)
    most = max(block.places, key=lambda place: degree[place.character.id])
    return (f"Relationship map: {len(block.places)} characters, each in a box, joined by {len(block.links)} "
            f"labelled lines; {most.character.name} has the most connections, {degree[most.character.id]}. "
            "The list after it gives each connection.")


def _map_list(block: m.RelationshipMap) -> m.ListBlock:
    names = {place.character.id: place.character.name for place in block.places}
    items = tuple((m.Paragraph((m.Strong((m.Text(f"{names[a]} and {names[b]}:"),)), m.Text(f" {link.label}."))),)
                  for link in block.links for a, b in (link.between,))
    return m.ListBlock(items, source=block.source)
