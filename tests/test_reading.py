"""Markdown and YAML become the model, and every mistake is reported where it is."""
from __future__ import annotations

import shutil
import textwrap

import pytest

from conftest import CONTENT
from nlmg_pdf import model as m
from nlmg_pdf.errors import UserError
from nlmg_pdf.reading.guide import load_guide


@pytest.fixture
def content(tmp_path):
    """A copy of the guide's content with one section, `sections/test.md`, to write into."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    manifest = copy / "guide.yaml"
    text = manifest.read_text()
    start = text.index("sections:")
    end = text.index("data:")
    manifest.write_text(text[:start] + "sections:\n  - sections/test.md\n" + text[end:])
    return copy


def section(content, body: str) -> m.Section:
    (content / "sections" / "test.md").write_text("---\ntitle: Test\n---\n" + textwrap.dedent(body))
    return load_guide(content).sections[0]


def problems(content, body: str) -> list[str]:
    with pytest.raises(UserError) as caught:
        section(content, body)
    return [str(p) for p in caught.value.problems]


def test_blocks_of_every_kind(content):
    blocks = section(content, """
        A *short* **paragraph** with `code`, a [link](https://example.org) and a note[^1].

        ## A heading

        - one
          - nested
        - two

        3. three
        4. four

        > quoted

        | Left | Right |
        |:-----|------:|
        | a    | b     |

        ---

        @pullquote told-and-not-told

        @character kathy

        @questions part-one

        ::: teacher-note
        For teachers.
        :::

        [^1]: The note.
        """).blocks
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Heading", "ListBlock", "ListBlock", "BlockQuote", "Table", "Rule",
                     "PullQuote", "CharacterBox", "QuestionList", "Only", "NoteList"]
    paragraph, heading, bullets, numbers, _, table = blocks[:6]
    assert [type(i).__name__ for i in paragraph.children] == [
        "Text", "Emphasis", "Text", "Strong", "Text", "Code", "Text", "Link", "Text", "NoteRef", "Text"]
    assert heading.anchor == "test--a-heading" and heading.source.line == 7
    assert isinstance(bullets.items[0][1], m.ListBlock)
    assert numbers.ordered and numbers.start == 3
    assert table.aligns == (m.Align.LEFT, m.Align.RIGHT)
    only = blocks[10]
    assert only.editions == {m.Edition.TEACHER} and isinstance(only.children[0], m.Callout)


def test_markup_in_content_stays_text(content):
    paragraph = section(content, "Tags <b>stay</b> & <font color=red>text</font>.\n").blocks[0]
    assert m.plain_text(paragraph.children) == "Tags <b>stay</b> & <font color=red>text</font>."


def test_script_and_file_links_never_become_links(content):
    paragraph = section(content, "[a](javascript:alert(1)) [b](file:///etc/passwd)\n").blocks[0]
    assert not [node for node in paragraph.children if isinstance(node, m.Link)]
    assert m.plain_text(paragraph.children) == "[a](javascript:alert(1)) [b](file:///etc/passwd)"


def test_every_mistake_in_a_file_is_reported_with_its_line(content):
    found = problems(content, """
        # Too high

        @pullquote told-and-not-tld

        @chracter kathy

        ::: teachr
        Text.
        :::

        [bad link](ftp://example.org/x) and [nowhere](#no-such-section)
        """)
    assert found == [
        "sections/test.md:5:1: heading level 1 ('#'); expected '##' or '###' (the section title comes "
        "from the front matter)",
        "sections/test.md:7:12: unknown quotation 'told-and-not-tld' in '@pullquote'; did you mean "
        "'told-and-not-told'?",
        "sections/test.md:9:1: unknown directive '@chracter'; expected one of: @pullquote, @character, "
        "@questions, @theme, @reading-check, @quiz, @answer-key, @glossary, @reading-schedule, @key-quotations, "
        "@theme-tracker, @timeline, @relationship-map; "
        "did you mean 'character'?",
        "sections/test.md:11:1: unknown box '::: teachr'; expected one of: teacher, student, note, "
        "why, teacher-note; did you mean 'teacher'?",
        "sections/test.md:15:10: link to 'ftp://example.org/x': expected a web address (https://...), "
        "a mailto: address or '#section-id'",
        "sections/test.md:15:45: link to '#no-such-section' leads nowhere; expected a section id",
    ]


def test_heading_levels_go_down_one_at_a_time(content):
    assert problems(content, "### Too deep\n\nText.\n") == [
        "sections/test.md:4:1: '###' heading with no '##' heading above it in this section; "
        "expected the levels to go down one at a time"]


def test_front_matter_that_never_closes(content):
    (content / "sections" / "test.md").write_text("---\ntitle: Test\n\nBody.\n")
    with pytest.raises(UserError) as caught:
        load_guide(content)
    assert str(caught.value) == ("sections/test.md:1: the front matter opened here never closes; "
                                 "expected a line '---' after its fields")


def test_yaml_mistakes_name_file_line_and_expectation(content):
    quotations = content / "data" / "quotations.yaml"
    text = quotations.read_text().replace("chapter: 7", "chapter: 27", 1).replace("speaker:", "spaeker:", 1)
    quotations.write_text(text)
    (content / "sections" / "test.md").write_text("---\ntitle: Test\n---\nBody.\n")
    with pytest.raises(UserError) as caught:
        load_guide(content)
    found = [str(p) for p in caught.value.problems]
    assert any(p.endswith("field 'chapter': expected a whole number from 1 to 23, got the number 27")
               for p in found), found
    assert any("unknown field 'spaeker'; did you mean 'speaker'?" in p for p in found), found
    assert all(p.startswith("data/quotations.yaml:") for p in found)


def test_invalid_yaml_syntax(content):
    (content / "data" / "characters.yaml").write_text("characters:\n  - id: kathy\n\tname: x\n")
    with pytest.raises(UserError) as caught:
        load_guide(content)
    assert str(caught.value).startswith("data/characters.yaml:3:1: invalid YAML: a tab character")


def test_the_themes_of_every_chapter_are_in_the_model():
    guide = load_guide(CONTENT)
    assert [entry.chapter for entry in guide.chapter_themes] == list(range(1, guide.metadata.novel_chapters + 1))
    themes = [theme.theme.id for entry in guide.chapter_themes for theme in entry.themes]
    assert all(2 <= len(entry.themes) <= 3 for entry in guide.chapter_themes)
    assert all(m.plain_text(theme.why) for entry in guide.chapter_themes for theme in entry.themes)
    assert all(themes.count(theme) >= 5 for theme in ("memory", "humanity", "love", "acceptance", "complicity", "art"))


@pytest.mark.parametrize(("change", "message"), [
    (lambda text: text.replace("      - theme: art\n", "      - theme: arts\n", 1),
     "unknown theme 'arts'; did you mean 'art'?"),
    (lambda text: text.replace("  - chapter: 2\n", "  - chapter: 1\n", 1),
     "chapter 1 is here twice; expected each chapter once|no entry for chapter 2; expected every chapter of the "
     "novel, 1–23"),
    (lambda text: text[:text.index("  - chapter: 23\n")],
     "no entry for chapter 23; expected every chapter of the novel, 1–23"),
    (lambda text: text.replace("      - theme: love\n", "      - theme: memory\n", 1),
     "theme 'memory' is named twice for chapter 1; expected each theme once a chapter"),
])
def test_a_mistake_in_the_themes_by_chapter_is_named(content, change, message):
    chapters = content / "data" / "chapters.yaml"
    chapters.write_text(change(chapters.read_text()))
    (content / "sections" / "test.md").write_text("---\ntitle: Test\n---\nBody.\n")
    with pytest.raises(UserError) as caught:
        load_guide(content)
    found = [str(p) for p in caught.value.problems]
    assert all(p.startswith("data/chapters.yaml:") for p in found), found
    assert sorted(p.split(": ", 1)[1] for p in found) == sorted(message.split("|")), found


def test_a_reading_check_is_read_like_the_quiz_and_numbered_from_one():
    checks = [block for section in load_guide(CONTENT).sections for block in section.blocks
              if isinstance(block, m.Quiz) and block.check]
    assert [block.check for block in checks] == ["part-one", "part-two", "part-three"]
    assert all([item.number for item in block.items] == list(range(1, len(block.items) + 1)) for block in checks)
    assert {block.field_prefix for block in checks} == {"check-part-one", "check-part-two", "check-part-three"}


def test_mistakes_in_a_reading_check_are_named_where_they_are(content):
    checks = content / "data" / "checks.yaml"
    text = checks.read_text()
    checks.write_text(text.replace("  - id: part-two\n", "  - id: part-one\n", 1).replace("answer: D", "answer: E", 1))
    found = problems(content, "@reading-check part-thre\n\n@reading-check\n")
    assert found[:2] == [
        f"data/checks.yaml:{line(text, '  - id: part-two')}:9: duplicate id 'part-one'; ids must be unique",
        f"data/checks.yaml:{line(text, 'answer: D')}:17: field 'answer': expected the letter of the right option "
        "(A, B, C, D), got the text 'E'"]
    assert found[2:] == [
        "sections/test.md:4:16: unknown reading check 'part-thre' in '@reading-check'; did you mean 'part-three'?",
        "sections/test.md:6:1: '@reading-check' needs the id of a reading check, as in '@reading-check ID'"]


def test_a_section_whose_parts_each_start_a_page_says_so_with_true_or_false(content):
    (content / "sections" / "test.md").write_text("---\ntitle: Test\nnew-page-headings: yes please\n---\nBody.\n")
    with pytest.raises(UserError) as caught:
        load_guide(content)
    assert [str(p) for p in caught.value.problems] == [
        "sections/test.md:3:20: field 'new-page-headings': expected true or false, got the text 'yes please'"]


def line(text: str, passage: str) -> int:
    """The line number (from 1) where `passage` first occurs in `text`."""
    return text[:text.index(passage)].count("\n") + 1
