"""The named paragraph styles of one build, derived from the Style's values."""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from ..stylesheet import Style
from .fonts import face_name, register_family
from .hyphenation import hyphenator


@dataclass(frozen=True)
class ParagraphStyles:
    body: ParagraphStyle
    list_body: ParagraphStyle
    small: ParagraphStyle
    headings: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]
    toc_levels: tuple[ParagraphStyle, ParagraphStyle, ParagraphStyle]
    contents_title: ParagraphStyle
    cover_title: ParagraphStyle
    cover_subtitle: ParagraphStyle
    cover_edition: ParagraphStyle
    quote: ParagraphStyle
    quote_source: ParagraphStyle
    box_title: ParagraphStyle
    box_role: ParagraphStyle
    box_body: ParagraphStyle
    label: ParagraphStyle
    question: ParagraphStyle
    answer: ParagraphStyle
    key_quote: ParagraphStyle
    tags: ParagraphStyle
    glossary: ParagraphStyle
    table_head: ParagraphStyle
    table_cell: ParagraphStyle


def build_paragraph_styles(style: Style, language: str = "en-GB") -> ParagraphStyles:
    serif, sans = register_family(style.body_font), register_family(style.heading_font)
    size, leading = style.body_size, style.body_leading
    body = ParagraphStyle(
        "body", fontName=serif, fontSize=size, leading=leading, textColor=HexColor(style.text_colour),
        alignment=TA_JUSTIFY if style.justify else TA_LEFT, spaceAfter=style.paragraph_space,
        allowWidows=0, allowOrphans=0, bulletFontName=serif, bulletFontSize=size,
        # pyphen's patterns, through reportlab's own hyphenation, for justified text
        hyphenationLang=hyphenator(language.replace("-", "_")) if style.hyphenate else "", embeddedHyphenation=0,
        uriWasteReduce=0)

    def like(name: str, parent: ParagraphStyle = body, **changes) -> ParagraphStyle:
        if changes.get("alignment") == TA_LEFT:  # ragged text needs no hyphens: it has room
            changes.setdefault("hyphenationLang", "")
        if isinstance(changes.get("textColor"), str):  # (a colour given as text is parsed at every line drawn)
            changes["textColor"] = HexColor(changes["textColor"])
        return ParagraphStyle(name, parent=parent, **changes)

    sans_bold = face_name(style.heading_font, "bold")
    # large print keeps long passages upright; otherwise quotations and roles are italic
    quoting = face_name(style.body_font, "italic" if style.quote_italic else "regular")
    sans_semibold = face_name(style.heading_font, "semibold")
    heading_sizes = style.heading_sizes
    # keepWithNext: platypus moves a heading on with the block after it, never stranding it
    headings = (
        like("h1", keepWithNext=1, fontName=sans_bold, fontSize=heading_sizes[0], leading=heading_sizes[0] * 1.15,
             textColor=style.accent_colour, alignment=TA_LEFT, spaceBefore=0, spaceAfter=size * 1.2),
        like("h2", keepWithNext=1, fontName=sans_bold, fontSize=heading_sizes[1], leading=heading_sizes[1] * 1.2,
             textColor=style.accent_colour, alignment=TA_LEFT, spaceBefore=size * 1.2, spaceAfter=size * 0.5),
        like("h3", keepWithNext=1, fontName=sans_semibold, fontSize=heading_sizes[2], leading=heading_sizes[2] * 1.25,
             textColor=style.text_colour, alignment=TA_LEFT, spaceBefore=size * 0.8, spaceAfter=size * 0.3),
    )
    small = like("small", fontSize=style.small_size, leading=style.small_size * 1.35, alignment=TA_LEFT,
                 spaceAfter=style.small_size * 0.4)
    return ParagraphStyles(
        body=body,
        list_body=like("list-body", spaceAfter=size * 0.25),
        small=small,
        headings=headings,
        toc_levels=(
            like("toc0", fontName=sans_semibold, fontSize=size * 1.05, leading=leading * 1.05, alignment=TA_LEFT,
                 spaceBefore=size * 0.35, spaceAfter=0, rightIndent=size * 3),
            like("toc1", alignment=TA_LEFT, leftIndent=size * 1.5, spaceAfter=0, rightIndent=size * 3),
            like("toc2", alignment=TA_LEFT, leftIndent=size * 3, spaceAfter=0, rightIndent=size * 3),
        ),
        contents_title=like("contents-title", parent=headings[0]),
        cover_title=like("cover-title", fontName=sans_bold, fontSize=style.title_size,
                         leading=style.title_size * 1.1, textColor=style.accent_colour, alignment=TA_LEFT),
        cover_subtitle=like("cover-subtitle", fontName=quoting,
                            fontSize=size * 1.6, leading=size * 2.1, alignment=TA_LEFT),
        cover_edition=like("cover-edition", fontName=sans_bold, fontSize=size * 1.5, leading=size * 2,
                           textColor=style.accent_colour, alignment=TA_LEFT),
        quote=like("quote", fontName=quoting, fontSize=style.quote_size,
                   leading=style.quote_size * 1.35, alignment=TA_LEFT, textColor=style.text_colour, spaceAfter=4),
        quote_source=like("quote-source", fontName=sans, fontSize=style.small_size,
                          leading=style.small_size * 1.3, textColor=style.muted_colour, alignment=TA_LEFT),
        box_title=like("box-title", fontName=sans_bold, fontSize=heading_sizes[2] * 1.1,
                       leading=heading_sizes[2] * 1.35, textColor=style.accent_colour, alignment=TA_LEFT, spaceAfter=0),
        box_role=like("box-role", fontName=quoting, alignment=TA_LEFT,
                      textColor=style.muted_colour, spaceAfter=2),
        box_body=like("box-body", alignment=TA_LEFT, spaceAfter=3),
        label=like("label", fontName=sans_bold, fontSize=style.small_size, leading=style.small_size * 1.3,
                   textColor=style.accent_colour, alignment=TA_LEFT, spaceAfter=2),
        question=like("question", leftIndent=size * 2.2, bulletIndent=0, spaceAfter=size * 0.3),
        key_quote=like("key-quote", fontName=quoting, fontSize=size * 1.1,
                       leading=leading * 1.1, alignment=TA_LEFT, spaceAfter=2),
        tags=like("tags", fontName=sans, fontSize=style.small_size, leading=style.small_size * 1.3,
                  textColor=style.muted_colour, alignment=TA_LEFT, spaceAfter=3),
        glossary=like("glossary", alignment=TA_LEFT, leftIndent=size * 1.5, firstLineIndent=-size * 1.5,
                      spaceAfter=size * 0.45),
        answer=like("answer", alignment=TA_LEFT, textColor=style.answer_colour, leftIndent=size * 2.2,
                    spaceAfter=size * 0.8),
        table_head=like("table-head", fontName=sans_bold, fontSize=style.small_size * 1.05,
                        leading=style.small_size * 1.4, alignment=TA_LEFT, spaceAfter=0),
        table_cell=like("table-cell", fontSize=size * 0.95, leading=leading * 0.95, alignment=TA_LEFT, spaceAfter=0),
    )
