"""Flowables for the guide's data: pull-quotes, character boxes, key quotations, the glossary."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer

from .. import model as m
from .flowables import Kept, PullQuote, Text
from .markup import text

if TYPE_CHECKING:
    from .blocks import BlockRenderer

MAX_FIGURE_HEIGHT = 0.45
LEFT_QUOTE, RIGHT_QUOTE, DASH, DOT = "\u201c", "\u201d", "\u2014", " \u00b7 "


def pull_quote(r: BlockRenderer, block: m.PullQuote) -> list[Flowable]:
    quotation = block.quotation
    quote = Text(f"{LEFT_QUOTE}{text(quotation.text)}{RIGHT_QUOTE}", r.styles.quote)
    source = Text(f"{DASH} {text(quotation.speaker)}, chapter {quotation.chapter}", r.styles.quote_source)
    return [PullQuote(quote, source, r.style.accent_colour, r.style.body_size * 0.8, r.style.box_border * 1.5)]


def character_box(r: BlockRenderer, block: m.CharacterBox) -> list[Flowable]:
    character, styles = block.character, r.styles
    rows = [[Text(text(character.name), styles.box_title)],
            [Text(text(character.role), styles.box_role)],
            [Text(r.markup(character.profile), styles.box_body)]]
    for label, inlines in (("Arc", character.arc), ("Relationships", character.relationships)):
        if inlines:
            rows.append([Text(f"<b>{label}:</b> {r.markup(inlines)}", styles.box_body)])
    if character.traits:
        rows.append([Text(f"<b>Traits:</b> {DOT.join(text(t) for t in character.traits)}", styles.box_body)])
    if character.quotation:
        q = character.quotation
        rows.append([Text(f"{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE} <font name=\"{styles.quote_source.fontName}\" "
                               f"size=\"{r.style.small_size}\">(chapter {q.chapter})</font>", styles.box_role)])
    return r.box(rows, border=r.style.rule_colour)


def key_quotations(r: BlockRenderer, block: m.KeyQuotations) -> list[Flowable]:
    out: list[Flowable] = []
    for q in block.quotations:
        parts = [Text(f"{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE}", r.styles.key_quote),
                 Text(f"{DASH} {text(q.speaker)}, chapter {q.chapter}", r.styles.quote_source)]
        if q.themes:
            tags = DOT.join(f"{r.theme_icon(theme)} {text(theme.name)}" for theme in q.themes)
            parts.append(Text(f"<b>Themes:</b> {tags}", r.styles.tags))
        if q.comment:
            parts.append(Text(r.markup(q.comment), r.styles.body))
        out += [Kept(parts), Spacer(1, r.style.paragraph_space)]
    return out


def glossary(r: BlockRenderer, block: m.Glossary) -> list[Flowable]:
    out: list[Flowable] = []
    for term in block.terms:
        where = f' <font size="{r.style.small_size}">(chapter {term.chapter})</font>' if term.chapter else ""
        out.append(Text(f"<b>{text(term.term)}</b>{where} {DASH} {r.markup(term.definition)}",
                             r.styles.glossary))
    return out


def figure(r: BlockRenderer, block: m.Figure) -> list[Flowable]:
    """The image as large as the column allows, up to 45% of the page's height, with its caption."""
    image = ImageReader(io.BytesIO(block.data))
    width, height = image.getSize()
    scale = min(r.frame_width / width, r.style.frame_height * MAX_FIGURE_HEIGHT / height)
    parts: list[Flowable] = [Image(io.BytesIO(block.data), width * scale, height * scale, hAlign="LEFT")]
    if block.caption:
        parts.append(Text(r.markup(block.caption), r.styles.quote_source))
    return [Kept(parts), Spacer(1, r.style.paragraph_space)]


HANDLERS = {m.Figure: figure, m.PullQuote: pull_quote, m.CharacterBox: character_box, m.KeyQuotations: key_quotations,
            m.Glossary: glossary}
