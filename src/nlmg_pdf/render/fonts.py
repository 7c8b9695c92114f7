"""Register the style's font families with reportlab, once per process; each face is read
from its file when first used."""
from __future__ import annotations

from functools import cache, partial

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont

from ..fontfiles import FACES, face_file, face_name
from .reportlab_compat import map_only_used_codes, register_when_used


@cache
def register_family(family: str) -> str:
    """Embed-ready TrueType faces of `family`; returns the regular face's name."""
    map_only_used_codes()
    for face in FACES:
        name, path = face_name(family, face), str(face_file(family, face))
        # registering a face maps <b> and <i> within it to itself; the family's own mapping follows
        register_when_used(name, partial(TTFont, name, path), then=partial(_map, family))
    _map(family)
    return face_name(family)


def _map(family: str) -> None:
    """How <b> and <i> in paragraph markup resolve to faces, as registering every face and then
    mapping the regular and bold faces' variants would leave them."""
    for face in FACES:
        registerFontFamily(face_name(family, face))
    regular, bold = face_name(family), face_name(family, "bold")
    for is_bold, is_italic, face in ((0, 0, "regular"), (0, 1, "italic"), (1, 0, "bold"), (1, 1, "bold-italic")):
        addMapping(regular, is_bold, is_italic, face_name(family, face))
    addMapping(bold, 0, 0, bold)
    addMapping(bold, 0, 1, face_name(family, "bold-italic"))
    addMapping(bold, 1, 0, bold)
    addMapping(bold, 1, 1, face_name(family, "bold-italic"))
