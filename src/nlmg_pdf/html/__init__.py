"""The HTML writer: the same prepared model as the PDF, written as one self-contained page per
edition. It imports nothing from the PDF writer (render/)."""
from .writer import write_html

__all__ = ["write_html"]
