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


def test_a_data_file_outside_the_content_folder_is_refused(copy, monkeypatch):
    replace_in_manifest(copy, "glossary: data/glossary.yaml", "glossary: ../outside.yaml")
    code, lines = check(copy, monkeypatch)
    line = manifest_line(copy, "../outside.yaml")
    assert code == 1 and lines == [f"content/guide.yaml:{line}:13: '../outside.yaml' lies outside the content "
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


def test_a_link_to_a_device_is_refused(copy, monkeypatch):
    (copy / "data" / "zero.yaml").symlink_to("/dev/zero")  # (it used to be read until memory ran out)
    replace_in_manifest(copy, "glossary: data/glossary.yaml", "glossary: data/zero.yaml")
    code, lines = check(copy, monkeypatch)
    line = manifest_line(copy, "data/zero.yaml")
    assert code == 1 and lines == [f"content/guide.yaml:{line}:13: 'data/zero.yaml' lies outside the content "
                                   "folder; expected a file inside it"]


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
