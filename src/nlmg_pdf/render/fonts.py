"""Register the style's font families with reportlab, once per process."""
from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..fontfiles import FACES, face_file, face_name
from .reportlab_compat import map_only_used_codes


@cache
def register_family(family: str) -> str:
    """Embed-ready TrueType faces of `family`; returns the regular face's name."""
    map_only_used_codes()
    for face in FACES:
        pdfmetrics.registerFont(TTFont(face_name(family, face), str(face_file(family, face))))
    regular, bold = face_name(family), face_name(family, "bold")
    # <b> and <i> in paragraph markup resolve through this mapping
    for is_bold, is_italic, face in ((0, 0, "regular"), (0, 1, "italic"), (1, 0, "bold"), (1, 1, "bold-italic")):
        addMapping(regular, is_bold, is_italic, face_name(family, face))
    addMapping(bold, 0, 0, bold)
    addMapping(bold, 0, 1, face_name(family, "bold-italic"))
    addMapping(bold, 1, 0, bold)
    addMapping(bold, 1, 1, face_name(family, "bold-italic"))
    return regular
