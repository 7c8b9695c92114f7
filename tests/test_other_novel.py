"""A guide to another novel builds as well: nothing in the tool assumes Never Let Me Go.
The tiny guide in tests/other_novel also places what the shipped guide does not (a
pull-quote, a link into teacher-only material), so those are tested from a built file."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, in_process, open_pdf, run_tool
from tagged_pdf import tagged

OTHER = ROOT / "tests" / "other_novel"
QUOTE = ("It is a truth universally acknowledged, that a single man in possession of a good fortune, "
         "must be in want of a wife.")


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> Path:
    """Both editions of the other novel's guide, built with the default names into a folder."""
    folder = tmp_path_factory.mktemp("other-novel")
    result = run_tool("build", "--content", str(OTHER), "--edition", "all", "--out", str(folder) + "/")
    assert result.returncode == 0, result.stderr
    return folder


def test_the_pdfs_are_named_for_the_novel_and_speak_of_it_only(other):
    assert sorted(path.name for path in other.iterdir()) == ["pride-and-prejudice-student.pdf",
                                                             "pride-and-prejudice-teacher.pdf"]
    for path in other.iterdir():
        pdf = open_pdf(path)
        edition = "Teacher" if path.name.endswith("-teacher.pdf") else "Student"
        assert pdf.reader.metadata.title == f"Pride and Prejudice ({edition} edition)"
        assert "Pride and Prejudice, by Jane Austen, was first published in 1813." in pdf.pages[0]
        assert "Never Let Me Go" not in pdf.text and "Ishiguro" not in pdf.text


@pytest.mark.slow
def test_the_default_output_is_named_for_the_novel(tmp_path):
    result = run_tool("build", "--content", str(OTHER), "--edition", "student", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "pride-and-prejudice-student.pdf").is_file()


def test_a_chapter_past_the_novels_last_is_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(OTHER, content)
    quotations = content / "data" / "quotations.yaml"
    quotations.write_text(quotations.read_text().replace("chapter: 1", "chapter: 62"))
    result = run_tool("check", "--content", str(content))
    assert result.returncode == 1
    assert ("data/quotations.yaml:5:14: field 'chapter': expected a whole number from 1 to 61, got the number 62"
            in result.stderr)


def test_the_check_counts_in_words_a_reader_would_use(monkeypatch):
    result = in_process(["check", "--content", str(OTHER)], ROOT, monkeypatch)
    assert result.returncode == 0, result.stderr
    assert (": no problems (3 sections, 1 character, 1 quotation, 1 question, 0 quiz items, 0 reading check items, "
            "0 glossary terms, 0 themed chapters, 0 timeline events, 0 mapped relationships)") in result.stdout


def test_help_names_no_particular_novel():
    result = run_tool("--help")
    assert result.returncode == 0
    assert "Never Let Me Go" not in result.stdout and "study guide" in result.stdout


def test_a_pull_quote_is_a_block_quote_with_its_speaker_and_chapter(other):
    for edition in ("teacher", "student"):
        doc = tagged(other / f"pride-and-prejudice-{edition}.pdf")
        quotes = [doc.text_of(element) for element in doc.elements if element.role == "BlockQuote"]
        assert len(quotes) == 1
        assert "".join(quotes[0].split()) == "".join(f"\u201c{QUOTE}\u201d\u2014 The narrator, chapter 1".split())


def test_a_link_into_the_other_editions_material_is_its_words_there(other):
    sentence = "Teachers will find a plan for the first lesson in the notes for teachers, and the people"
    for edition, linked in (("teacher", True), ("student", False)):
        path = other / f"pride-and-prejudice-{edition}.pdf"
        pdf = open_pdf(path)
        assert sentence in pdf.text, edition  # the words are printed either way
        links = [str(annotation.get_object().get("/Contents", "")) for page in pdf.reader.pages
                 for annotation in page.get("/Annots") or []]
        assert ("Go to For teachers" in links) is linked, edition
        assert "Go to People" in links, edition  # a link both editions have


def test_words_at_line_ends_stay_apart_in_the_tagged_text(other):
    """The opening paragraph wraps over several lines; read from the structure tree (as a
    screen reader does) its words are the words written, none run together."""
    paragraph = ("The first sentence of the novel states, with a straight face, a rule that the rest of the "
                 "book takes apart one proposal at a time; readers have quoted it, parodied it and argued "
                 "about its irony for two centuries, and a class can begin with whether it is meant.")
    doc = tagged(other / "pride-and-prejudice-teacher.pdf")
    read = [doc.text_of(element) for element in doc.elements if element.role == "P"]
    found = next(text for text in read if text.startswith("The first sentence"))
    assert _words(found) == _words(paragraph)


def _words(text: str) -> list[str]:
    """Words, hyphens taken out (a word hyphenated at a line end reads "pro-posal")."""
    return text.replace("-", "").replace("\u00ad", "").split()
