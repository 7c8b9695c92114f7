"""The student page's answers: the tools above the guide (a name and class, and buttons to
download, print or clear the answers), the sheet that "Print my answers" prints, and the script
that keeps them in the browser (answers.js). Without the script the tools stay hidden and the
boxes are plain boxes, which print with the page."""
from __future__ import annotations

import base64
import hashlib
from functools import cache
from html import escape
from importlib.resources import files

from .. import __version__
from .. import model as m
from ..outline import written_date


@cache
def script() -> str:
    return (files(__package__) / "answers.js").read_text(encoding="utf-8")


def script_hash() -> str:
    """The script's hash as the page's content security policy names it, so that this script
    runs and no other (a page with no script allows none)."""
    digest = hashlib.sha256(script().encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def which(guide: m.Guide) -> str:
    """Which copy this is: "Student edition, version 0.1.0 of 21 November 2026"."""
    md = guide.metadata
    made = f"version {__version__} of {written_date(md.date, md.language)}"
    return f"{guide.edition.label}, {made}" if guide.edition else made[0].upper() + made[1:]


def attributes(guide: m.Guide) -> str:
    """What the script reads from the page's root: where the answers are kept (one place for a
    guide's version, whole or in handouts, since its numbers are the same), the file's name and
    the head of the answers it writes."""
    md = guide.metadata
    key = f"nlmg-pdf:{md.file_stem}:{__version__}:{md.date.isoformat()}"
    title = f"{md.title}: answers ({which(guide)})"
    return (f' data-answers-key="{escape(key)}" data-answers-file="{escape(md.file_stem)}-answers.txt"'
            f' data-answers-title="{escape(title)}"')


def tools() -> str:
    fields = "".join(
        f'<p class="field"><label for="answers-{name}">{label}</label>'
        f'<input type="text" id="answers-{name}" name="answers-{name}" data-answer autocomplete="{complete}"></p>'
        for name, label, complete in (("name", "Name", "name"), ("class", "Class", "off")))
    return f"""<div class="answers-tools" id="answers-tools" role="region" aria-labelledby="answers-tools-title" hidden>
<h2 id="answers-tools-title">Your answers</h2>
<p id="answers-status" role="status">What you type in this page is kept in this browser on this device, and
sent nowhere. To hand it in, download or print your answers.</p>
<div class="fields">{fields}</div>
<p class="buttons"><button type="button" id="answers-download">Download my answers</button>
<button type="button" id="answers-print">Print my answers</button>
<button type="button" id="answers-clear">Clear my answers</button></p>
</div>
<noscript><p class="no-script">Answers typed in this page are not kept when it is closed: print the page
to keep them.</p></noscript>"""


def sheet() -> str:
    """Where "Print my answers" puts the answers' text: shown only when those are printed."""
    return '<div id="answers-sheet" class="answers-sheet" hidden><pre></pre></div>'
