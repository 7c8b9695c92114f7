"""The font families a style may name, and where their files come from (PyPI font packages)."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

# family -> (package that ships it, file prefix)
FAMILIES = {
    "Source Serif Pro": ("font_source_serif_pro", "SourceSerifPro"),
    "Source Sans Pro": ("font_source_sans_pro", "SourceSansPro"),
}
FACES = {"regular": "Regular", "italic": "It", "bold": "Bold", "bold-italic": "BoldIt",
         "semibold": "Semibold", "semibold-italic": "SemiboldIt"}


def face_name(family: str, face: str = "regular") -> str:
    """The name a face is registered under for measuring and drawing text."""
    return f"{family.replace(' ', '')}-{face}"


def face_file(family: str, face: str) -> Path:
    package, prefix = FAMILIES[family]
    return Path(str(resources.files(package) / "files" / f"{prefix}-{FACES[face]}.ttf"))
