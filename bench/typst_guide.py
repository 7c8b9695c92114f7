"""The guide as Typst source, for the benchmark's side-by-side with Typst: the teacher edition
of some content, from the tool's own model (after the same transforms), with the same page,
fonts, sizes and leading, contents, running heads and "Page N of M" footers, so that Typst
lays out the same text on about as many pages.

    python bench/typst_guide.py CONTENT FOLDER     (prints the .typ file's path and its font folders)

Typst gets the words and the structure; it does not get the tool's drawings (each becomes
its table or list, as a screen reader hears it), its tagging or its form fields, so the
comparison, if anything, flatters Typst. Text is passed as Typst strings (`#"..."`), which
need only `\\` and `"` escaped, so nothing in the content can be read as markup.
"""
from __future__ import annotations

import sys
from functools import singledispatch
from pathlib import Path

from nlmg_pdf import model as m
from nlmg_pdf.editions import Edition
from nlmg_pdf.fontfiles import face_file
from nlmg_pdf.inputs import load
from nlmg_pdf.stylesheet import Style
from nlmg_pdf.transforms import prepare

PAPERS = {"letter": "us-letter", "a4": "a4"}


def text(words: str) -> str:
    """Words as a Typst string in markup: shown as they are."""
    return '#"' + words.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@singledispatch
def inline(node) -> str:
    raise TypeError(f"no Typst for {type(node).__name__}")


@inline.register
def _(node: m.Text) -> str:
    return text(node.text)


@inline.register
def _(node: m.Emphasis) -> str:
    return f"#emph[{inlines(node.children)}]"


@inline.register
def _(node: m.Strong) -> str:
    return f"#strong[{inlines(node.children)}]"


@inline.register
def _(node: m.Code) -> str:
    return f"#raw({text(node.text)[1:]})"


@inline.register
def _(node: m.Link) -> str:
    if node.target.startswith("#"):
        return f"#link(<{node.target[1:]}>)[{inlines(node.children)}]"
    return f"#link({text(node.target)[1:]})[{inlines(node.children)}]"


@inline.register
def _(node: m.LineBreak) -> str:
    return "#linebreak()"


@inline.register
def _(node: m.NoteRef) -> str:
    return f"#super[{node.number}]"


def inlines(nodes) -> str:
    return "".join(inline(node) for node in nodes)


@singledispatch
def block(node) -> str:
    raise TypeError(f"no Typst for {type(node).__name__}")


def blocks(nodes) -> str:
    return "\n\n".join(block(node) for node in nodes)


@block.register
def _(node: m.Heading) -> str:
    return f"#heading(level: {node.level})[{inlines(node.children)}] <{node.anchor}>"


@block.register
def _(node: m.Paragraph) -> str:
    return inlines(node.children)


@block.register
def _(node: m.ListBlock) -> str:
    items = ", ".join(f"[{blocks(item)}]" for item in node.items)
    return f"#enum(start: {node.start}, {items})" if node.ordered else f"#list({items})"


@block.register
def _(node: m.BlockQuote) -> str:
    return f"#quote(block: true)[{blocks(node.children)}]"


@block.register
def _(node: m.Rule) -> str:
    return "#line(length: 100%, stroke: 0.5pt)"


def table(header, rows) -> str:
    head = ", ".join(f"[{cell}]" for cell in header)
    body = ", ".join(f"[{cell}]" for row in rows for cell in row)
    return f"#table(columns: {len(header)}, table.header({head}), {body})"


@block.register
def _(node: m.Table) -> str:
    return table([inlines(cell) for cell in node.header], [[inlines(cell) for cell in row] for row in node.rows])


def boxed(content: str, title: str = "") -> str:
    label = f"#text(font: HEADINGS, weight: \"bold\")[{text(title.upper())}]\n\n" if title else ""
    return f"#block(fill: BOX, stroke: 0.8pt + RULE, inset: 8pt, width: 100%, breakable: false)[{label}{content}]"


@block.register
def _(node: m.Callout) -> str:
    return boxed(blocks(node.children), node.title)


@block.register
def _(node: m.Only) -> str:
    return blocks(node.children)


def quotation(quote: m.Quotation) -> str:
    said = text(f"{quote.speaker}, chapter {quote.chapter}")
    return f"#quote(block: true, attribution: [{said}])[{text(quote.text)}]"


@block.register
def _(node: m.PullQuote) -> str:
    return f"#text(size: QUOTE, style: \"italic\")[{quotation(node.quotation)}]"


@block.register
def _(node: m.CharacterBox) -> str:
    person = node.character
    parts = [f"#strong[{text(person.name)}]: {text(person.role)}", inlines(person.profile)]
    parts += [inlines(person.arc)] if person.arc else []
    parts += [inlines(person.relationships), text("Traits: " + ", ".join(person.traits))]
    parts += [quotation(person.quotation)] if person.quotation else []
    return boxed("\n\n".join(parts))


def question(number: int, words: str, answer: str | None) -> str:
    shown = f"#strong[{number}.] {words}"
    return shown + (f"\n\n#block(inset: (left: 1.5em))[#strong[{text('Answer:')}] {answer}]" if answer else "")


@block.register
def _(node: m.QuestionList) -> str:
    return "\n\n".join(question(q.number, inlines(q.text), inlines(q.answer) if q.answer else None)
                       for q in node.questions)


@block.register
def _(node: m.KeyQuotations) -> str:
    return "\n\n".join(quotation(quote) + "\n\n" + inlines(quote.comment) for quote in node.quotations)


def quiz_item(item: m.QuizItem) -> str:
    options = "".join(f"\\\n{text(chr(65 + n) + '. ')}{inlines(option)}" for n, option in enumerate(item.options))
    return question(item.number, inlines(item.text) + options, text(item.answer) if item.answer else None)


@block.register
def _(node: m.Quiz) -> str:
    return "\n\n".join(quiz_item(item) for item in node.items)


@block.register
def _(node: m.AnswerKey) -> str:
    return table([text("Item"), text("Answer")], [[text(str(item.number)), text(item.answer or "")]
                                                   for item in node.items])


@block.register
def _(node: m.ReadingSchedule) -> str:
    return table([text("Part"), text("Chapters"), text("Focus")],
                 [[text(r.part), text(r.chapters), text(r.focus)] for r in node.readings])


@block.register
def _(node: m.Glossary) -> str:
    return "\n\n".join(f"#strong[{text(term.term)}] {inlines(term.definition)}" for term in node.terms)


@block.register
def _(node: m.Figure) -> str:
    return f"#block[{text(node.alt)}]" + (f"\n\n{inlines(node.caption)}" if node.caption else "")


@block.register
def _(node: m.NoteList) -> str:
    return "\n\n".join(f"#super[{note.number}] {blocks(note.children)}" for note in node.notes)


@block.register
def _(node: m.ThemeTracker) -> str:
    return table([text("Theme"), text("Chapters")],
                 [[text(theme.name), text(", ".join(str(c.chapter) for c in node.chapters
                                                    if any(t.theme == theme for t in c.themes)))]
                  for theme in node.themes])


@block.register
def _(node: m.Timeline) -> str:
    return "#enum(" + ", ".join(f"[{text(f'{event.text} (age {event.when}, chapter {event.chapter})')}]"
                                for event in node.events) + ")"


@block.register
def _(node: m.RelationshipMap) -> str:
    return "#list(" + ", ".join(f"[{text(' and '.join(link.between) + ': ' + link.label)}]"
                                for link in node.links) + ")"


def preamble(guide: m.Guide, style: Style) -> str:
    """Page, fonts and the furniture of every page, as the tool's default style sets them."""
    title = text(guide.metadata.title)
    return f"""#let HEADINGS = "{style.heading_font}"
#let BOX = rgb("{style.box_colour}")
#let RULE = rgb("{style.rule_colour}")
#let QUOTE = {style.quote_size}pt
#set document(title: [{title}])
#set page(paper: "{PAPERS[style.paper]}", margin: (top: {style.margin_top}pt, bottom: {style.margin_bottom}pt,
  left: {style.margin_left}pt, right: {style.margin_right}pt),
  header: context {{
    let before = query(heading.where(level: 1).before(here()))
    if counter(page).get().first() > 2 and before.len() > 0 [
      #set text(size: {style.small_size}pt, font: HEADINGS)
      {title} #h(1fr) #before.last().body
    ]
  }},
  footer: context [
    #set text(size: {style.small_size}pt, font: HEADINGS)
    #h(1fr) Page #counter(page).display() of #counter(page).final().first()
  ])
#set text(font: "{style.body_font}", size: {style.body_size}pt, lang: "{guide.metadata.language[:2]}",
  fill: rgb("{style.text_colour}"), hyphenate: {str(style.hyphenate).lower()})
#set par(justify: {str(style.justify).lower()}, leading: {style.body_leading - style.body_size}pt,
  spacing: {style.body_leading - style.body_size + style.paragraph_space}pt)
#show heading: set text(font: HEADINGS, fill: rgb("{style.accent_colour}"))
#show heading.where(level: 1): set text(size: {style.section_size}pt)
#show heading.where(level: 2): set text(size: {style.heading_size}pt)
#show heading.where(level: 3): set text(size: {style.subheading_size}pt)
"""


def typst_source(guide: m.Guide, style: Style) -> str:
    """The whole guide: a cover, the contents, then each section (a new page where the tool
    starts one)."""
    meta = guide.metadata
    parts = [preamble(guide, style),
             f"#align(center)[#text(size: {style.title_size}pt, font: HEADINGS)[{text(meta.title)}]\n\n"
             f"{text(meta.subtitle)}]",
             "#pagebreak()\n#outline(depth: 2)"]
    for section in guide.sections:
        opening = "#pagebreak(weak: true)\n" if section.new_page else ""
        title = section.blocks[0] if section.blocks and isinstance(section.blocks[0], m.Heading) else None
        heading = "" if title else f"#heading(level: 1)[{text(section.title)}] <{section.id}>\n\n"
        parts.append(opening + heading + blocks(section.blocks))
    return "\n\n".join(parts) + "\n"


def font_folders(style: Style) -> list[Path]:
    return sorted({face_file(family, "regular").parent for family in (style.body_font, style.heading_font)})


def main(content: str, folder: str) -> None:
    guide, style = load(Path(content), "default", None)
    source = Path(folder) / f"guide-{Path(content).name}.typ"
    source.write_text(typst_source(prepare(guide, Edition.TEACHER), style), encoding="utf-8")
    print(source, *font_folders(style))


if __name__ == "__main__":
    main(*sys.argv[1:])
