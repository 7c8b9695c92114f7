"""Flowables for the guide's data: pull-quotes, character boxes, key quotations, the glossary."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Spacer

from .. import model as m
from .flowables import Kept, Picture, PullQuote
from .markup import text

if TYPE_CHECKING:
    from .blocks import BlockRenderer

MAX_FIGURE_HEIGHT = 0.45
LEFT_QUOTE, RIGHT_QUOTE, DASH, DOT = "\u201c", "\u201d", "\u2014", " \u00b7 "


def pull_quote(r: BlockRenderer, block: m.PullQuote) -> list[Flowable]:
    quotation = block.quotation
    with r.inside("BlockQuote"):
        quote = r.text(f"{LEFT_QUOTE}{text(quotation.text)}{RIGHT_QUOTE}", r.styles.quote)
        source = r.text(f"{DASH} {text(quotation.speaker)}, chapter {quotation.chapter}", r.styles.quote_source)
    return [PullQuote(quote, source, r.style.accent_colour, r.style.body_size * 0.8, r.style.box_border * 1.5)]


def character_box(r: BlockRenderer, block: m.CharacterBox) -> list[Flowable]:
    character, styles = block.character, r.styles
    with r.inside("Sect"):
        rows = [[r.box_heading(character.name, f"character-{character.id}", styles.box_title)],
                [r.text(text(character.role), styles.box_role)],
                [r.text(r.markup(character.profile), styles.box_body)]]
        for label, inlines in (("Arc", character.arc), ("Relationships", character.relationships)):
            if inlines:
                rows.append([r.text(f"<b>{label}:</b> {r.markup(inlines)}", styles.box_body)])
        if character.traits:
            rows.append([r.text(f"<b>Traits:</b> {DOT.join(text(t) for t in character.traits)}", styles.box_body)])
        if character.quotation:
            q = character.quotation
            small = f'name="{styles.quote_source.fontName}" size="{r.style.small_size}"'
            chapter = f"<font {small}>(chapter {q.chapter})</font>"
            with r.inside("BlockQuote"):
                rows.append([r.text(f"{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE} {chapter}", styles.box_role)])
    return r.box(rows, border=r.style.rule_colour)


def key_quotations(r: BlockRenderer, block: m.KeyQuotations) -> list[Flowable]:
    out: list[Flowable] = []
    for q in block.quotations:
        with r.inside("Div"):
            with r.inside("BlockQuote"):
                parts = [r.text(f"{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE}", r.styles.key_quote),
                         r.text(f"{DASH} {text(q.speaker)}, chapter {q.chapter}", r.styles.quote_source)]
            if q.themes:
                tags = DOT.join(f"{r.theme_icon(theme)} {text(theme.name)}" for theme in q.themes)
                parts.append(r.text(f"<b>Themes:</b> {tags}", r.styles.tags))
            if q.comment:
                parts.append(r.text(r.markup(q.comment), r.styles.body))
        out += [Kept(parts), Spacer(1, r.style.paragraph_space)]
    return out


def glossary(r: BlockRenderer, block: m.Glossary) -> list[Flowable]:
    out: list[Flowable] = []
    for term in block.terms:
        where = f' <font size="{r.style.small_size}">(chapter {term.chapter})</font>' if term.chapter else ""
        out.append(r.text(f"<b>{text(term.term)}</b>{where} {DASH} {r.markup(term.definition)}", r.styles.glossary))
    return out


def figure(r: BlockRenderer, block: m.Figure) -> list[Flowable]:
    """The image as large as the column allows, up to 45% of the page's height, with its caption."""
    image = ImageReader(io.BytesIO(block.data))
    width, height = image.getSize()
    scale = min(r.frame_width / width, r.style.frame_height * MAX_FIGURE_HEIGHT / height)
    picture = Picture(io.BytesIO(block.data), width * scale, height * scale, hAlign="LEFT")
    with r.inside("Figure", alt=block.alt) as element:
        picture.node = element
        parts: list[Flowable] = [picture]
        if block.caption:
            parts.append(r.text(r.markup(block.caption), r.styles.quote_source, role="Caption"))
    return [Kept(parts), Spacer(1, r.style.paragraph_space)]


HANDLERS = {m.Figure: figure, m.PullQuote: pull_quote, m.CharacterBox: character_box, m.KeyQuotations: key_quotations,
            m.Glossary: glossary}
