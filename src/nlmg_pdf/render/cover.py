"""The cover: title, the novel it guides, a drawn motif, the edition in a banner, and any
lines to fill in.

The title block sits at the top of the page and the edition banner (with the workbook's
name lines) at the foot; the motif, a fence running away across flat land to a low
horizon, takes the room between, so the page is full in every style and on every paper.
"""
from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Line, Polygon, Rect
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepInFrame, Spacer, TableStyle

from .. import model as m
from ..stylesheet import Style
from .flowables import Balanced, FieldLine, Grid, Rule, TaggedParagraph
from .forms import Field
from .markup import NO_BREAK, escaped
from .paragraph_styles import ParagraphStyles
from .tagging import Node, artifact


def cover(guide: m.Guide, paras: ParagraphStyles, style: Style, width: float, parent: Node) -> list[Flowable]:
    """The cover page; its words are a section of the structure tree under `parent`."""
    room = style.frame_height
    # the motif takes the room the words leave, with a gap either side, and is never shorter
    # than a strip nor taller than a landscape; what is still over goes above and below it.
    # (The words are measured in a copy: the flowables laid out are measured on the page,
    # where a word too wide for its column is noted.)
    copy = _parts(guide, paras, style, width, Node("Sect"))
    free = room - stacked_height([*copy[0], *copy[1]], width, room) - 2  # (a little kept in hand)
    gap = min(room * 0.045, max(style.body_size * 0.6, free * 0.1))
    drawn = min(max(free - 2 * gap, room * 0.12), width * 0.75)
    left = max(0.0, free - 2 * gap - drawn)  # (the teacher's cover, with no lines to fill in, has some)
    head, foot = _parts(guide, paras, style, width, parent.add("Sect"))
    story = [Spacer(1, left * 0.4), *head, Spacer(1, gap), Motif(width, drawn, style, paras.body.fontName),
             Spacer(1, gap + left * 0.6), *foot]  # the foot at the bottom of the page
    # the cover is one page whatever the paper and type size: shrink it rather than spill
    return [KeepInFrame(width, room, story, mode="shrink")]


def _parts(guide: m.Guide, paras: ParagraphStyles, style: Style, width: float,
           element: Node) -> tuple[list[Flowable], list[Flowable]]:
    """The words at the top of the cover (title, subtitle, the novel) and at its foot (the
    edition's banner and any lines to fill in), as paragraphs of `element`."""
    md = guide.metadata
    display = lambda text, paragraph_style: Balanced(  # noqa: E731
        unbroken(escaped(text), escaped(md.novel_author)), paragraph_style, node=element.add("P"))
    head: list[Flowable] = [Spacer(1, style.frame_height * 0.03), display(md.title, paras.cover_title)]
    if md.subtitle:
        head += [Spacer(1, style.body_size * 0.4), display(md.subtitle, paras.cover_subtitle)]
    head += [
        Rule(width=min(width * 0.18, style.body_size * 7), thickness=style.box_border * 2.5,
             color=colors.HexColor(style.accent_colour), hAlign="LEFT",
             spaceBefore=style.body_size * 0.9, spaceAfter=style.body_size * 0.9),
        display(f"{md.novel_title}, by {md.novel_author}, was first published in {md.novel_published}.",
                paras.box_role),
    ]
    foot: list[Flowable] = []
    if guide.edition:
        foot.append(_banner(guide.edition.label, paras, style, width, element))
    if guide.cover_fields:
        foot += [Spacer(1, style.body_size * 0.6),
                 _fields(guide.cover_fields, paras, style, width, element, fillable=guide.fillable)]
    return head, foot


def unbroken(shown: str, name: str) -> str:
    """`shown` with the words of `name` (the novel's author) joined, so no line parts them."""
    return shown.replace(name, name.replace(" ", NO_BREAK)) if name else shown


def stacked_height(flowables: list[Flowable], width: float, room: float) -> float:
    """The height `flowables` take stacked in a KeepInFrame, measured before layout as it will
    measure them: at the full width, the space between two the larger of the one's space
    after and the other's before, nothing for an empty one, no space above or below."""
    total, after, first = 0.0, 0.0, True
    for flowable in flowables:
        height = flowable.wrap(width, room)[1]
        if height <= 1e-6:
            continue
        total += height + (0.0 if first else max(flowable.getSpaceBefore() - after, 0.0))
        after, first = flowable.getSpaceAfter(), False
        total += after
    return total - after


def _text(shown: str, style, parent: Node) -> TaggedParagraph:
    return TaggedParagraph(shown, style, node=parent.add("P"))


def _banner(label: str, paras: ParagraphStyles, style: Style, width: float, parent: Node) -> Grid:
    words = ParagraphStyle("banner", parent=paras.cover_edition, textColor=colors.HexColor(style.banner_text_colour))
    banner = Grid([[_text(escaped(label), words, parent)]], colWidths=[width], hAlign="LEFT")
    banner.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(style.accent_colour)),
        ("FONTNAME", (0, 0), (-1, -1), words.fontName),
        ("LEFTPADDING", (0, 0), (-1, -1), style.body_size),
        ("TOPPADDING", (0, 0), (-1, -1), style.body_size * 0.7),
        ("BOTTOMPADDING", (0, 0), (-1, -1), style.body_size * 0.9),
    ]))
    return banner


CELL_PADDING = 3  # points above and below a table cell's content, reportlab's default


def _fields(labels: tuple[str, ...], paras: ParagraphStyles, style: Style, width: float, parent: Node,
            fillable: bool = False) -> Grid:
    """Labelled lines to write a name, a class and a date on (and to type them, if `fillable`)."""
    label_width = max(stringWidth(label, paras.body.fontName, style.body_size) for label in labels) + style.body_size
    height = _field_height(style)
    rows = [[_text(f"<b>{escaped(label)}</b>", paras.body, parent), _field_line(label, style, parent, fillable)]
            for label in labels]
    table = Grid(rows, colWidths=[label_width, width * 0.7 - label_width], hAlign="LEFT",
                  rowHeights=[height] * len(rows))
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), paras.body.fontName),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.8, colors.HexColor(style.text_colour)),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return table


def handout_header(guide: m.Guide, paras: ParagraphStyles, style: Style, width: float,
                   parent: Node) -> list[Flowable]:
    """A handout's head in place of a cover: the guide's title and edition and, in the workbook,
    a row of lines for a name, a class and a date; the piece's own title follows it."""
    element = parent.add("Sect")
    edition = f" \u00b7 {guide.edition.label}" if guide.edition else ""
    out: list[Flowable] = [_text(f"<b>{escaped(guide.metadata.title)}</b>{escaped(edition)}", paras.quote_source,
                                 element)]
    if guide.cover_fields:
        out += [Spacer(1, style.body_size * 0.3),
                *_field_rows(guide.cover_fields, paras, style, width, element, guide.fillable)]
    out.append(Rule(width="100%", thickness=style.box_border, color=colors.HexColor(style.accent_colour),
                    spaceBefore=style.body_size * 1.2, spaceAfter=style.body_size * 0.8))
    return out


def _field_height(style: Style) -> float:
    """A name line's height: room to write on, and for the text typed in a fillable copy."""
    return max(style.write_in_spacing * 1.25, style.body_leading * 1.5)


def _field_line(label: str, style: Style, parent: Node, fillable: bool) -> FieldLine | str:
    """What goes on a name line: a text field in a fillable copy, else nothing (the cell's rule)."""
    if not fillable:
        return ""
    field = Field(label.lower(), label, parent.add("Form"), multiline=False)
    return FieldLine(field, _field_height(style) - CELL_PADDING * 2, style.body_size, style.text_colour)


def _field_rows(labels: tuple[str, ...], paras: ParagraphStyles, style: Style, width: float, parent: Node,
                fillable: bool) -> list[Flowable]:
    """The labelled lines of `_fields` side by side, as many to a row as leave each line long
    enough to write on (all three in the usual styles, fewer in large print)."""
    gap = style.body_size
    label_widths = {label: stringWidth(label, paras.body.fontName, style.body_size) + style.body_size * 0.5
                    for label in labels}
    shortest = style.body_size * 6
    rows: list[list[str]] = []
    for label in labels:
        widened = [*rows[-1], label] if rows else [label]
        room = width - sum(label_widths[name] for name in widened) - gap * (len(widened) - 1)
        if rows and room / len(widened) >= shortest:
            rows[-1] = widened
        else:
            rows.append([label])
    return [_field_row(row, label_widths, paras, style, width, parent, fillable) for row in rows]


def _field_row(labels: list[str], label_widths: dict[str, float], paras: ParagraphStyles, style: Style,
               width: float, parent: Node, fillable: bool) -> Grid:
    gap = style.body_size
    line_width = (width - sum(label_widths[label] for label in labels) - gap * (len(labels) - 1)) / len(labels)
    height = _field_height(style)
    cells: list = []
    widths: list[float] = []
    lines: list[int] = []  # the columns of the lines
    for number, label in enumerate(labels):
        line = _field_line(label, style, parent, fillable)  # (its Form element before the label's P, as it was)
        if number:
            cells.append("")
            widths.append(gap)
        cells += [_text(f"<b>{escaped(label)}</b>", paras.body, parent), line]
        widths += [label_widths[label], line_width]
        lines.append(len(cells) - 1)
    table = Grid([cells], colWidths=widths, hAlign="LEFT", rowHeights=[height])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), paras.body.fontName),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        *[("LINEBELOW", (column, 0), (column, 0), 0.8, colors.HexColor(style.text_colour)) for column in lines],
    ]))
    return table


# --- the motif ---------------------------------------------------------------------------


class Motif(Flowable):
    """The cover's drawing: decoration only, so it is drawn as an artifact and nothing reads it."""

    def __init__(self, width: float, height: float, style: Style, font: str):
        super().__init__()
        self.width, self.height = width, height
        self.drawing = fence_drawing(width, height, style)
        # renderPDF starts by setting the drawing's font, Helvetica unless told: use one the guide embeds
        self.drawing.initialFontName = font

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        with artifact(self.canv):
            renderPDF.draw(self.drawing, self.canv, 0, 0)


HORIZON = 0.36  # the horizon's height, as a share of the drawing's: a low one under a wide sky
POST_STEP = 0.45  # the distance between posts, in front posts' heights: the smaller, the more posts


def fence_drawing(width: float, height: float, style: Style) -> Drawing:
    """A fence of posts and three wires running from the front left to a point on a low
    horizon, under open sky, over flat ploughed ground: in the style's accent colour, with its
    box tint for the ground and a pale shade of its rule colour for the furrows."""
    accent, rule, ground = (colors.HexColor(style.accent_colour), colors.HexColor(style.rule_colour),
                            colors.HexColor(style.box_colour))
    drawing = Drawing(width, height)
    horizon = height * HORIZON
    front = width * 0.06
    vanish = front + min(width * 0.8, height * 2.4)  # a wide strip of a view leaves open land to the right
    # the ground, tinted, ploughed in rows that run to the same vanishing point as the fence
    drawing.add(Rect(0, 0, width, horizon, fillColor=ground, strokeColor=None))
    rows = Group()
    for number in range(-12, 13):
        ground_x = vanish + number * width * 0.15
        if -width < ground_x < width * 2:  # beyond, the rows would crowd into a smudge along the horizon
            rows.add(_row(vanish, horizon, ground_x, width, _tint(rule, 0.4)))
    drawing.add(rows)
    drawing.add(Line(0, horizon, width, horizon, strokeColor=accent, strokeWidth=max(0.8, style.box_border)))
    # the fence: posts evenly spaced on the ground, so ever closer as they recede; once they
    # crowd together only the wires go on, to the vanishing point
    bottom, top = height * 0.04, height * 0.95
    thick = max(1.6, height * 0.018)
    wire = max(0.5, style.box_border * 0.6)
    fence = Group()
    for level in (0.93, 0.7, 0.47):
        fence.add(Line(front, bottom + level * (top - bottom), vanish, horizon, strokeColor=accent, strokeWidth=wire))
    step, last = 0, -width
    while True:
        share = 1 - 1 / (1 + step * POST_STEP)  # how far from the front post to the vanishing point
        x = front + share * (vanish - front)
        if x - last < max(3.0, thick * 1.2) or x > width:
            break
        low, high, post = bottom + share * (horizon - bottom), top + share * (horizon - top), thick * (1 - share)
        slant = post * 0.5  # a post's top is cut on the slant, as split timber is
        fence.add(Polygon([x - post / 2, low, x + post / 2, low, x + post / 2, high - slant, x - post / 2, high],
                          fillColor=accent, strokeColor=None))
        step, last = step + 1, x
    drawing.add(fence)
    return drawing


def _row(x: float, y: float, ground_x: float, width: float, colour: colors.Color) -> Line:
    """A line from the vanishing point (x, y) to the point ground_x on the drawing's bottom
    edge, stopped at its left or right edge."""
    share = 1.0  # of the way down
    if ground_x < 0:
        share = x / (x - ground_x)
    elif ground_x > width:
        share = (width - x) / (ground_x - x)
    return Line(x, y, x + share * (ground_x - x), y * (1 - share), strokeColor=colour, strokeWidth=0.5)


def _tint(colour: colors.Color, share: float) -> colors.Color:
    """`colour` mixed with white, keeping `share` of it (a gray stays a gray)."""
    return colors.Color(*(1 - share * (1 - channel) for channel in (colour.red, colour.green, colour.blue)))
