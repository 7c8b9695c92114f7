"""One layout session: the state that lives while one document is laid out.

`render_pdf` makes it and hands it to the document template and the canvas; flowables
reach it through `session_of(canvas)`, which gives None on any other canvas (a test's, or
one a flowable is measured on alone), so nothing is ever stuck onto reportlab's objects.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from .. import model as m

if TYPE_CHECKING:
    from .tagging import Tagger

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Origin:
    """The block a flowable was made from: where it is written and what kind of thing it is."""

    source: m.Source
    kind: str


@dataclass(frozen=True)
class TooWide:
    """A word that no line of its column can hold, and the block it is in if known."""

    word: str
    width: float
    room: float
    origin: Origin | None


@dataclass(frozen=True)
class Missing:
    """A character that none of the guide's fonts can print, and the block it is in if known."""

    character: str
    font: str
    origin: Origin | None


class LayoutSession:
    """What one layout pass knows: the tagger of its canvas, the page each listed heading
    landed on, the words found too wide while measuring (reportlab rebuilds exceptions raised
    in wrap(), so they are noted and reported between flowables), the block each flowable
    came from, the user's request to stop, and where to report progress."""

    def __init__(self, progress: Progress = lambda message: None, stop: threading.Event | None = None):
        self.progress, self.stop = progress, stop
        self.tagger: Tagger | None = None  # set when the canvas is made
        self.heading_pages: dict[str, int] = {}  # anchor -> page number in the body, as headings land
        self.too_wide: list[TooWide] = []
        self.missing: list[Missing] = []  # characters a font lacks: they would print as empty boxes
        # flowables are made section by section as layout reaches them, and dropped once laid
        # out, so the map lets each go with its flowable
        self.origins: WeakKeyDictionary[Any, Origin] = WeakKeyDictionary()

    def stopping(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    def origin_of(self, flowable: Any) -> Origin | None:
        try:
            return self.origins.get(flowable)
        except TypeError:  # a flowable that cannot be weakly referenced was made by reportlab
            return None


def session_of(canvas: Any) -> LayoutSession | None:
    """The layout session a canvas belongs to, or None for a canvas outside any layout."""
    session = getattr(canvas, "layout_session", None)
    return session if isinstance(session, LayoutSession) else None
