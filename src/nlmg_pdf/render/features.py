"""Flowables for the guide's data: pull-quotes, character boxes, key quotations, the glossary."""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, Paragraph, Spacer

from .. import model as m
from .flowables import Kept, PullQuote
from .markup import text

if TYPE_CHECKING:
    from .blocks import BlockRenderer

LEFT_QUOTE, RIGHT_QUOTE, DASH, DOT = "\u201c", "\u201d", "\u2014", " \u00b7 "


def pull_quote(r: BlockRenderer, block: m.PullQuote) -> list[Flowable]:
    quotation = block.quotation
    quote = Paragraph(f"{LEFT_QUOTE}{text(quotation.text)}{RIGHT_QUOTE}", r.styles.quote)
    source = Paragraph(f"{DASH} {text(quotation.speaker)}, chapter {quotation.chapter}", r.styles.quote_source)
    return [PullQuote(quote, source, r.style.accent_colour, r.style.body_size * 0.8, r.style.box_border * 1.5)]


def character_box(r: BlockRenderer, block: m.CharacterBox) -> list[Flowable]:
    character, styles = block.character, r.styles
    rows = [[Paragraph(text(character.name), styles.box_title)],
            [Paragraph(text(character.role), styles.box_role)],
            [Paragraph(r.markup(character.profile), styles.box_body)]]
    for label, inlines in (("Arc", character.arc), ("Relationships", character.relationships)):
        if inlines:
            rows.append([Paragraph(f"<b>{label}:</b> {r.markup(inlines)}", styles.box_body)])
    if character.traits:
        rows.append([Paragraph(f"<b>Traits:</b> {DOT.join(text(t) for t in character.traits)}", styles.box_body)])
    if character.quotation:
        q = character.quotation
        rows.append([Paragraph(f"{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE} <font name=\"{styles.quote_source.fontName}\" "
                               f"size=\"{r.style.small_size}\">(chapter {q.chapter})</font>", styles.box_role)])
    return r.box(rows, border=r.style.rule_colour)


def key_quotations(r: BlockRenderer, block: m.KeyQuotations) -> list[Flowable]:
    out: list[Flowable] = []
    for q in block.quotations:
        parts = [Paragraph(f"{LEFT_QUOTE}{text(q.text)}{RIGHT_QUOTE}", r.styles.key_quote),
                 Paragraph(f"{DASH} {text(q.speaker)}, chapter {q.chapter}", r.styles.quote_source)]
        if q.themes:
            tags = DOT.join(f"{r.theme_icon(theme)} {text(theme.name)}" for theme in q.themes)
            parts.append(Paragraph(f"<b>Themes:</b> {tags}", r.styles.tags))
        if q.comment:
            parts.append(Paragraph(r.markup(q.comment), r.styles.body))
        out += [Kept(parts), Spacer(1, r.style.paragraph_space)]
    return out


def glossary(r: BlockRenderer, block: m.Glossary) -> list[Flowable]:
    out: list[Flowable] = []
    for term in block.terms:
        where = f' <font size="{r.style.small_size}">(chapter {term.chapter})</font>' if term.chapter else ""
        out.append(Paragraph(f"<b>{text(term.term)}</b>{where} {DASH} {r.markup(term.definition)}",
                             r.styles.glossary))
    return out


HANDLERS = {m.PullQuote: pull_quote, m.CharacterBox: character_box, m.KeyQuotations: key_quotations,
            m.Glossary: glossary}
