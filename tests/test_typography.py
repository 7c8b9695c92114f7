"""Typography: text read from YAML as plain text (a name, a role, a title, a schedule's focus) gets the
curly quotes, apostrophes and dashes markdown-it's typographer gives Markdown text, so a field reads
the same whether it is Markdown or plain, and no straight quote reaches the printed page."""
from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import shipped_guide
from nlmg_pdf import model as m
from nlmg_pdf.errors import Problems
from nlmg_pdf.reading.guide import load_guide
from nlmg_pdf.reading.inline import InlineReader
from nlmg_pdf.reading.typography import typeset
from nlmg_pdf.reading.yamlfile import Record, parse_yaml
from nlmg_pdf.transforms import walk

# str fields that are never printed as words: ids, anchors, URLs, colours, keys of tables, codes
NOT_PRINTED = frozenset({"id", "set_id", "anchor", "target", "colour", "icon", "language", "paper"})
STRAIGHT = ("'", '"')


def printed_texts(node: object) -> Iterator[tuple[str, str]]:
    """(where, text) for every printed text in a model object: every str field of every dataclass
    reachable from it, except ids, anchors, URLs, colours, sources and code (printed as typed)."""
    seen: set[int] = set()

    def visit(value: object, where: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, Enum | bytes | m.Source | m.Code):
            return
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, tuple | list | frozenset):
            for number, item in enumerate(value):
                yield from visit(item, f"{where}[{number}]")
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from visit(item, f"{where}[{key!r}]")
        elif dataclasses.is_dataclass(value) and id(value) not in seen:
            seen.add(id(value))  # a quotation is in the table, in a pull-quote and in a character's box
            for field in dataclasses.fields(value):
                if field.name not in NOT_PRINTED:
                    yield from visit(getattr(value, field.name), f"{where}.{field.name}")

    yield from visit(node, type(node).__name__)


def straight_quotes(node: object) -> list[str]:
    """Every printed text in `node` that still has a straight quote, as 'where: text'."""
    return [f"{where}: {text!r}" for where, text in printed_texts(node) if any(q in text for q in STRAIGHT)]


def as_markdown(text: str) -> str:
    """The words of `text` read as Markdown inside a YAML field (a profile, an answer)."""
    return m.plain_text(InlineReader("test.yaml", Problems()).parse(text, m.Source("test.yaml", 1)))


def record(yaml_text: str) -> Record:
    return Record(parse_yaml(textwrap.dedent(yaml_text), "test.yaml"), "test.yaml", Problems())


# --- the typesetting function -------------------------------------------------


def test_a_plain_field_gets_curly_quotes_and_apostrophes():
    entry = record("""\
        role: Kathy's "friend"
        traits: [loyal, 'a "watcher"', Hailsham's own]
        id: kathy's-id
        """)
    assert entry.printed("role") == "Kathy\u2019s \u201cfriend\u201d"
    assert entry.printed_texts("traits") == ("loyal", "a \u201cwatcher\u201d", "Hailsham\u2019s own")
    assert entry.text("id") == "kathy's-id"  # an id is never typeset
    assert entry.printed("missing", required=False) is None


def test_dashes_and_single_quotes_are_set_as_markdown_sets_them():
    assert typeset("Part One -- chapters 1--4 --- or so") == "Part One \u2013 chapters 1\u20134 \u2014 or so"
    assert typeset("'Possibles', she said...") == "\u2018Possibles\u2019, she said\u2026"
    assert typeset("\"nested 'single' quotes\"") == "\u201cnested \u2018single\u2019 quotes\u201d"
    assert typeset("the students' art") == "the students\u2019 art"


def test_plain_text_is_not_read_as_markdown():
    assert typeset("*not* emphasis, `not code`, [not](a-link) & \\ it's") == (
        "*not* emphasis, `not code`, [not](a-link) & \\ it\u2019s")


@pytest.mark.parametrize("text", [
    "Kathy's \"friend\"", "'Possibles'", "the students' best art", "a -- b --- c", "1--4", "wait... what?....",
    "(c) (tm) (r) +-", "\"nested 'single' quotes\"", "it's 'Hailsham's' way", "'90s", "6'2\"", "\"\"", "''",
    "Tommy's theory -- and Ruth's apology", "a\"b\"c", "(\"quoted\")", "\"Never Let Me Go\"---the song",
])
def test_a_field_reads_the_same_plain_or_as_markdown(text):
    """The very rules of the configured parser, so the two never drift apart (even where markdown-it
    leaves a quote straight, as in '90s or an inch mark, plain text does the same)."""
    assert typeset(text) == as_markdown(text)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab1 '\"-.,?!()ctrTM+", min_size=1).map(str.strip).filter(bool))
def test_any_text_reads_the_same_plain_or_as_markdown(text):
    assert typeset(text) == as_markdown(text)


# --- the checker --------------------------------------------------------------


def test_the_checker_finds_a_straight_quote_in_a_hand_made_model():
    theme = m.Theme(id="it's-an-id", name="Memory", colour="#000000", icon="note")
    quotation = m.Quotation(id="q", text="I\u2019m here", speaker="Miss Emily's", chapter=1, themes=(theme,),
                            comment=(m.Text("a "), m.Code("it's code"), m.Link("https://x.org/it's", (m.Text("ok"),))),
                            source=m.Source("it's.yaml"))
    character = m.Character(id="tommy", name="Tommy", role="Kathy's friend", profile=(m.Emphasis((m.Text('"'),)),),
                            arc=(), relationships=(), traits=("loyal", "Ruth's"), quotation=quotation,
                            source=m.Source("x"))
    found = straight_quotes(m.CharacterBox(character))
    assert found == ["CharacterBox.character.role: \"Kathy's friend\"",
                     "CharacterBox.character.profile[0].children[0].text: '\"'",
                     "CharacterBox.character.traits[1]: \"Ruth's\"",
                     "CharacterBox.character.quotation.speaker: \"Miss Emily's\""], found  # not ids, code or URLs
    assert straight_quotes(m.Paragraph((m.Text("Kathy\u2019s \u201cfriend\u201d"),))) == []


# --- the shipped guide and its PDF ----------------------------------------------


@pytest.mark.parametrize("edition", [None, *m.Edition])
def test_the_shipped_guide_has_no_straight_quote_in_any_printed_text(edition):
    guide = shipped_guide(edition)
    texts = {text for _, text in printed_texts(guide)}
    # the walk reaches every kind of printed text, not only the blocks
    assert "Kathy\u2019s friend from Hailsham; later a donor, and Kathy\u2019s lover" in texts  # a character's role
    assert {block.quotation.speaker for block in walk(guide) if isinstance(block, m.PullQuote)} <= texts
    assert {quotation.text for quotation in guide.quotations.values()} <= texts
    assert guide.metadata.title in texts and all(section.title in texts for section in guide.sections)
    if edition is not m.Edition.TEACHER:  # the reading schedule is the workbook's
        assert "Kathy\u2019s voice; Tommy; Madame and the Gallery" in texts  # a schedule's focus
    assert straight_quotes(guide) == []


def test_the_novels_words_get_typographic_apostrophes():
    opening = next(q for q in shipped_guide().quotations.values() if q.text.startswith("My name is Kathy H."))
    assert "I\u2019m thirty-one years old, and I\u2019ve been a carer" in opening.text


def test_the_teacher_edition_prints_no_straight_quote(teacher):
    assert "'" not in teacher.text and '"' not in teacher.text
    assert teacher.shows("Kathy\u2019s friend from Hailsham")


# --- every plain field, read from a hand-made guide -----------------------------


FILES = {
    "guide.yaml": """\
        title: Kathy's "guide"
        subtitle: A guide -- to 'the' novel
        novel: {title: Ender's Game, author: O'Brien, published: 2005, chapters: 9}
        author: The "team"
        subject: Kathy's novel
        keywords: [Kathy's world, "\\"quoted\\""]
        language: en-GB
        date: 2026-01-02
        licence: Copy it for your class's use
        report: "Tell the 'team' -- at https://example.org/a--b/errata or help--desk@example.org"
        sections: [sections/one.md]
        data: {themes: data/themes.yaml, quotations: data/quotations.yaml, characters: data/characters.yaml,
               quiz: data/quiz.yaml, glossary: data/glossary.yaml, schedule: data/schedule.yaml}
        """,
    "sections/one.md": """\
        ---
        title: Tommy's "section"
        ---
        @theme hope

        @pullquote q-one

        @character kathy-h

        @quiz

        @answer-key

        @glossary

        @reading-schedule

        ![Kathy's "picture"](images/picture.png "it's -- a caption")
        """,
    "data/themes.yaml": """\
        themes:
          - {id: hope, name: Hope's "end", colour: "#7A3E00", icon: note}
        """,
    "data/quotations.yaml": """\
        quotations:
          - {id: q-one, text: "I'm the novel's \\"words\\"", speaker: Miss Emily's girl, chapter: 1, themes: [hope]}
        """,
    "data/characters.yaml": """\
        characters:
          - id: kathy-h
            name: Kathy "H."
            role: Tommy's friend
            profile: She's a carer.
            traits: [watchful, Hailsham's own]
            quotation: q-one
        """,
    "data/quiz.yaml": """\
        items:
          - kind: short
            text: What's this?
            answer: Ruth's "apology"
          - kind: choice
            text: Which?
            options: ["Ruth's", "Tommy's"]
            answer: A
        """,
    "data/glossary.yaml": """\
        terms:
          - {term: "'possible'", definition: A model's copy.}
        """,
    "data/schedule.yaml": """\
        readings:
          - {part: Part "One", chapters: 1--4, focus: Kathy's voice}
        """,
}


def test_every_plain_field_of_a_guide_is_typeset(tmp_path: Path):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (tmp_path / "images").mkdir()
    Image.new("RGB", (4, 4), "white").save(tmp_path / "images" / "picture.png")
    guide = load_guide(tmp_path)
    assert straight_quotes(guide) == []
    md, theme, character = guide.metadata, guide.sections[0].blocks[0].theme, guide.characters["kathy-h"]
    assert (md.title, md.subtitle, md.novel_title, md.novel_author, md.author, md.subject, md.keywords) == (
        "Kathy\u2019s \u201cguide\u201d", "A guide \u2013 to \u2018the\u2019 novel", "Ender\u2019s Game",
        "O\u2019Brien", "The \u201cteam\u201d", "Kathy\u2019s novel", ("Kathy\u2019s world", "\u201cquoted\u201d"))
    assert md.licence == "Copy it for your class\u2019s use"
    assert md.report == ("Tell the \u2018team\u2019 \u2013 at https://example.org/a--b/errata or "
                         "help--desk@example.org")  # the addresses are as they were
    assert md.file_stem == "ender-s-game"  # the file's name is as it was
    assert guide.sections[0].title == "Tommy\u2019s \u201csection\u201d" and guide.sections[0].id == "one"
    assert theme is not None and (theme.name, theme.colour) == ("Hope\u2019s \u201cend\u201d", "#7a3e00")
    assert guide.sections[0].blocks[0].anchor == "one--hope-s-end"  # an anchor is as it was
    assert (character.name, character.role, character.traits) == (
        "Kathy \u201cH.\u201d", "Tommy\u2019s friend", ("watchful", "Hailsham\u2019s own"))
    quotation = guide.quotations["q-one"]
    assert (quotation.text, quotation.speaker) == ("I\u2019m the novel\u2019s \u201cwords\u201d",
                                                   "Miss Emily\u2019s girl")
    blocks = {type(block): block for block in walk(guide)}
    short, choice = blocks[m.Quiz].items
    assert short.answer_text() == "Ruth\u2019s \u201capology\u201d" and choice.answer_text() == "A (Ruth\u2019s)"
    assert blocks[m.Glossary].terms[0].term == "\u2018possible\u2019"
    reading = blocks[m.ReadingSchedule].readings[0]
    assert (reading.part, reading.chapters, reading.focus) == ("Part \u201cOne\u201d", "1\u20134", "Kathy\u2019s voice")
    # markdown-it's typographer leaves an image's text alone; the image reader sets it
    figure = blocks[m.Figure]
    assert (figure.alt, figure.caption) == ("Kathy\u2019s \u201cpicture\u201d", (m.Text("it\u2019s \u2013 a caption"),))
