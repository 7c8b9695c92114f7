"""The guide's drawings as reportlab graphics, from the model: a theme tracker, a timeline and a
relationship map. Writer-neutral: the PDF writer draws them on its pages, and a drawing can be
rendered to SVG just as well. Every string is set in a font the caller names (never reportlab's
default, an unembedded Helvetica) and every colour comes from the style."""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing

from .. import model as m
from .look import Look
from .relationships import relationship_map
from .timeline import timeline
from .tracker import theme_tracker

__all__ = ["Look", "draw"]


def draw(block: m.Drawing, look: Look) -> Drawing:
    """The drawing of a tracker, a timeline or a map, as wide as `look.width` at most."""
    if isinstance(block, m.ThemeTracker):
        return theme_tracker(block, look)
    if isinstance(block, m.Timeline):
        return timeline(block, look)
    return relationship_map(block, look)
