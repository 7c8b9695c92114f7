"""Model blocks -> flowables, dispatched on node type (an unknown type is a bug, not skipped)."""
from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from functools import partial
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, ListItem, PageBreak, Spacer, TableStyle

from .. import model as m
from ..outline import LABELS, block_name, names_rows
from ..stylesheet import Style
from . import exercises, features, pictures
from .flowables import BulletedList, Gap, Grid, Heading, Kept, NotesAfter, RightHandPage, Rule, TaggedParagraph, framed
from .layout import COLUMN_HEADER, ROW_HEADER, TABLE_PADDING, column_widths, narrowest, table_summary
from .markup import NO_BREAK, escaped, icon, markup, named_icons
from .paragraph_styles import ParagraphStyles
from .session import Origin
from .tagging import Node

LEAST_LINES = 2  # lines of a box or a paragraph a page may end or begin with, as widows and orphans
LEAST_LIST_LINES = 2  # lines of a list a page may end with: more than its first line
ALIGN = {m.Align.LEFT: "LEFT", m.Align.CENTER: "CENTER", m.Align.RIGHT: "RIGHT"}


class BlockRenderer:
    """Makes each block's flowables, and its structure elements under `parent`, in reading order."""

    def __init__(self, style: Style, paras: ParagraphStyles, parent: Node | None = None,
                 in_contents: frozenset[str] = frozenset(), origins: MutableMapping[Any, Origin] | None = None,
                 fillable: bool = False, duplex: bool = False):
        self.style, self.paras, self.fillable, self.duplex = style, paras, fillable, duplex
        self.frame_width = style.frame_width
        self.parent = parent or Node("Document")
        self.in_contents = in_contents  # anchors of the headings the contents lists
        self.origins = WeakKeyDictionary() if origins is None else origins  # flowable -> the block it shows
        self.origin: Origin | None = None  # the block being rendered
        self.depth = 1  # the level of the last heading (H1 = 1), so a box's heading goes one below
        self._bookmarks: set[str] = set()
        self._parts: int | None = None  # `##` parts met so far in a section whose parts each open a page
        self._handlers: dict[type, Callable[[Any], list[Flowable]]] = {
            m.Heading: self.heading, m.Paragraph: self.paragraph, m.ListBlock: self.bullet_list,
            m.BlockQuote: self.block_quote, m.Rule: self.rule, m.Table: self.table,
            m.Callout: self.callout, m.NoteList: self.notes,
            **{kind: partial(draw, self) for kind, draw in (*features.HANDLERS.items(), *exercises.HANDLERS.items(),
                                                              *pictures.HANDLERS.items())},
        }

    def render(self, blocks, top: bool = False) -> list[Flowable]:
        """The blocks' flowables; at a section's `top` level (never inside a box or a list,
        where reportlab cannot keep a group together), a list does not leave one line behind."""
        out: list[Flowable] = []
        previous: m.Block | None = None
        for block in blocks:
            handler = self._handlers.get(type(block))
            if handler is None:  # e.g. an Only block the edition filter should have removed
                raise TypeError(f"the renderer has no rule for {type(block).__name__}")
            outer = self.origin
            origin = Origin(block.source, block_name(block)) if block.source != m.NOWHERE or outer is None else outer
            self.origin = origin
            try:
                made = handler(block)
            finally:
                self.origin = outer
            if top:
                made = self._kept_at_top(block, made, out, previous)
            for flowable in made:  # where it came from, should it prove impossible to lay out
                self.origins[flowable] = origin
            out.extend(made)
            previous = block
        return _headings_kept_with_boxes(out)

    def _kept_at_top(self, block: m.Block, made: list[Flowable], out: list[Flowable],
                     previous: m.Block | None) -> list[Flowable]:
        """At a section's top level: a list keeps a few lines together; notes go with the block
        citing them; and a paragraph that leads into what follows (it ends in a colon, or it
        introduces a set of questions after their heading) keeps with the first of it."""
        if isinstance(block, m.NoteList) and _notes_follow(out):
            made = _notes_after(out, made, self.least, tuple(note.anchor for note in block.notes))
        least = self.style.body_leading * LEAST_LIST_LINES
        made = [Kept([flowable], least=least) if isinstance(flowable, BulletedList) else flowable for flowable in made]
        if (isinstance(previous, m.Paragraph) and out and made and isinstance(made[0], Kept)
                and isinstance(out[-1], TaggedParagraph) and _leads_into(previous, block, out)):
            made[0] = Kept([out.pop(), *made[0].parts], least=made[0].least, lead=made[0].lead)
        return made

    @property
    def least(self) -> float:
        """How much of a box or a paragraph a page may end or begin with, at the least."""
        return self.style.body_leading * LEAST_LINES

    def markup(self, inlines) -> str:
        return markup(inlines, self.style.link_colour)

    # --- structure elements ---------------------------------------------------------------

    @contextmanager
    def inside(self, role: str, **options) -> Iterator[Node]:
        """Make the elements of the blocks rendered meanwhile children of a new `role` element."""
        node, outer = self.parent.add(role, **options), self.parent
        self.parent = node
        try:
            yield node
        finally:
            self.parent = outer

    def tagged(self, shown: str, style, role: str = "P", bulletText: str | None = None, label: Node | None = None,
               **element) -> TaggedParagraph:
        """A paragraph that is a `role` element of its own (`element`: that element's options),
        known as part of the block being rendered (measured alone, it may turn out too wide)."""
        made = TaggedParagraph(shown, style, bulletText=bulletText, node=self.parent.add(role, **element), label=label)
        if self.origin is not None:
            self.origins[made] = self.origin
        return made

    def box_heading(self, title: str, anchor: str, style) -> Heading:
        """A box's own heading, one level below the heading the box follows."""
        heading = Heading(escaped(title), style, self.depth, anchor if anchor not in self._bookmarks else None,
                          title, in_contents=False, node=self.parent.add(f"H{self.depth + 1}"))
        self._bookmarks.add(anchor)
        return heading

    # --- blocks ------------------------------------------------------------------------

    def section(self, section: m.Section) -> list[Flowable]:
        """A section: its title (on a new page unless it runs on) and its blocks."""
        with self.inside("Sect"):
            title = Heading(escaped(section.title), self.paras.headings[0], 0, section.id, section.title,
                            section.id in self.in_contents, opens_page=section.new_page, node=self.parent.add("H1"))
            self.origins[title] = Origin(section.source, "section title")
            self.depth = 1
            self._parts = 0 if section.new_page_headings else None
            if section.new_page:
                opening = [PageBreak(), *self._right_hand()]
            else:  # running on: a title needs room for itself and more than a short first paragraph
                opening = [Gap(self.style.body_size * 2),
                           CondPageBreak(self._room_for(title.style) + self.style.body_leading * 3)]
            return [*opening, *_headings_kept_with_boxes([title, *self.render(section.blocks, top=True)])]

    def _right_hand(self) -> list[Flowable]:
        """For double-sided printing, what moves a new page's content on to a right-hand page."""
        if not self.duplex:
            return []
        return [RightHandPage(self.paras.quote_source.fontName, self.style.small_size, self.style.muted_colour)]

    def _room_for(self, style) -> float:
        return style.leading * 2 + self.style.body_leading * 4

    def heading(self, block: m.Heading) -> list[Flowable]:
        style, ornament = self.paras.headings[block.level - 1], None
        if block.theme:  # the theme's icon, set before the words like a bullet, is decoration
            ornament = block.theme.glyph
            style = ParagraphStyle(f"{style.name}-{block.theme.id}", parent=style, bulletIndent=0,
                                   bulletFontName=self.paras.tags.fontName, bulletFontSize=style.fontSize,
                                   bulletColor=self.style.paint(block.theme.colour))
        shown = self.markup(block.children) + self._theme_icons(block.themes)
        heading = Heading(shown, style, block.level - 1, block.anchor, m.plain_text(block.children),
                          block.anchor in self.in_contents, ornament=ornament, node=self.parent.add(f"H{block.level}"))
        self.depth = block.level
        self._bookmarks.add(block.anchor)
        if block.level == 2 and self._parts is not None:
            self._parts += 1
            if self._parts > 1:  # a part that is copied on its own (a reading check) starts its own page
                return [PageBreak(), *self._right_hand(), heading]
        # a heading needs room for itself and a few lines of what follows, or it moves on
        return [CondPageBreak(self._room_for(style)), heading]

    def _theme_icons(self, themes: tuple[m.Theme, ...]) -> str:
        """A chapter heading's themes, as icons after its words, read as the themes' names."""
        if not themes:
            return ""
        words = f"{LABELS.themes}: {', '.join(theme.name for theme in themes)}"
        icons = [(theme.glyph, self.style.paint(theme.colour)) for theme in themes]
        return f"{NO_BREAK}{NO_BREAK}{named_icons(icons, words, self.paras.tags.fontName)}"

    def theme_icon(self, theme: m.Theme) -> str:
        return icon(theme.glyph, self.style.paint(theme.colour), self.paras.tags.fontName)

    def paragraph(self, block: m.Paragraph, style=None) -> list[Flowable]:
        return [self.tagged(self.markup(block.children), style or self.paras.body)]

    def bullet_list(self, block: m.ListBlock) -> list[Flowable]:
        with self.inside("L"):
            items = [ListItem(self._item(item)) for item in block.items]
        size = self.style.body_size
        options = dict(bulletFontName=self.paras.body.fontName, bulletFontSize=size,
                       leftIndent=size * 1.6, bulletColor=self.style.accent_colour,
                       spaceAfter=self.style.paragraph_space * 0.5)
        if block.ordered:
            return [BulletedList(items, bulletType="1", start=str(block.start), bulletFormat="%s.", **options)]
        return [BulletedList(items, bulletType="bullet", start="\u2022", **options)]

    def _item(self, blocks) -> list[Flowable]:
        """An LI: its bullet is the Lbl, drawn with its first flowable; the rest is the LBody."""
        out: list[Flowable] = []
        with self.inside("LI") as item:
            label = item.add("Lbl")
            with self.inside("LBody"):
                for block in blocks:
                    if isinstance(block, m.Paragraph):
                        out.extend(self.paragraph(block, self.paras.list_body))
                    else:
                        out.extend(self.render([block]))
        if out and isinstance(out[0], TaggedParagraph):
            out[0].label = label
        return out

    def block_quote(self, block: m.BlockQuote) -> list[Flowable]:
        with self.inside("BlockQuote"):
            inner = self.render(block.children)
        box = framed([[inner]], self.paras.body.fontName, self.style.rule_colour, self.style.box_padding,
                     self.style.box_border, accent_left=True)
        return [box, Gap(self.style.paragraph_space)]

    def rule(self, block: m.Rule) -> list[Flowable]:
        return [Rule(width="40%", thickness=0.8, color=colors.HexColor(self.style.rule_colour),
                     spaceBefore=self.style.body_size * 0.6, spaceAfter=self.style.body_size * 1.2, hAlign="CENTER")]

    def table(self, block: m.Table) -> list[Flowable]:
        columns = [[m.plain_text(row[i]) for row in (block.header, *block.rows) if i < len(row)]
                   for i in range(len(block.header))]
        fitting = self._table_styles(columns)
        if fitting is None:
            return self._stacked(block)
        head_style, cell_style = fitting
        row_headers = len(columns) > 1 and names_rows(columns[0])
        summary = {"O": "Table", "Summary": table_summary([column[0] for column in columns], len(block.rows))}
        with self.inside("Table", attributes=summary):
            with self.inside("TR"):
                head = [self.tagged(self.markup(cell), head_style, role="TH", attributes=COLUMN_HEADER)
                        for cell in block.header]
            body = []
            for row in block.rows:
                with self.inside("TR"):
                    body.append([self.tagged(self.markup(cell), cell_style,
                                             **({"role": "TH", "attributes": ROW_HEADER}
                                                if row_headers and column == 0 else {"role": "TD"}))
                                 for column, cell in enumerate(row)])
        widths = column_widths(columns, head_style.fontName, head_style.fontSize, TABLE_PADDING, self.frame_width)
        table = Grid([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
        grid = colors.HexColor(self.style.rule_colour)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.paras.table_cell.fontName),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor(self.style.accent_colour)),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, grid),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(self.style.box_colour)),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        commands += [("ALIGN", (i, 0), (i, -1), ALIGN[a]) for i, a in enumerate(block.aligns)]
        table.setStyle(TableStyle(commands))
        return [table, Gap(self.style.paragraph_space * 1.5)]

    def _table_styles(self, columns: list[list[str]]) -> tuple[ParagraphStyle, ParagraphStyle] | None:
        """The table's usual paras, or the small size when its longest words would not fit
        side by side; None when even that is too wide (a wide table in large print)."""
        head, cell = self.paras.table_head, self.paras.table_cell
        size, leading = self.style.small_size, self.style.small_size * 1.3
        small = (ParagraphStyle("table-head-small", parent=head, fontSize=size, leading=leading),
                 ParagraphStyle("table-cell-small", parent=cell, fontSize=size, leading=leading))
        for candidate in ((head, cell), small):
            if sum(narrowest(columns, candidate[0].fontName, candidate[0].fontSize, TABLE_PADDING)) <= self.frame_width:
                return candidate
        return None

    def _stacked(self, block: m.Table) -> list[Flowable]:
        """A table too wide for the page, set row by row: the first cell as a label, then each
        other cell under its column's name. Nothing is lost and nothing runs off the page."""
        out: list[Flowable] = []
        for row in block.rows:
            with self.inside("Div"):
                parts: list[Flowable] = [self.tagged(f"<b>{self.markup(row[0])}</b>", self.paras.body)] if row else []
                parts += [self.tagged(f"<b>{self.markup(name)}:</b> {self.markup(cell)}", self.paras.list_body)
                          for name, cell in zip(block.header[1:], row[1:], strict=False)]
            out += [Kept(parts), Gap(self.style.paragraph_space)]
        return out

    def callout(self, block: m.Callout) -> list[Flowable]:
        with self.inside("Sect"):
            # shown in capitals, read in the title's own case (a reader spells out some capitals)
            title = self.tagged(escaped(block.title.upper()), self.paras.label, actual_text=block.title)
            rows = [[title]] + [[flowable] for flowable in self.render(block.children)]
        # on a later page the box opens with its title again, saying it goes on (read once)
        continued = TaggedParagraph(escaped(f"{block.title} ({LABELS.continued})".upper()), self.paras.label,
                                    node=title.node)
        return self.box(rows, border=self.style.accent_colour, accent_left=True, continued=continued)

    def box(self, rows: list[list], border: str, accent_left: bool = False,
            continued: TaggedParagraph | None = None, lead: int = 1) -> list[Flowable]:
        """A shaded box kept on one page when it fits, else split with at least a few lines on
        each page besides its first `lead` rows (opening with `continued` in place of its title
        on the next, if given), with space after it."""
        least = self.least
        box = framed(rows, self.paras.body.fontName, border, self.style.box_padding, self.style.box_border,
                     background=self.style.box_colour, accent_left=accent_left, least=least,
                     continued=continued)
        lead_rows = tuple(row[0] for row in rows[:lead])
        return [Kept([box], least=least, lead=lead_rows), Gap(self.style.paragraph_space * 1.2)]

    def notes(self, block: m.NoteList) -> list[Flowable]:
        out: list[Flowable] = [Rule(width="30%", thickness=0.5, hAlign="LEFT",
                                    color=colors.HexColor(self.style.rule_colour),
                                    spaceBefore=self.style.body_size, spaceAfter=4)]
        for note in block.notes:
            body = " ".join(self.markup(p.children) for p in note.children if isinstance(p, m.Paragraph))
            shown = f'<a name="{note.anchor}"/><super>{note.number}</super> {body}'
            out.append(TaggedParagraph(shown, self.paras.small,
                            node=self.parent.add("Note", ident=note.anchor)))
        return out


def _notes_follow(out: list[Flowable]) -> bool:
    """Whether notes coming next follow a block of their own section (not a section title)."""
    made = [flowable for flowable in out if not isinstance(flowable, Spacer)]  # (a page break is a Spacer)
    return bool(made) and not isinstance(made[-1], Heading)


def _notes_after(out: list[Flowable], notes: list[Flowable], least: float,
                 anchors: tuple[str, ...]) -> list[Flowable]:
    """The last block in `out` and the notes after it as one flowable, so the notes never
    begin a page without the block's end above them (they move over with its last lines)."""
    at = max(index for index, flowable in enumerate(out) if not isinstance(flowable, Spacer))
    block, after = out[at], out[at + 1:]
    del out[at:]
    return [NotesAfter(block, notes, least, anchors), *after]


def _leads_into(paragraph: m.Paragraph, block: m.Block, out: list[Flowable]) -> bool:
    """Whether `paragraph` (its flowable the last in `out`) introduces `block`: it ends in a
    colon ("Evidence to use:"), or it follows a heading and the block is a set of questions."""
    if m.plain_text(paragraph.children).rstrip().endswith(":"):
        return True
    before = [flowable for flowable in out[:-1] if not isinstance(flowable, Spacer)]
    return isinstance(block, m.QuestionList | m.Quiz) and bool(before) and isinstance(before[-1], Heading)


def _headings_kept_with_boxes(flowables: list[Flowable]) -> list[Flowable]:
    """Join a heading to a kept box after it. A heading's keepWithNext already holds it to a
    paragraph, but platypus will not put one KeepTogether inside another."""
    out: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, Kept) and out and isinstance(out[-1], Heading):
            flowable = Kept([out.pop(), *flowable.parts], least=flowable.least, lead=flowable.lead)
        out.append(flowable)
    return out
