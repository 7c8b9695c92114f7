"""Web and email addresses inside plain words (the manifest's licence and report lines).

Read by the reader, which sets the words around an address but never the address itself, and by
each writer, which makes every address a link.
"""
from __future__ import annotations

import re

# an address, trailing punctuation left out: "write to us at help@example.org." ends at "org"
ADDRESS = re.compile(r"(?P<url>(?:https?://|mailto:)[^\s<>\"]*[^\s<>\".,;:!?)\]'])"
                     r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def link_target(found: re.Match[str]) -> str:
    """Where a found address leads: itself, or a mailto: link for an email address."""
    return found.group() if found["url"] else f"mailto:{found.group()}"
