"""Flowables for the guide's data: pull-quotes, character boxes, key quotations, the glossary."""
from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from .. import model as m
from ..outline import LABELS
from .flowables import Gap, Kept, Picture, PullQuote
from .markup import NO_BREAK, escaped

if TYPE_CHECKING:
    from .blocks import BlockRenderer

MAX_FIGURE_HEIGHT = 0.45
LEFT_QUOTE, RIGHT_QUOTE, DASH, DOT = "\u201c", "\u201d", "\u2014", " \u00b7 "


def pull_quote(r: BlockRenderer, block: m.PullQuote) -> list[Flowable]:
    quotation = block.quotation
    with r.inside("BlockQuote"):
        quote = r.tagged(f"{LEFT_QUOTE}{escaped(quotation.text)}{RIGHT_QUOTE}", r.paras.quote)
        source = r.tagged(f"{DASH} {escaped(quotation.speaker)}, {LABELS.chapter} {quotation.chapter}",
                          r.paras.quote_source)
    return [PullQuote(quote, source, r.style.accent_colour, r.style.body_size * 0.8, r.style.box_border * 1.5)]


def character_box(r: BlockRenderer, block: m.CharacterBox) -> list[Flowable]:
    character, paras = block.character, r.paras
    with r.inside("Sect"):
        rows = [[r.box_heading(character.name, f"character-{character.id}", paras.box_title)],
                [r.tagged(escaped(character.role), paras.box_role)],
                [r.tagged(r.markup(character.profile), paras.box_body)]]
        for label, inlines in ((LABELS.arc, character.arc), (LABELS.relationships, character.relationships)):
            if inlines:
                rows.append([r.tagged(f"<b>{label}:</b> {r.markup(inlines)}", paras.box_body)])
        if character.traits:
            traits = DOT.join(escaped(trait) for trait in character.traits)
            rows.append([r.tagged(f"<b>{LABELS.traits}:</b> {traits}", paras.box_body)])
        if character.quotation:
            q = character.quotation
            small = f'name="{paras.quote_source.fontName}" size="{r.style.small_size}"'
            chapter = f"<font {small}>({LABELS.chapter} {q.chapter})</font>"
            with r.inside("BlockQuote"):
                rows.append([r.tagged(f"{LEFT_QUOTE}{escaped(q.text)}{RIGHT_QUOTE} {chapter}", paras.box_role)])
    return r.box(rows, border=r.style.rule_colour, lead=2)  # the name and role begin the box together


def key_quotations(r: BlockRenderer, block: m.KeyQuotations) -> list[Flowable]:
    out: list[Flowable] = []
    for q in block.quotations:
        with r.inside("Div"):
            with r.inside("BlockQuote"):
                parts = [r.tagged(f"{LEFT_QUOTE}{escaped(q.text)}{RIGHT_QUOTE}", r.paras.key_quote),
                         r.tagged(f"{DASH} {escaped(q.speaker)}, {LABELS.chapter} {q.chapter}", r.paras.quote_source)]
            if q.themes:
                # an icon never ends a line apart from its theme's name
                tags = DOT.join(f"{r.theme_icon(theme)}{NO_BREAK}{escaped(theme.name)}" for theme in q.themes)
                parts.append(r.tagged(f"<b>{LABELS.themes}:</b> {tags}", r.paras.tags))
            if q.comment:
                parts.append(r.tagged(r.markup(q.comment), r.paras.body))
        # a long comment may go on overleaf, once the quotation and a few of its lines are here
        out += [Kept(parts, least=r.least), Gap(r.style.paragraph_space)]
    return out


def glossary(r: BlockRenderer, block: m.Glossary) -> list[Flowable]:
    out: list[Flowable] = []
    for term in block.terms:
        where = f' <font size="{r.style.small_size}">({LABELS.chapter} {term.chapter})</font>' if term.chapter else ""
        out.append(r.tagged(f"<b>{escaped(term.term)}</b>{where} {DASH} {r.markup(term.definition)}", r.paras.glossary))
    return out


def figure(r: BlockRenderer, block: m.Figure) -> list[Flowable]:
    """The image as large as the column allows, up to 45% of the page's height, with its caption."""
    image = ImageReader(io.BytesIO(block.data))
    width, height = image.getSize()
    scale = min(r.frame_width / width, r.style.frame_height * MAX_FIGURE_HEIGHT / height)
    # the caption beside the Figure, not in it: a figure's /Alt stands for all it holds, so a
    # reader that reads the description would never reach a caption inside
    with r.inside("Div"):
        element = r.parent.add("Figure", alt=block.alt)
        picture = Picture(io.BytesIO(block.data), width * scale, height * scale, hAlign="LEFT", node=element)
        parts: list[Flowable] = [picture]
        if block.caption:
            parts.append(r.tagged(r.markup(block.caption), r.paras.quote_source, role="Caption"))
    return [Kept(parts), Gap(r.style.paragraph_space)]


HANDLERS: dict[type, Callable[..., list[Flowable]]] = {
    m.Figure: figure, m.PullQuote: pull_quote, m.CharacterBox: character_box, m.KeyQuotations: key_quotations,
    m.Glossary: glossary,
}
