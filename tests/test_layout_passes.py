"""The document is laid out once: the contents' page numbers and the page total are filled
in at the end, not found by laying everything out again."""
from __future__ import annotations

from reportlab.platypus import BaseDocTemplate

from nlmg_pdf.editions import Edition
from nlmg_pdf.inputs import load
from nlmg_pdf.render.document import render_pdf
from nlmg_pdf.transforms import prepare


def test_one_layout_pass(monkeypatch):
    passes = []
    begin = BaseDocTemplate.handle_documentBegin

    def counting(self):
        passes.append(self)
        begin(self)

    monkeypatch.setattr(BaseDocTemplate, "handle_documentBegin", counting)
    guide, style = load()
    render_pdf(prepare(guide, Edition.TEACHER), style)
    assert len(passes) == 1
