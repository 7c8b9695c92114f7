"""Images in Markdown: files inside the content folder only, each with a description."""
from __future__ import annotations

import io
import re
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from .. import model as m
from ..errors import Problems
from .typography import typeset

FORMATS = {"PNG", "JPEG"}
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
MAX_BYTES = 20 * 1024 * 1024


class ImageReader:
    """Reads the images a guide shows, refusing anything outside its content folder:
    no web addresses (nothing is fetched during a build), no `..`, no links leading out."""

    def __init__(self, root: Path, problems: Problems):
        self.root, self.problems = root.resolve(), problems

    def read(self, node: SyntaxTreeNode, source: m.Source) -> m.Figure | None:
        target = str(node.attrs.get("src", ""))
        # markdown-it's typographer leaves an image's description and caption as typed: set them here
        alt = typeset("".join(child.content for child in node.walk() if child.type == "text").strip())
        data = self._data(target, source)
        if data is None:
            return None
        if not alt:
            self.problems.add(source, f"image '{target}' has no description; expected one between the brackets, "
                              "as in ![The grounds](images/grounds.png), for readers who cannot see it")
            return None
        caption = (m.Text(typeset(str(node.attrs["title"]))),) if node.attrs.get("title") else ()
        return m.Figure(data, alt, caption, source)

    def _data(self, target: str, source: m.Source) -> bytes | None:
        where = f"image '{target}'"
        if SCHEME.match(target) or target.startswith("//"):
            return self._refuse(source, f"{where} is a web address; expected a file inside the content folder")
        path = (self.root / target).resolve()
        if not path.is_relative_to(self.root):
            return self._refuse(source, f"{where} lies outside the content folder; expected a file inside it")
        if not path.is_file():
            return self._refuse(source, f"{where} not found; expected a file inside the content folder")
        try:
            if path.stat().st_size > MAX_BYTES:
                return self._refuse(source, f"{where} is larger than 20 MB; expected a smaller PNG or JPEG file")
            data = path.read_bytes()
        except OSError as error:
            return self._refuse(source, f"{where} cannot be read ({error.strerror}); expected a readable file")
        from PIL import Image, UnidentifiedImageError  # (only for content that has images: 30 ms to import)

        try:
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()
        except Image.DecompressionBombError:
            return self._refuse(source, f"{where} has too many pixels to be safe; expected a smaller image")
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            kind = None
        if kind not in FORMATS:
            return self._refuse(source, f"{where} is not a PNG or JPEG image; expected one of those")
        return data

    def _refuse(self, source: m.Source, message: str) -> bytes | None:
        """Note the problem; there are no image data to use."""
        self.problems.add(source, message)
        return None
