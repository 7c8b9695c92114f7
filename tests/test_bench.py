"""The benchmark keeps working: its story-maker pickles the tool's laid-out flowables for the
floor script, so every flowable the renderer makes must cross a process (no local closures);
its converter gives Typst every kind of block, and Typst builds the converted guide."""
from __future__ import annotations

import importlib.util
import pickle
import subprocess
import sys
import typing

import pytest

from conftest import CONTENT, ROOT, absent, open_pdf, outline, shipped_guide, words
from nlmg_pdf.editions import Edition


@pytest.mark.slow
def test_the_benchmarks_story_can_be_made_and_read_back(tmp_path):
    made = subprocess.run([sys.executable, str(ROOT / "bench" / "story.py"), str(CONTENT), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr[-2000:]
    (pickled,) = tmp_path.glob("story-*.pickle")
    assert len(pickle.loads(pickled.read_bytes())) > 100  # the whole teacher edition's flowables


def typst_guide():
    """bench/typst_guide.py, the guide converted for the benchmark's side-by-side with Typst."""
    spec = importlib.util.spec_from_file_location("typst_guide", ROOT / "bench" / "typst_guide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_kind_of_block_and_inline_has_a_typst_form():
    """A block added to the model and not to the converter would stop the benchmark."""
    from nlmg_pdf import model

    converter = typst_guide()
    for kind, dispatch in ((model.Block, converter.block), (model.Inline, converter.inline)):
        for node in typing.get_args(kind):
            assert dispatch.dispatch(node) is not dispatch.dispatch(object), node.__name__


@pytest.mark.slow
def test_typst_builds_the_converted_guide_with_all_its_sections(tmp_path):
    from nlmg_pdf import model

    if importlib.util.find_spec("typst") is None:
        absent("the bench extra's typst is not installed (pip install -e '.[bench]')", "NLMG_REQUIRE_TYPST")
    made = subprocess.run([sys.executable, str(ROOT / "bench" / "typst_guide.py"), str(CONTENT), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr[-2000:]
    source, *fonts = made.stdout.split()
    built = subprocess.run([sys.executable, str(ROOT / "bench" / "typst_build.py"), source,
                            str(tmp_path / "typst.pdf"), *fonts], capture_output=True, text=True, timeout=120)
    assert built.returncode == 0 and built.stderr == "", built.stderr[-2000:]
    pdf = open_pdf(tmp_path / "typst.pdf")
    assert 40 <= len(pdf.pages) <= 90  # (the tool's teacher edition has 74)
    fonts_used = {font for page in pdf.reader.pages for font in _fonts(page)}
    assert any("SourceSerifPro" in name for name in fonts_used) and any("SourceSansPro" in name for name in fonts_used)
    sections = [words(section.title) for section in shipped_guide(Edition.TEACHER).sections]
    assert [title for level, title, *_ in outline(pdf) if level == 0] == sections  # each, in order
    for section in shipped_guide(Edition.TEACHER).sections:  # and each section's words, not just its title
        opening = next(block for block in section.blocks if isinstance(block, model.Paragraph))
        first = " ".join("".join(node.text for node in opening.children if isinstance(node, model.Text)).split()[:3])
        assert words(first) in words(pdf.text), (section.id, first)


def _fonts(page) -> set[str]:
    resources = page.get("/Resources") or {}
    fonts = resources.get("/Font") or {}
    return {str(font.get_object().get("/BaseFont")) for font in fonts.values()}
