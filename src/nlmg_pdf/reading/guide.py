"""Load a whole guide: the manifest, its data files and its Markdown sections."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from .. import model as m
from ..errors import Problems, UserError, did_you_mean
from ..stylesheet import PAPER_SIZES
from .catalog import MOST_CHAPTERS, WHAT, CatalogReader
from .files import confined
from .images import ImageReader
from .markdown import MarkdownReader
from .typography import typeset_around_addresses
from .yamlfile import Mapping, Record, load_mapping, parse_yaml, read_text

MANIFEST = "guide.yaml"
NO_DATE = date(1970, 1, 1)  # stands in for a missing date, which is reported as a problem
FENCE = re.compile(r"---[ \t]*$")
LANGUAGES = ("en-GB", "en-US")


def load_guide(root: Path) -> m.Guide:
    """Read the content directory `root`; raise UserError listing every problem found."""
    problems = Problems()
    manifest_path = confined(root, MANIFEST, m.Source(MANIFEST))  # (a link to a manifest elsewhere is refused)
    manifest = Record(load_mapping(manifest_path, MANIFEST), MANIFEST, problems)
    metadata = _metadata(manifest)
    catalog = CatalogReader(root, problems, metadata.novel_chapters).read(*_data_files(manifest))
    anchors: set[str] = set()
    sections, links = [], list(catalog.links)
    for path, where in manifest.placed_texts("sections"):
        try:
            section, section_links = _section(root, path, where, catalog, problems, anchors)
        except UserError as error:  # a file that cannot be read at all; go on with the others
            problems.extend(error.problems)
            continue
        if section:
            sections.append(section)
            links.extend(section_links)
    manifest.finish()
    _check_links(links, anchors, problems)
    problems.raise_if_any()
    return m.Guide(metadata, tuple(sections), characters=catalog.characters,
                   quotations=catalog.quotations, chapter_themes=catalog.chapter_themes)


def _metadata(manifest: Record) -> m.Metadata:
    novel = manifest.sub("novel")
    language = manifest.text("language")
    if language and language not in LANGUAGES:
        manifest.problems.add(manifest.source("language"), f"language '{language}': expected "
                              f"one of {', '.join(LANGUAGES)}" + did_you_mean(language, LANGUAGES))
    metadata = m.Metadata(
        title=manifest.printed("title") or "", subtitle=manifest.printed("subtitle", required=False) or "",
        novel_title=novel.printed("title") or "", novel_author=novel.printed("author") or "",
        novel_published=novel.integer("published", 1800, 2100) or 0,
        novel_chapters=novel.integer("chapters", 1, MOST_CHAPTERS, required=False) or MOST_CHAPTERS,
        author=manifest.printed("author") or "", subject=manifest.printed("subject") or "",
        keywords=manifest.printed_texts("keywords", required=False), language=language or LANGUAGES[0],
        date=manifest.day("date") or NO_DATE, paper=manifest.choice("paper", list(PAPER_SIZES), required=False),
        # the imprint page's licence line, and where to report a mistake (which may hold a web or
        # email address, kept exactly as written)
        licence=manifest.printed("licence", required=False) or "",
        report=typeset_around_addresses(manifest.text("report", required=False) or ""))
    novel.finish()
    return metadata


def _data_files(manifest: Record) -> tuple[dict[str, str], dict[str, m.Source]]:
    """Each kind of data's file, and where the manifest names it."""
    record = manifest.sub("data")
    files = {kind: path for kind in WHAT if (path := record.text(kind, required=False)) is not None}
    record.finish()
    return files, {kind: record.value_source(kind) for kind in files}


def _section(root: Path, path: str, where: m.Source, catalog, problems: Problems, anchors: set[str]):
    text = read_text(confined(root, path, where), path, where)
    front, body, body_line = _split_front_matter(text, path)
    record = Record(front, path, problems)
    title = record.printed("title") or ""
    edition = record.choice("edition", [e.value for e in m.Edition], required=False)
    editions = frozenset({m.Edition(edition)}) if edition else m.ALL_EDITIONS
    new_page = record.flag("new-page", required=False)
    contents = record.choice("contents", ["title", "headings"], required=False)
    heading_pages = record.flag("new-page-headings", required=False)
    chapter_headings = record.flag("chapter-headings", required=False)
    record.finish()
    section_id = Path(path).stem
    if section_id in anchors:
        problems.add(m.Source(path), f"a second section with the id '{section_id}'; "
                     "expected each section file to have a different name")
        return None, []
    anchors.add(section_id)
    reader = MarkdownReader(path, body_line, section_id, catalog, problems, anchors, ImageReader(root, problems),
                            chapter_headings=chapter_headings is True)
    blocks = reader.read(body)
    section = m.Section(section_id, title, blocks, editions, m.Source(path, 1),
                        new_page=new_page is not False, contents_headings=contents == "headings",
                        new_page_headings=heading_pages is True)
    return section, reader.inline.links


def _split_front_matter(text: str, path: str) -> tuple[Mapping, str, int]:
    """Front matter between `---` lines at the top, the body, and the body's first line."""
    lines = text.splitlines(keepends=True)
    if not lines or not FENCE.match(lines[0]):
        raise UserError.one(m.Source(path, 1), "expected front matter: a first line '---', "
                            "then 'title: ...', then '---'")
    for number, line in enumerate(lines[1:], start=2):
        if FENCE.match(line):
            front = parse_yaml("".join(lines[1:number - 1]), path, first_line=2)
            if not isinstance(front, Mapping):
                raise UserError.one(m.Source(path, 2), "front matter: expected fields such as "
                                    "'title: ...', got " + ("nothing" if front is None else "something else"))
            return front, "".join(lines[number:]), number + 1
    raise UserError.one(m.Source(path, 1), "the front matter opened here never closes; "
                        "expected a line '---' after its fields")


def _check_links(links, anchors: set[str], problems: Problems) -> None:
    for target, source in links:
        if target not in anchors:
            problems.add(source, f"link to '#{target}' leads nowhere; expected a section id"
                         + did_you_mean(target, anchors))
