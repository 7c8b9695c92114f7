"""`nlmg-pdf check` and safe failure: each kind of mistake named at its place, nothing lost."""
from __future__ import annotations

import io
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image

from conftest import CONTENT, check_in_process, open_pdf, run_tool
from nlmg_pdf.errors import UserError
from nlmg_pdf.inputs import load
from nlmg_pdf.model import Edition
from nlmg_pdf.render.document import render_pdf
from nlmg_pdf.transforms import prepare


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the guide's content to spoil; tests run from its parent folder."""
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def check(copy: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_tool("check", "--content", "content", *extra, cwd=copy.parent)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def problems(result: subprocess.CompletedProcess) -> list[str]:
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    *lines, count = result.stderr.strip().splitlines()
    assert count == f"{len(lines)} problem{'s' if len(lines) != 1 else ''} found."
    return lines


def test_the_shipped_content_and_styles_pass(copy):
    result = check(copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content: no problems (25 sections, 11 characters")
    assert result.stdout.strip().endswith("styles: default, large-print, print")


def test_every_problem_is_reported_in_one_run(copy):
    quotations = copy / "data" / "quotations.yaml"
    edit(quotations, "chapter: 7", "chapter: 70")
    edit(quotations, "  - id: scared-of-us", "  - id: opening")
    edit(copy / "sections" / "characters.md", "@character laura", "@character lara")
    edit(copy / "sections" / "themes.md", "---\ntitle: Themes", "---\ntitle: Themes\nedition: teachers")
    found = problems(check(copy))
    text = "\n".join(found)
    assert f"content/data/quotations.yaml:{line_of(quotations, 'chapter: 70')}:14: field 'chapter': expected a " \
           "whole number from 1 to 23, got the number 70" in text
    duplicate = [n for n, line in enumerate(quotations.read_text().splitlines(), 1) if "id: opening" in line][-1]
    assert f"content/data/quotations.yaml:{duplicate}:9: duplicate id 'opening'; ids must be unique" in text
    assert f"content/sections/characters.md:{line_of(copy / 'sections' / 'characters.md', '@character lara')}:12: " \
           "unknown character 'lara' in '@character'; did you mean 'laura'?" in text
    assert "content/sections/themes.md:3:10: field 'edition' is 'teachers'; expected one of: student, teacher; " \
           "did you mean 'teacher'?" in text
    assert len(found) == 4


@pytest.mark.parametrize(("spoil", "message"), [
    (lambda c: (c / "data" / "glossary.yaml").write_text("terms: [\n"),
     "content/data/glossary.yaml:2:1: invalid YAML: expected the node content, but found '<stream end>'"),
    (lambda c: (c / "data" / "glossary.yaml").write_text("terms:\n\t- term: x\n"),
     "content/data/glossary.yaml:2:1: invalid YAML: a tab character; YAML indents with spaces only"),
    (lambda c: (c / "data" / "glossary.yaml").write_text("- term: carer\n"),
     "content/data/glossary.yaml:1:1: expected a mapping of fields, got a list"),
    (lambda c: edit(c / "data" / "glossary.yaml", "  - term: carer\n", "  - tern: carer\n"),
     "content/data/glossary.yaml:LINE:5: unknown field 'tern'; did you mean 'term'?"),
    (lambda c: edit(c / "data" / "quiz.yaml", "answer: B", "answer: 2"),
     "content/data/quiz.yaml:LINE:13: field 'answer': expected the letter of the right option (A, B, C, D), "
     "got the number 2"),
    (lambda c: edit(c / "guide.yaml", "date: 2026-11-21", "date: 2026-13-45"),
     "content/guide.yaml:LINE:7: invalid YAML: '2026-13-45' is not a real date"),
    (lambda c: edit(c / "guide.yaml", "language: en-GB", "language: en-GB\nlanguage: en-US"),
     "content/guide.yaml:LINE:1: invalid YAML: the field 'language' appears twice"),
    (lambda c: edit(c / "data" / "quiz.yaml", "answer: B", "answer: BC"),
     "content/data/quiz.yaml:LINE:13: field 'answer': expected the letter of the right option (A, B, C, D), "
     "got the text 'BC'"),
    (lambda c: (c / "data" / "glossary.yaml").write_text(""),
     "content/data/glossary.yaml:1: the file is empty; expected a YAML mapping"),
    (lambda c: (c / "sections" / "faq.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1")),
     "content/sections/faq.md:2:11: the file is not UTF-8 text; save it as UTF-8"),
    (lambda c: (c / "sections" / "faq.md").write_text("---\ntitle: FAQ\n\nText.\n"),
     "content/sections/faq.md:1: the front matter opened here never closes; expected a line '---' after its fields"),
    (lambda c: (c / "sections" / "faq.md").unlink(),  # a mistake in the manifest, or a file gone: named there
     "content/guide.yaml:LINE:5: 'sections/faq.md' not found"),
    (lambda c: edit(c / "sections" / "glossary.md", "@glossary", "![A map of Norfolk](images/norfolk.png)"),
     "content/sections/glossary.md:LINE:1: image 'images/norfolk.png' not found; expected a file inside the "
     "content folder"),
    (lambda c: edit(c / "sections" / "glossary.md", "@glossary", "![A map](../../secret.png)"),
     "content/sections/glossary.md:LINE:1: image '../../secret.png' lies outside the content folder; "
     "expected a file inside it"),
    (lambda c: edit(c / "sections" / "glossary.md", "@glossary", "![A map](https://example.org/map.png)"),
     "content/sections/glossary.md:LINE:1: image 'https://example.org/map.png' is a web address; expected a file "
     "inside the content folder"),
])
def test_each_kind_of_mistake_is_named_exactly(copy, spoil, message, monkeypatch):
    spoil(copy)
    (found,) = problems(check_in_process(copy, monkeypatch))
    if "LINE" in message:
        path = copy.parent / message.split(":", 1)[0]
        fragment = {"tern": "tern:", "'BC'": "answer: BC", "answer": "answer: 2", "image": "![", "date": "date:",
                    "appears twice": "language: en-US", "faq.md": "- sections/faq.md"}
        key = next(k for k in fragment if k in message)
        message = message.replace("LINE", str(line_of(path, fragment[key])))
    assert found == message


def test_a_missing_content_folder(tmp_path):
    result = run_tool("check", "--content", "nowhere", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == "nowhere: content directory not found; expected a folder holding guide.yaml"


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--edition", "principal", "'principal' is not one of 'student', 'teacher', 'all'"),
    ("--paper", "a5", "'a5' is not one of 'letter', 'a4'"),
])
def test_unknown_choices_on_the_command_line(option, value, expected):
    result = run_tool("build", option, value)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert expected in " ".join(result.stderr.replace("│", " ").split())


def test_an_unknown_style(tmp_path):
    result = run_tool("build", "--style", "fancy", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("--style: unknown style 'fancy'; expected one of: default, large-print, "
                                     "print, or a path to a .yaml file")


def test_an_output_folder_that_cannot_be_written(tmp_path):
    (tmp_path / "notes.txt").write_text("a file where the output folder should be")
    result = run_tool("build", "--out", str(tmp_path / "notes.txt" / "guide.pdf"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"{tmp_path / 'notes.txt'}: cannot write here; expected a folder you can write to"


@pytest.mark.slow
def test_images_inside_the_content_are_shown(copy, tmp_path):
    (copy / "images").mkdir()
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, "PNG")
    (copy / "images" / "map.png").write_bytes(buffer.getvalue())
    edit(copy / "sections" / "glossary.md", "@glossary", '![A map of Norfolk](images/map.png "Norfolk")\n\n@glossary')
    result = run_tool("build", "--content", str(copy), "--out", str(tmp_path / "g.pdf"))
    assert result.returncode == 0, result.stderr
    (copy / "images" / "map.png").write_text("not an image")
    (found,) = problems(check(copy))
    assert found.endswith("image 'images/map.png' is not a PNG or JPEG image; expected one of those")


def test_content_that_cannot_be_laid_out_is_named(copy):
    edit(copy / "sections" / "faq.md", "\n## ", "\n" + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + "\n\n## ")
    guide, style = load(copy)
    with pytest.raises(UserError) as caught:
        render_pdf(prepare(guide, Edition.STUDENT), style)
    (problem,) = caught.value.problems
    assert problem.source.path == "sections/faq.md"
    assert "is wider than its column" in problem.message and "paragraph" in problem.message


@pytest.mark.slow  # (three builds; the fast lane's own test of it is in test_safe_output.py)
def test_a_failed_build_keeps_the_last_pdf_and_leaves_no_partial_file(copy, tmp_path):
    """A content mistake (found while reading: one line with its place) and a layout problem (found
    while laying out) each stop the build and leave the PDF built before as it was, and nothing else."""
    out = tmp_path / "guide.pdf"
    assert run_tool("build", "--content", str(copy), "--out", str(out)).returncode == 0
    before = out.read_bytes()
    themes = copy / "sections" / "themes.md"
    text = themes.read_text()
    themes.write_text(text + "\n@pullquote no-such-quotation\n")
    line = text.count("\n") + 2
    result = run_tool("build", "--content", str(copy), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.strip() == (f"{copy}/sections/themes.md:{line}:12: unknown quotation 'no-such-quotation' in "
                                     "'@pullquote'; expected an id from data/quotations.yaml")
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "guide.pdf"]
    themes.write_text(text)
    edit(copy / "sections" / "faq.md", "\n## ", "\n" + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + "\n\n## ")
    result = run_tool("build", "--content", str(copy), "--out", str(out))
    assert result.returncode == 1 and "is wider than its column" in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "guide.pdf"]


@pytest.mark.slow
def test_a_layout_problem_in_a_parallel_build_is_reported_the_same_way(copy, tmp_path):
    edit(copy / "sections" / "faq.md", "\n## ", "\n" + "Pneumonoultramicroscopicsilicovolcanoconiosis" * 3 + "\n\n## ")
    result = run_tool("build", "--content", str(copy), "--edition", "all", "--out", str(tmp_path / "both"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{copy}/sections/faq.md:") and "is wider than its column" in line


@pytest.mark.slow
def test_an_interrupted_build_keeps_the_last_pdf_and_leaves_no_partial_file(copy, tmp_path):
    out = tmp_path / "guide.pdf"
    assert run_tool("build", "--content", str(copy), "--out", str(out)).returncode == 0
    before = out.read_bytes()
    manifest = copy / "guide.yaml"  # eight times the content, so the build is surely still running
    sections = [line for line in manifest.read_text().splitlines() if line.startswith("  - sections/")]
    for n in range(1, 8):
        for line in sections:
            name = line.split("/", 1)[1]
            shutil.copy(copy / "sections" / name, copy / "sections" / f"x{n}-{name}")
    edit(manifest, "data:\n", "\n".join(f"  - sections/x{n}-{line.split('/', 1)[1]}" for n in range(1, 8)
                                        for line in sections) + "\ndata:\n")
    process = subprocess.Popen([sys.executable, "-m", "nlmg_pdf", "build", "--content", str(copy), "--out", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "Interrupted: no PDF was written, and earlier ones are as they were."
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "guide.pdf"]


# --- robustness: whatever an editor types, the tool builds it or says what is wrong -------

MARKDOWN_LINES = st.sampled_from([
    "# Title", "## Heading", "### Sub", "#### Deep", "Plain words.", "*em* **strong** `code`", "<b>tag</b> & <i>",
    "- item", "  - nested", "1. one", "> quoted", "| a | b |", "|---|---|", "| 1 | 2 |", "---", "[^1]", "[^1]: note",
    "@pullquote river", "@pullquote nope", "@character kathy", "@questions part-one", "@quiz", "@glossary",
    "@theme art", "@theme", "@bogus x", "::: note", "::: teacher", "::: why", "::: nonsense", ":::", "[link](#plot)",
    "[bad](#nowhere)", "[web](https://example.org)", "![pic](images/none.png)", "    indented code", "```", "",
    "Longwordlongwordlongwordlongwordlongwordlongwordlongwordlongwordlongwordlongwordlongword",
])


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.one_of(MARKDOWN_LINES, st.text(max_size=40)), max_size=25))
@example(lines=["Plain words.", "[^1]: note", "@character kathy", "::: note", "---", "Plain words.", "::: note",
                "Longwordlongwordlongwordlongwordlongwordlongwordlongwordlongwordlongwordlongwordlongword"])
@example(lines=["  " * depth + "- item" for depth in range(10)])  # a list nested 10 deep (once reportlab's IndexError)
@example(lines=["> " * 25 + "deep"])  # quotations nested past the parser's own limit (once dropped unsaid)
@example(lines=["A control\x00character", "and \x1b escape"])
def test_any_markdown_builds_or_fails_with_the_tools_own_error(small_guide, lines):
    (small_guide / "sections" / "test.md").write_text("---\ntitle: Test\n---\n" + "\n".join(lines) + "\n")
    builds_or_explains(small_guide)


YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 40) | st.text(max_size=12) | st.sampled_from(["river", "B", "#zz"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "text", "speaker", "chapter", "themes", "comment", "quotations", "extra"]), inner,
        max_size=5),
    max_leaves=12)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=YAML_VALUES)
def test_any_yaml_builds_or_fails_with_the_tools_own_error(small_guide, data):
    (small_guide / "data" / "quotations.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    builds_or_explains(small_guide)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from("ab: -[]{}&*!\n\t\x00\x07\x1b\u0085\ufeff\"'#|>"), max_size=80))
@example(text="quotations: " + "[" * 400 + "]" * 400)  # nested past Python's recursion limit
@example(text="quotations:\n  - id: a\x00b\n")  # a NUL byte (once yaml's ReaderError, uncaught)
def test_any_yaml_text_builds_or_fails_with_the_tools_own_error(small_guide, text):
    (small_guide / "data" / "quotations.yaml").write_text(text, encoding="utf-8")
    builds_or_explains(small_guide)


WIDE_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"
QUOTATION_TEXTS = st.one_of(
    st.text(min_size=1, max_size=300),
    st.lists(st.sampled_from(["the", "water", "moving", "really", "fast,", "Longwordlongwordlongwordlongword",
                              WIDE_WORD, WIDE_WORD * 2, WIDE_WORD * 5, "\u2014", "-"]),
             min_size=1, max_size=150).map(" ".join),
)


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUOTATION_TEXTS, speaker=st.sampled_from(["Tommy", "Kathy H.", WIDE_WORD * 3]))
@example(text=WIDE_WORD * 4, speaker="Tommy")  # once a traceback from inside reportlab
@example(text=" ".join(["the water moving really fast"] * 60), speaker="Tommy")  # a pull-quote taller than a page
def test_any_quotation_builds_or_fails_with_the_tools_own_error(small_guide, text, speaker):
    """A quotation of any length, placed as a pull-quote, in the key quotations and in a
    character's box."""
    data = yaml.safe_load((CONTENT / "data" / "quotations.yaml").read_text())
    (river,) = [quotation for quotation in data["quotations"] if quotation["id"] == "river"]
    river.update(text=text, speaker=speaker)
    (small_guide / "data" / "quotations.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
    (small_guide / "sections" / "test.md").write_text(
        "---\ntitle: Test\n---\n@pullquote river\n\n@character tommy\n\n@key-quotations\n")
    builds_or_explains(small_guide)


@pytest.fixture(scope="module")
def small_guide(tmp_path_factory) -> Path:
    """The guide's content cut down to one section, for quick generated examples."""
    folder = tmp_path_factory.mktemp("small") / "content"
    shutil.copytree(CONTENT, folder)
    manifest = folder / "guide.yaml"
    text = manifest.read_text()
    start, end = text.index("sections:"), text.index("data:")
    manifest.write_text(text[:start] + "sections:\n  - sections/test.md\n" + text[end:])
    return folder


def builds_or_explains(content: Path) -> None:
    try:
        guide, style = load(content)
        render_pdf(prepare(guide, Edition.TEACHER), style)
    except UserError as error:
        assert error.problems and all(str(problem) for problem in error.problems)


def test_yaml_cannot_construct_python_objects(copy, monkeypatch):
    (copy / "data" / "glossary.yaml").write_text("terms: !!python/object/apply:os.system ['echo owned']\n")
    (found,) = problems(check_in_process(copy, monkeypatch))
    assert "invalid YAML" in found and "python/object/apply" in found


@pytest.mark.slow
def test_a_link_into_the_other_editions_material_is_plain_text_there(copy, tmp_path):
    edit(copy / "sections" / "plot.md", "go through the story in detail.",
         "go through the story in detail. Teachers, see the [teaching notes](#teaching-notes).")
    for edition, linked in (("student", False), ("teacher", True)):
        out = tmp_path / f"{edition}.pdf"
        result = run_tool("build", "--content", str(copy), "--edition", edition, "--out", str(out))
        assert result.returncode == 0, result.stderr
        pdf = open_pdf(out)
        assert pdf.shows("go through the story in detail. Teachers, see the teaching notes."), edition
        links = [str(annotation.get_object().get("/Contents", "")) for page in pdf.reader.pages
                 for annotation in page.get("/Annots") or []]
        assert ("Go to Teaching notes" in links) is linked, edition


@pytest.mark.parametrize("epoch", ["yesterday", pytest.param("\u0661\u0662\u0663", marks=pytest.mark.slow),
                                   pytest.param("99999999999999999", marks=pytest.mark.slow)])
def test_an_invalid_source_date_epoch(tmp_path, epoch):
    """Words, digits of another script (which str.isdigit() accepts) and a time past the year 9999."""
    result = run_tool("build", "--out", str(tmp_path / "x.pdf"), env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"SOURCE_DATE_EPOCH: '{epoch}' is not a time; expected whole seconds since "
                                     "1970 in the digits 0-9, such as 1700000000, before the year 10000")


@pytest.mark.slow
def test_out_as_a_folder_keeps_the_usual_name(tmp_path):
    result = run_tool("build", "--edition", "student", "--out", "handouts/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "handouts" / "never-let-me-go-student.pdf").is_file()
