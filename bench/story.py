"""The floor's input: the tool's own story for some content, turned into plain reportlab
flowables (Paragraph, Table, KeepTogether, ListFlowable...) where the tool uses subclasses
of them, with a TableOfContents in place of the tool's contents. Plain classes matter: the
tool's paragraphs remember their line breaks, which would make the floor's second and third
passes nearly free and the comparison meaningless.

    python bench/story.py CONTENT FOLDER      (prints the pickle's path and the tool's passes)

run.py calls it in a process of its own, so that its own process stays small: a child's
peak memory, as the system reports it, can include what its parent held when it started.
"""
from __future__ import annotations

import json
import pickle
import re
import sys
from pathlib import Path

from reportlab.platypus import (
    BaseDocTemplate,
    HRFlowable,
    Image,
    KeepInFrame,
    KeepTogether,
    ListFlowable,
    Paragraph,
    Table,
)
from reportlab.platypus.tableofcontents import TableOfContents

from nlmg_pdf.editions import Edition
from nlmg_pdf.fontfiles import FACES, face_file
from nlmg_pdf.inputs import load
from nlmg_pdf.render import document
from nlmg_pdf.render.contents import ContentsLine
from nlmg_pdf.render.flowables import BulletedList, Grid, Heading, Kept, Picture, PullQuote, Rule, TaggedParagraph
from nlmg_pdf.render.fonts import face_name
from nlmg_pdf.render.tagging import SPAN
from nlmg_pdf.transforms import prepare

SPANS = re.compile(rf'<onDraw name="{SPAN}" label="[^"]*"/>')  # the tool's marks for tagging links and icons
SWAPS = {Grid: Table, Kept: KeepTogether, BulletedList: ListFlowable, Rule: HRFlowable, Picture: Image}


def plain(flowable):
    """The same flowable as plain reportlab would make it (containers changed in place)."""
    if isinstance(flowable, Heading):
        made = Paragraph(f'<a name="{flowable.anchor}"/>{flowable.text}' if flowable.anchor else flowable.text,
                         flowable.style, bulletText=flowable.bulletText)
        made.level, made.title, made.anchor = flowable.level, flowable.title, flowable.anchor
        made.in_contents = flowable.in_contents
        return made
    if isinstance(flowable, TaggedParagraph):  # (without the callbacks that mark spans for tagging)
        return Paragraph(SPANS.sub("", flowable.text), flowable.style, bulletText=flowable.bulletText)
    if type(flowable) in SWAPS:
        flowable.__class__ = SWAPS[type(flowable)]
    if isinstance(flowable, Table):
        flowable._renderCB = None
        flowable._cellvalues = [[_plain_cell(cell) for cell in row] for row in flowable._cellvalues]
    elif isinstance(flowable, (KeepTogether, KeepInFrame)):
        flowable._content = [plain(part) for part in flowable._content]
    elif isinstance(flowable, ListFlowable):
        for item in flowable._flowables:
            item._flowables = [plain(part) for part in item._flowables]
    elif isinstance(flowable, PullQuote):
        flowable.quote, flowable.source = plain(flowable.quote), plain(flowable.source)
    return flowable


def _plain_cell(cell):
    return [plain(part) for part in cell] if isinstance(cell, (list, tuple)) else plain(cell)


def prepare_floor(content: Path, folder: Path) -> tuple[Path, int]:
    """Pickle the tool's story for `content` (teacher edition) with a TableOfContents in
    place of its contents, for floor.py; and count the layout passes the tool makes."""
    guide, style = load(content, "default", None)
    guide = prepare(guide, Edition.TEACHER)
    story = document.make_story(guide, style)
    whole = story.flowables.whole()
    flowables = [plain(f) for f in whole if not isinstance(f, ContentsLine)]
    at = next(i for i, f in enumerate(whole) if isinstance(f, ContentsLine))
    flowables.insert(at, TableOfContents(levelStyles=list(story.paras.toc_levels), dotsMinLevel=0,
                                         tableStyle=[("FONTNAME", (0, 0), (-1, -1), story.paras.body.fontName)]))
    path = folder / f"story-{content.name}.pickle"
    path.write_bytes(pickle.dumps(flowables))
    families = {style.body_font, style.heading_font}
    faces = [[face_name(family, face), str(face_file(family, face))] for family in families for face in FACES]
    mappings = [[face_name(family), bold, italic, face_name(family, face)] for family in families
                for bold, italic, face in ((0, 0, "regular"), (0, 1, "italic"), (1, 0, "bold"), (1, 1, "bold-italic"))]
    path.with_suffix(".json").write_text(json.dumps({
        "size": list(style.page_size), "left": style.margin_left, "right": style.margin_right,
        "top": style.margin_top, "bottom": style.margin_bottom, "title": guide.metadata.title,
        "font": story.paras.body.fontName, "small": style.small_size,
        "fonts": {"faces": faces, "mappings": mappings}}))

    passes = 0
    begin = BaseDocTemplate.handle_documentBegin

    def counting(self):
        nonlocal passes
        passes += 1
        begin(self)

    BaseDocTemplate.handle_documentBegin = counting
    try:
        document.render_pdf(guide, style)
    finally:
        BaseDocTemplate.handle_documentBegin = begin
    return path, passes




if __name__ == "__main__":
    made, passes = prepare_floor(Path(sys.argv[1]), Path(sys.argv[2]))
    print(made, passes)
