"""Model blocks -> flowables, dispatched on node type (an unknown type is a bug, not skipped)."""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from .. import model as m
from ..stylesheet import Style
from .flowables import Heading, PullQuote, framed
from .markup import markup, text
from .paragraph_styles import Styles

ALIGN = {m.Align.LEFT: "LEFT", m.Align.CENTER: "CENTER", m.Align.RIGHT: "RIGHT"}


class BlockRenderer:
    def __init__(self, style: Style, styles: Styles):
        self.style, self.styles = style, styles
        self._handlers = {
            m.Heading: self.heading, m.Paragraph: self.paragraph, m.ListBlock: self.list,
            m.BlockQuote: self.block_quote, m.Rule: self.rule, m.Table: self.table,
            m.Callout: self.callout, m.PullQuote: self.pull_quote, m.CharacterBox: self.character_box,
            m.QuestionList: self.questions, m.NoteList: self.notes,
        }

    def render(self, blocks) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            handler = self._handlers.get(type(block))
            if handler is None:  # e.g. an Only block the edition filter should have removed
                raise TypeError(f"the renderer has no rule for {type(block).__name__}")
            out.extend(handler(block))
        return out

    def _markup(self, inlines) -> str:
        return markup(inlines, self.style.link_colour)

    def section_title(self, section: m.Section) -> Heading:
        return Heading(text(section.title), self.styles.headings[0], 0, section.id, section.title)

    def heading(self, block: m.Heading) -> list[Flowable]:
        style = self.styles.headings[block.level - 1]
        # a heading needs room for itself and a few lines of what follows, or it moves on
        room = CondPageBreak(style.leading * 2 + self.style.body_leading * 4)
        return [room, Heading(self._markup(block.children), style, block.level - 1, block.anchor,
                              m.plain_text(block.children))]

    def paragraph(self, block: m.Paragraph, style=None) -> list[Flowable]:
        return [Paragraph(self._markup(block.children), style or self.styles.body)]

    def list(self, block: m.ListBlock) -> list[Flowable]:
        items = [ListItem(self._item(item)) for item in block.items]
        size = self.style.body_size
        options = dict(bulletFontName=self.styles.body.fontName, bulletFontSize=size,
                       leftIndent=size * 1.6, bulletColor=self.style.accent_colour,
                       spaceAfter=self.style.paragraph_space * 0.5)
        if block.ordered:
            return [ListFlowable(items, bulletType="1", start=str(block.start), bulletFormat="%s.", **options)]
        return [ListFlowable(items, bulletType="bullet", start="\u2022", **options)]

    def _item(self, blocks) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            if isinstance(block, m.Paragraph):
                out.extend(self.paragraph(block, self.styles.list_body))
            else:
                out.extend(self.render([block]))
        return out

    def block_quote(self, block: m.BlockQuote) -> list[Flowable]:
        inner = self.render(block.children)
        box = framed([[inner]], self.styles.body.fontName, self.style.rule_colour, self.style.body_size,
                     accent_left=True)
        return [box, Spacer(1, self.style.paragraph_space)]

    def rule(self, block: m.Rule) -> list[Flowable]:
        return [HRFlowable(width="40%", thickness=0.8, color=colors.HexColor(self.style.rule_colour),
                           spaceBefore=self.style.body_size * 0.6, spaceAfter=self.style.body_size * 1.2,
                           hAlign="CENTER")]

    def table(self, block: m.Table) -> list[Flowable]:
        head = [Paragraph(self._markup(cell), self.styles.table_head) for cell in block.header]
        body = [[Paragraph(self._markup(cell), self.styles.table_cell) for cell in row] for row in block.rows]
        table = Table([head, *body], colWidths=_column_shares(block), repeatRows=1, hAlign="LEFT")
        grid = colors.HexColor(self.style.rule_colour)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.styles.table_cell.fontName),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.HexColor(self.style.accent_colour)),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, grid),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(self.style.box_colour)),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
        commands += [("ALIGN", (i, 0), (i, -1), ALIGN[a]) for i, a in enumerate(block.aligns)]
        table.setStyle(TableStyle(commands))
        return [table, Spacer(1, self.style.paragraph_space * 1.5)]

    def callout(self, block: m.Callout) -> list[Flowable]:
        rows = [[Paragraph(text(block.title.upper()), self.styles.label)]]
        rows += [[flowable] for flowable in self.render(block.children)]
        box = framed(rows, self.styles.body.fontName, self.style.accent_colour, self.style.body_size,
                     background=self.style.box_colour, accent_left=True)
        return [KeepTogether([box]), Spacer(1, self.style.paragraph_space * 1.5)]

    def pull_quote(self, block: m.PullQuote) -> list[Flowable]:
        quotation = block.quotation
        quote = Paragraph(f"\u201c{text(quotation.text)}\u201d", self.styles.quote)
        source = Paragraph(f"\u2014 {text(quotation.speaker)}, chapter {quotation.chapter}",
                           self.styles.quote_source)
        return [PullQuote(quote, source, self.style.accent_colour, self.style.body_size * 0.8)]

    def character_box(self, block: m.CharacterBox) -> list[Flowable]:
        character, styles = block.character, self.styles
        rows = [[Paragraph(text(character.name), styles.box_title)],
                [Paragraph(text(character.role), styles.box_role)],
                [Paragraph(self._markup(character.profile), styles.box_body)]]
        if character.traits:
            traits = " \u00b7 ".join(text(t) for t in character.traits)
            rows.append([Paragraph(f"<b>Traits:</b> {traits}", styles.box_body)])
        if character.quotation:
            q = character.quotation
            rows.append([Paragraph(f"\u201c{text(q.text)}\u201d <font name=\"{styles.quote_source.fontName}\" "
                                   f"size=\"{self.style.small_size}\">(chapter {q.chapter})</font>",
                                   styles.box_role)])
        box = framed(rows, self.styles.body.fontName, self.style.rule_colour, self.style.body_size,
                     background=self.style.box_colour)
        return [KeepTogether([box]), Spacer(1, self.style.paragraph_space * 1.5)]

    def questions(self, block: m.QuestionList) -> list[Flowable]:
        out: list[Flowable] = []
        for question in block.questions:
            parts = [Paragraph(self._markup(question.text), self.styles.question,
                               bulletText=f"{question.number}.")]
            if question.answer is not None:
                parts.append(Paragraph(f"<b>Answer guidance.</b> {self._markup(question.answer)}",
                                       self.styles.answer))
            out.append(KeepTogether(parts))
        return out

    def notes(self, block: m.NoteList) -> list[Flowable]:
        out: list[Flowable] = [HRFlowable(width="30%", thickness=0.5, hAlign="LEFT",
                                          color=colors.HexColor(self.style.rule_colour),
                                          spaceBefore=self.style.body_size, spaceAfter=4)]
        for note in block.notes:
            body = " ".join(self._markup(p.children) for p in note.children if isinstance(p, m.Paragraph))
            out.append(Paragraph(f'<a name="{note.anchor}"/><super>{note.number}</super> {body}',
                                 self.styles.small))
        return out


def _column_shares(block: m.Table) -> list[str]:
    """Column widths in proportion to each column's longest text, so short columns stay narrow."""
    rows = [block.header, *block.rows]
    lengths = [max(len(m.plain_text(row[i])) for row in rows if i < len(row)) for i in range(len(block.header))]
    weights = [min(max(length, 6), 60) for length in lengths]
    total = sum(weights)
    return [f"{100 * w / total:.2f}%" for w in weights]
