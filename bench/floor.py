"""The floor: the guide's own flowables laid out the usual reportlab way, with nothing of
nlmg-pdf's pipeline. `run.py` pickles a story (the same paragraphs, boxes, fonts and page
geometry the tool lays out) with a TableOfContents in place of the tool's contents; this
script loads it and builds it with BaseDocTemplate + multiBuild, which lays the document
out again until the contents' page numbers settle. Its running head and footer are simpler
than the tool's (no page total), so the floor is, if anything, flattered.

    python bench/floor.py STORY.pickle OUT.pdf      (prints the number of layout passes)

With --one-pass it is the minimal one-pass floor instead: the same story without the
TableOfContents, laid out once by `build` (no contents to settle, no tagging, no page total):
what reportlab costs for these paragraphs, fonts and pages and nothing more.
"""
from __future__ import annotations

import json
import pickle
import sys
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.tableofcontents import TableOfContents


class FloorDocument(BaseDocTemplate):
    def __init__(self, path: str, page: dict):
        super().__init__(path, pagesize=page["size"], leftMargin=page["left"], rightMargin=page["right"],
                         topMargin=page["top"], bottomMargin=page["bottom"], title=page["title"],
                         initialFontName=page["font"])
        self.page_info = page
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [frame]),
                               PageTemplate("contents", [frame], onPageEnd=self.footer),
                               PageTemplate("body", [frame], onPageEnd=self.running_head)])

    def afterFlowable(self, flowable):
        if getattr(flowable, "in_contents", False):  # a heading the contents lists
            self.notify("TOCEntry", (flowable.level, flowable.title, self.page, flowable.anchor))

    def footer(self, canvas, doc):
        canvas.saveState()
        canvas.setFont(self.page_info["font"], self.page_info["small"])
        canvas.drawString(self.leftMargin, self.bottomMargin / 2, f"Page {self.page}")
        canvas.drawRightString(self.leftMargin + self.width, self.bottomMargin / 2, self.page_info["title"])
        canvas.restoreState()

    def running_head(self, canvas, doc):
        self.footer(canvas, doc)
        canvas.saveState()
        canvas.setFont(self.page_info["font"], self.page_info["small"])
        y = self.pagesize[1] - self.topMargin / 2
        canvas.drawString(self.leftMargin, y, self.page_info["title"])
        canvas.line(self.leftMargin, y - 4, self.leftMargin + self.width, y - 4)
        canvas.restoreState()


def register_fonts(fonts: dict) -> None:
    for name, path in fonts["faces"]:
        pdfmetrics.registerFont(TTFont(name, path))
    for family, bold, italic, face in fonts["mappings"]:
        addMapping(family, bold, italic, face)


def main(story_path: str, out: str, *flags: str) -> None:
    story_file = Path(story_path)
    page = json.loads(story_file.with_suffix(".json").read_text())
    register_fonts(page["fonts"])
    flowables = pickle.loads(story_file.read_bytes())
    if "--one-pass" in flags:
        FloorDocument(out, page).build([f for f in flowables if not isinstance(f, TableOfContents)])
        print(1)
        return
    passes = FloorDocument(out, page).multiBuild(flowables)
    print(passes)


if __name__ == "__main__":
    main(*sys.argv[1:])
