"""Properties of the file itself: fonts, metadata, page size, reproducibility."""
from __future__ import annotations

from pypdf import PdfReader

from conftest import open_pdf, run_tool


def fonts(reader: PdfReader) -> dict[str, dict]:
    """Every font used on any page or inside any form XObject, by base name."""
    found: dict[str, dict] = {}

    def visit(resources):
        resources = resources.get_object() if resources else {}
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            found[str(font["/BaseFont"])] = font
        for xobject in resources.get("/XObject", {}).values():
            visit(xobject.get_object().get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def test_every_font_is_embedded(built):
    for pdf in built.values():
        used = fonts(pdf.reader)
        assert any("SourceSerifPro" in name for name in used)
        assert any("SourceSansPro" in name for name in used)
        for name, font in used.items():
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            assert descriptor is not None, f"{name} has no font descriptor (a standard, unembedded font)"
            descriptor = descriptor.get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), f"{name} is not embedded"


def test_metadata(teacher):
    info = teacher.reader.metadata
    assert info.title == "Never Let Me Go"
    assert info.author and info.subject and "Kazuo Ishiguro" in info["/Keywords"]
    assert info["/Creator"].startswith("nlmg-pdf ")
    assert teacher.reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert teacher.reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_pages_are_letter_by_default_and_a4_on_request(teacher, tmp_path):
    for page in teacher.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
    result = run_tool("build", "--paper", "a4", "--out", str(tmp_path / "a4.pdf"))
    assert result.returncode == 0, result.stderr
    for page in open_pdf(tmp_path / "a4.pdf").reader.pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)


def test_two_builds_are_byte_identical(teacher, tmp_path):
    again = tmp_path / "again.pdf"
    assert run_tool("build", "--edition", "teacher", "--out", str(again)).returncode == 0
    assert again.read_bytes() == teacher.path.read_bytes()
    assert teacher.reader.metadata["/CreationDate"].startswith("D:20261121")  # the manifest's date


def test_source_date_epoch_sets_the_dates(tmp_path):
    paths = [tmp_path / "one.pdf", tmp_path / "two.pdf"]
    for path in paths:
        result = run_tool("build", "--out", str(path), env={"SOURCE_DATE_EPOCH": "1700000000"})
        assert result.returncode == 0, result.stderr
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert open_pdf(paths[0]).reader.metadata["/CreationDate"].startswith("D:20231114")
