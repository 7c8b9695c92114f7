"""Measurements shared by the block renderers."""
from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

TABLE_PADDING = 6  # points each side of a table cell, reportlab's default
COLUMN_HEADER = {"O": "Table", "Scope": "Column"}  # a header cell's structure attributes
ROW_HEADER = {"O": "Table", "Scope": "Row"}  # a first-column cell that names its row


def table_summary(header: list[str], rows: int) -> str:
    """What a screen reader announces before a table: its size and what its columns hold."""
    return f"{rows} rows; columns: {', '.join(header)}"


def narrowest(columns: list[list[str]], font: str, size: float, padding: float) -> list[float]:
    """The width each column needs for its longest word."""
    return [max((stringWidth(w, font, size) for c in cells for w in c.split()), default=0) + 2 * padding
            for cells in columns]


def column_widths(columns: list[list[str]], font: str, size: float, padding: float, width: float,
                  weights: list[float] | None = None) -> list[float]:
    """Each column gets room for its longest word, then a share of the rest (by its amount
    of text unless weights are given), so short columns stay narrow and no word is broken."""
    least = narrowest(columns, font, size, padding)
    shares = weights or [min(max(map(len, cells)), 60) for cells in columns]
    spare = max(width - sum(least), 0)
    return [need + spare * share / sum(shares) for need, share in zip(least, shares, strict=True)]
