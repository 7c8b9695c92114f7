"""Hostile and broken input: nothing outside the content folder is read, nothing hangs, nothing
is unbounded, and each problem is one line at its place (`path:line:column: ...`)."""
from __future__ import annotations

import io
import os
import shutil
import time
import warnings
from pathlib import Path

import pytest
from PIL import Image

from conftest import CONTENT, ROOT, check_in_process, in_process, run_tool

SECRET = "THE-OUTSIDE-FILE-SAYS-THIS"


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the content, in a folder beside a file it must never read."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    (tmp_path / "outside.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n")
    (tmp_path / "outside.yaml").write_text(f"terms:\n  - term: {SECRET}\n    definition: {SECRET}\n")
    return folder


def check(copy: Path, monkeypatch=None) -> tuple[int, list[str]]:
    """Check the copy: in this process, or given no monkeypatch, as a command of its own."""
    result = (check_in_process(copy, monkeypatch) if monkeypatch is not None
              else run_tool("check", "--content", "content", cwd=copy.parent))
    assert "Traceback" not in result.stderr, result.stderr
    assert SECRET not in result.stdout + result.stderr  # nothing from outside is quoted
    return result.returncode, result.stderr.strip().splitlines()[:-1]  # (the last line counts them)


def manifest_line(copy: Path, fragment: str) -> int:
    lines = (copy / "guide.yaml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if fragment in line)


def replace_in_manifest(copy: Path, old: str, new: str) -> None:
    manifest = copy / "guide.yaml"
    text = manifest.read_text()
    assert old in text
    manifest.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("name", ["../outside.md", "{outside}", "sections/link.md"])
def test_a_section_outside_the_content_folder_is_refused(copy, name, monkeypatch):
    (copy / "sections" / "link.md").symlink_to(copy.parent / "outside.md")
    name = name.format(outside=copy.parent / "outside.md")
    replace_in_manifest(copy, "sections/faq.md", name)
    code, lines = check(copy, monkeypatch)
    assert code == 1
    line = manifest_line(copy, name)
    assert lines == [f"content/guide.yaml:{line}:5: '{name}' lies outside the content folder; "
                     "expected a file inside it"]


@pytest.mark.parametrize("name", ["../outside.yaml", "data/zero.yaml"])  # (a link to /dev/zero was read until
def test_a_data_file_outside_the_content_folder_is_refused(copy, monkeypatch, name):  # memory ran out)
    (copy / "data" / "zero.yaml").symlink_to("/dev/zero")
    replace_in_manifest(copy, "glossary: data/glossary.yaml", f"glossary: {name}")
    code, lines = check(copy, monkeypatch)
    line = manifest_line(copy, name)
    assert code == 1 and lines == [f"content/guide.yaml:{line}:13: '{name}' lies outside the content "
                                   "folder; expected a file inside it"]


def test_a_manifest_that_links_outside_is_refused(copy, monkeypatch):
    (copy.parent / "elsewhere.yaml").write_text((copy / "guide.yaml").read_text())
    (copy / "guide.yaml").unlink()
    (copy / "guide.yaml").symlink_to(copy.parent / "elsewhere.yaml")
    code, lines = check(copy, monkeypatch)
    assert code == 1 and lines == ["content/guide.yaml: 'guide.yaml' lies outside the content folder; "
                                   "expected a file inside it"]


def test_a_style_cannot_extend_a_file_outside_its_folder(tmp_path, monkeypatch):
    (tmp_path / "styles").mkdir()
    (tmp_path / "secret.yaml").write_text(f"name: {SECRET}\n")
    mine = tmp_path / "styles" / "mine.yaml"
    mine.write_text("extends: ../secret\nname: mine\n")
    result = in_process(["check", "--style", str(mine)], ROOT, monkeypatch)
    assert result.returncode == 1 and "Traceback" not in result.stderr and SECRET not in result.stderr
    assert f"{mine}:1:10: 'extends: ../secret' leads out of the style's folder" in result.stderr


@pytest.mark.parametrize(("where", "problem"), [
    ("guide.yaml", "content/guide.yaml: the file is a named pipe; expected a file"),
    pytest.param("sections/faq.md", "content/guide.yaml:LINE:5: 'sections/faq.md' is a named pipe; expected a file",
                 marks=pytest.mark.slow),
    pytest.param("data/glossary.yaml", "content/guide.yaml:LINE:13: 'data/glossary.yaml' is a named pipe; "
                 "expected a file", marks=pytest.mark.slow),
])
def test_a_named_pipe_is_refused_at_once_not_waited_on(copy, where, problem):
    line = manifest_line(copy, where) if where != "guide.yaml" else 0
    (copy / where).unlink()
    os.mkfifo(copy / where)
    started = time.monotonic()
    code, lines = check(copy)
    assert time.monotonic() - started < 30  # (it used to wait for a writer for ever)
    assert code == 1 and lines == [problem.replace("LINE", str(line))]


def test_a_file_over_the_size_limit_is_refused(copy, monkeypatch):
    faq = copy / "sections" / "faq.md"
    faq.write_text(faq.read_text() + ("A long line of words. " * 50 + "\n\n") * 1000)
    code, lines = check(copy, monkeypatch)
    line = manifest_line(copy, "sections/faq.md")
    assert code == 1 and lines == [f"content/guide.yaml:{line}:5: 'sections/faq.md' is larger than 1 MB; "
                                   "expected a smaller file"]


def test_a_yaml_alias_bomb_in_front_matter_is_quick(copy, monkeypatch):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
        f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n" for n in range(8))
    faq = copy / "sections" / "faq.md"
    faq.write_text(faq.read_text().replace("---\n", "---\n" + bomb, 1))
    started = time.monotonic()
    code, lines = check(copy, monkeypatch)
    assert time.monotonic() - started < 20
    assert code == 1 and any("unknown field 'a'" in line for line in lines), lines


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "message"), [
    pytest.param(lambda: png(12000, 12000), "image 'images/map.png' is 12000 x 12000 pixels; expected at most "
                 "25 million", marks=pytest.mark.slow),
    (lambda: png(300, 200)[:-60], "image 'images/map.png' cannot be decoded (its data is cut short or damaged); "
                                  "expected a whole PNG or JPEG image"),
])
def test_an_image_too_large_or_broken_is_refused_by_the_check(copy, data, message, monkeypatch):
    (copy / "images").mkdir()
    (copy / "images" / "map.png").write_bytes(data())
    glossary = copy / "sections" / "glossary.md"
    glossary.write_text(glossary.read_text().replace("@glossary", "![A map](images/map.png)\n\n@glossary"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (Pillow's DecompressionBombWarning once reached the screen)
        result = check_in_process(copy, monkeypatch)
    assert result.returncode == 1 and "Traceback" not in result.stderr and "Warning" not in result.stderr
    assert message in result.stderr, result.stderr


def test_the_limits_are_stated_for_editors():
    readme = (ROOT / "content" / "README.md").read_text()
    assert "1 MB" in readme and "25 million pixels" in readme and "inside this folder" in readme


def spoil_faq(copy: Path, text: str, at_line: int | None = None) -> None:
    """Put `text` into the FAQ section: at the end, or as line `at_line` of the file."""
    faq = copy / "sections" / "faq.md"
    lines = faq.read_text().splitlines()
    if at_line is None:
        lines += ["", text]
    else:
        lines[at_line - 1:at_line - 1] = [text, ""]
    faq.write_text("\n".join(lines) + "\n")


def only_problem(copy: Path, monkeypatch) -> str:
    code, lines = check(copy, monkeypatch)
    assert code == 1 and len(lines) == 1, lines
    return lines[0]


def test_a_problem_on_line_100_prints_its_place_as_typed(copy, monkeypatch):
    spoil_faq(copy, "@no-such-directive", at_line=100)  # (':100:' was once shown as an emoji)
    assert only_problem(copy, monkeypatch).startswith("content/sections/faq.md:100:1: ")


@pytest.mark.slow  # (a check that passes lays out both editions)
def test_a_byte_order_mark_before_the_front_matter_is_fine(copy, monkeypatch):
    faq = copy / "sections" / "faq.md"
    faq.write_bytes(b"\xef\xbb\xbf" + faq.read_bytes())
    code, lines = check(copy, monkeypatch)
    assert code == 0, lines


@pytest.mark.slow  # (a check that passes lays out both editions)
def test_an_image_whose_name_has_a_space_or_an_accent_is_found(copy, monkeypatch):
    (copy / "images").mkdir()
    (copy / "images" / "the café map.png").write_bytes(png(300, 200))
    spoil_faq(copy, "![The map](<images/the café map.png>)")
    code, lines = check(copy, monkeypatch)
    assert code == 0, lines


@pytest.mark.parametrize(("field", "value", "message"), [
    ("subject", '"A guide\\a with a bell"', "field 'subject' holds the control character U+0007; expected printable "
                                           "text"),
    ("keywords", "[Never Let Me Go, yes]", "in 'keywords', item 2: expected text, got true/false (YAML reads yes, "
                                           "no, on, off and null so: put words in quotes)"),
])
def test_a_field_that_cannot_be_printed_is_named(copy, monkeypatch, field, value, message):
    manifest = copy / "guide.yaml"
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line
             for line in manifest.read_text().splitlines()]
    manifest.write_text("\n".join(lines) + "\n")
    assert only_problem(copy, monkeypatch).endswith(message)


def test_a_footnote_marker_needs_its_note_and_a_note_its_marker(copy, monkeypatch):
    spoil_faq(copy, "A claim[^9] here.\n\n[^2]: A note nothing refers to.")
    code, lines = check(copy, monkeypatch)
    assert code == 1 and [line.split(": ", 1)[1] for line in lines] == [
        "the footnote marker '[^9]' has no note; expected a line '[^9]: the note' in this section",
        "the note '[^2]' is not referred to; expected a marker '[^2]' in the text, or no note"]


@pytest.mark.parametrize(("text", "message"), [
    ("Some words.\n\n- one\n- \n- three", "an empty item in a list; expected words after '-', or no item"),
    ("Some words.\n\n1. one\n2.\n", "an empty item in a list; expected words after '2.', or no item"),
    ("Some words.\n\n>\n", "an empty quotation; expected words after '>', or no '>'"),
])
def test_an_empty_list_item_or_quotation_is_named(copy, monkeypatch, text, message):
    """(Found by a fuzzer: an empty item once crashed the layout inside reportlab.)"""
    spoil_faq(copy, text)
    assert only_problem(copy, monkeypatch).endswith(message)


@pytest.mark.parametrize(("note", "what"), [
    ("A note:\n\n    - one\n    - two", "a list"),
    ("A note:\n\n    > quoted", "a quotation"),
])
def test_a_note_holding_more_than_text_says_what_it_holds(copy, monkeypatch, note, what):
    spoil_faq(copy, f"A claim.[^z]\n\n[^z]: {note}")
    assert only_problem(copy, monkeypatch).endswith(
        f"the note '[^z]' holds {what}; expected only paragraphs of text in a note")


@pytest.mark.parametrize(("text", "message"), [
    ("\n".join("  " * depth + "- level" for depth in range(8)), "a list nested more than 5 deep"),
    ("> " * 25 + "deep", "a quotation nested more than 5 deep"),
])
def test_lists_and_quotations_nested_too_deep_are_named(copy, monkeypatch, text, message):
    spoil_faq(copy, text)
    assert message in only_problem(copy, monkeypatch)


def test_what_only_layout_finds_is_found_by_the_check(copy, monkeypatch):
    spoil_faq(copy, "A smile \U0001F600 here.")
    assert only_problem(copy, monkeypatch).endswith(
        "the character '\U0001F600' (U+1F600, grinning face) in this paragraph is not in the guide's fonts and "
        "would print as an empty box; expected a character they have, or the same said in words")


def test_an_edition_with_no_sections_is_refused(copy, monkeypatch):
    (copy / "sections" / "only.md").write_text("---\ntitle: For teachers\nedition: teacher\n---\nWords.\n")
    manifest = copy / "guide.yaml"
    kept = [line for line in manifest.read_text().splitlines() if not line.startswith("  - sections/")]
    at = kept.index("sections:            # in reading order; each starts on a new page")
    manifest.write_text("\n".join([*kept[:at + 1], "  - sections/only.md", *kept[at + 1:]]) + "\n")
    problem = only_problem(copy, monkeypatch)
    assert problem == ("content/guide.yaml: the student edition has no sections; expected at least one (a "
                       "section's 'edition' field keeps it to one edition)")


def test_a_command_line_mistake_is_one_line():
    result = run_tool("build", "--edition", "nope")
    assert result.returncode == 2 and result.stderr == (
        "nlmg-pdf build: Invalid value for '--edition': 'nope' is not one of 'student', 'teacher', 'all'. "
        "(see 'nlmg-pdf build --help')\n")


def test_a_paragraph_too_long_to_lay_out_in_good_time_is_named(copy, monkeypatch):
    spoil_faq(copy, " ".join(f"word{number} and more text here," for number in range(900)))
    assert only_problem(copy, monkeypatch).endswith("characters; expected at most 20,000 (about five pages): split it")


def test_a_theme_colour_too_pale_to_see_on_the_page_is_named(copy, monkeypatch):
    themes = copy / "data" / "themes.yaml"
    text = themes.read_text()
    first = next(line for line in text.splitlines() if "colour:" in line)
    themes.write_text(text.replace(first, first.split("colour:")[0] + 'colour: "#ffffff"', 1))
    assert only_problem(copy, monkeypatch).endswith("field 'colour': #ffffff has a contrast of 1.0:1 with the white "
                                                    "page; expected at least 3:1 (WCAG's rule for marks such as the "
                                                    "theme's icon)")


@pytest.mark.slow
def test_a_long_title_never_prints_over_the_running_head_or_footer(copy, tmp_path):
    import layout_checks as lc

    long = "Never Let Me Go, a Very Long Title for a Guide That Goes On and On Past Any Page's Width, " \
           "Chapter by Chapter, for Every Class"
    manifest = copy / "guide.yaml"
    manifest.write_text(manifest.read_text().replace("title: Never Let Me Go\n", f"title: {long}\n", 1))
    out = tmp_path / "long.pdf"
    result = run_tool("build", "--content", str(copy), "--out", str(out))
    assert result.returncode == 0, result.stderr
    layout = lc.read_layout(out, lc.style_margins("default"))
    for page in layout.pages[3:]:
        furniture = [line for line in page.lines if not layout.in_frame(page, line.bottom, line.top)]
        for line in furniture:  # (the title and the section's name, or the page number and the title)
            beside = [other for other in furniture if other is not line and abs(other.baseline - line.baseline) < 1]
            assert all(other.left > line.right or other.right < line.left for other in beside), \
                (page.number, line.text, [other.text for other in beside])
            assert line.right <= page_width(out) - lc.style_margins("default").right + 1, (page.number, line.text)
    assert any("\u2026" in line.text for page in layout.pages[3:] for line in page.lines)


def page_width(path: Path) -> float:
    from pypdf import PdfReader

    return float(PdfReader(path).pages[0].mediabox.width)


def test_a_title_word_too_wide_for_the_cover_is_named_at_the_manifest(copy, monkeypatch):
    manifest = copy / "guide.yaml"
    manifest.write_text(manifest.read_text().replace("title: Never Let Me Go\n", f"title: {'W' * 200}\n", 1))
    assert only_problem(copy, monkeypatch).startswith(f"content/guide.yaml: the word '{'W' * 200}'")  # (once the
    # title itself was given as the file)


def test_an_image_that_is_a_named_pipe_is_named_once_as_an_image(copy, monkeypatch):
    (copy / "images").mkdir()
    os.mkfifo(copy / "images" / "map.png")
    spoil_faq(copy, "![A map](images/map.png)")
    assert only_problem(copy, monkeypatch).endswith(": image 'images/map.png' is a named pipe; expected a file")
