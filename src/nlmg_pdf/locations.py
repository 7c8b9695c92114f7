"""Where the guide's own content/ and styles/ are, in a source checkout or an installed wheel."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled(name: str) -> Path:
    """`content` or `styles`: shipped inside the package by a wheel, or beside src/ in a checkout."""
    packaged = Path(str(resources.files("nlmg_pdf"))) / "bundled" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name
