"""Properties of the file itself: metadata, page size, reproducibility. (That every font is embedded
is checked with the other tagged-PDF promises, in test_accessibility.py.)"""
from __future__ import annotations

import pytest

from conftest import open_pdf, run_tool


def test_metadata(teacher):
    info = teacher.reader.metadata
    assert info.title == "Never Let Me Go (Teacher edition)"  # the edition named, so two files are told apart
    assert info.author and info.subject and "Kazuo Ishiguro" in info["/Keywords"]
    assert info["/Creator"].startswith("nlmg-pdf ")
    assert teacher.reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert teacher.reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


@pytest.mark.slow
def test_pages_are_letter_by_default_and_a4_on_request(teacher, pdfs):
    """`teacher` is built with --paper letter; a build with no options is byte for byte the same
    (test_two_builds_are_byte_identical), and is checked to be letter there too."""
    for page in teacher.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    for page in pdfs.open("teacher", paper="a4").reader.pages:  # built with --paper a4
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)


def test_two_builds_are_byte_identical(teacher, tmp_path):
    """A second build, of one edition and with no --style or --paper, gives the very bytes of the
    shared build (both editions in one run, the default style named, on letter paper named)."""
    again = tmp_path / "again.pdf"
    assert run_tool("build", "--edition", "teacher", "--out", str(again)).returncode == 0
    for page in open_pdf(again).reader.pages:  # letter by default
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    assert again.read_bytes() == teacher.path.read_bytes()
    assert teacher.reader.metadata["/CreationDate"].startswith("D:20261121")  # the manifest's date


@pytest.mark.slow
def test_source_date_epoch_sets_the_dates(tmp_path):
    paths = [tmp_path / "one.pdf", tmp_path / "two.pdf"]
    for path in paths:
        result = run_tool("build", "--out", str(path), env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert open_pdf(paths[0]).reader.metadata["/CreationDate"].startswith("D:20231114")
