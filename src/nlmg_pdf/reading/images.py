"""Images in Markdown: files inside the content folder only, each with a description."""
from __future__ import annotations

import io
import re
import warnings
from pathlib import Path
from urllib.parse import unquote

from markdown_it.tree import SyntaxTreeNode

from .. import model as m
from ..errors import Problems, UserError
from .files import MAX_IMAGE_BYTES, read_bytes
from .typography import typeset

FORMATS = {"PNG", "JPEG"}
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")
MAX_PIXELS = 25_000_000  # 5000 x 5000: a full page at 300 dpi is 8.4 million


class ImageReader:
    """Reads the images a guide shows, refusing anything outside its content folder:
    no web addresses (nothing is fetched during a build), no `..`, no links leading out."""

    def __init__(self, root: Path, problems: Problems):
        self.root, self.problems = root.resolve(), problems

    def read(self, node: SyntaxTreeNode, source: m.Source) -> m.Figure | None:
        target = unquote(str(node.attrs.get("src", "")))  # (the parser writes a space as %20, an é as %C3%A9)
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
        if not path.exists():
            return self._refuse(source, f"{where} not found; expected a file inside the content folder")
        try:
            data = read_bytes(path, source, MAX_IMAGE_BYTES, subject=f"image '{target}'")
        except UserError as error:
            self.problems.extend(error.problems)
            return None
        from PIL import Image, UnidentifiedImageError  # (only for content that has images: 30 ms to import)

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # (the limit below is lower)
                with Image.open(io.BytesIO(data)) as image:
                    kind, (width, height) = image.format, image.size
                    if width * height > MAX_PIXELS:
                        return self._refuse(source, f"{where} is {width} x {height} pixels; expected at most "
                                            f"{MAX_PIXELS // 1_000_000} million (a page needs far fewer)")
                    image.load()  # every pixel decoded now, so broken data is found here and not in the build
        except Image.DecompressionBombError:
            return self._refuse(source, f"{where} has too many pixels to be safe; expected a smaller image")
        except UnidentifiedImageError:
            return self._refuse(source, f"{where} is not a PNG or JPEG image; expected one of those")
        except (OSError, SyntaxError, ValueError):
            return self._refuse(source, f"{where} cannot be decoded (its data is cut short or damaged); "
                                "expected a whole PNG or JPEG image")
        if kind not in FORMATS:
            return self._refuse(source, f"{where} is not a PNG or JPEG image; expected one of those")
        return data

    def _refuse(self, source: m.Source, message: str) -> bytes | None:
        """Note the problem; there are no image data to use."""
        self.problems.add(source, message)
        return None
