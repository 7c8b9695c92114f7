"""The page around the guide's sections: head, skip link, title, contents, and the style sheet,
all inline, with its measure and type scale from the style file, a dark scheme, a print sheet."""
from __future__ import annotations

from html import escape

from .. import model as m
from ..stylesheet import Style, contrast
from . import answers

DARK = {"text": "#e8e6e3", "page": "#16181b", "muted": "#b8bcc2", "accent": "#9cc4ef", "box": "#23272d",
        "rule": "#59616b", "answer": "#8fd6a8"}  # each at least 4.5:1 on the dark page


def css(style: Style, themes: dict[str, str]) -> str:
    scale = style.body_size
    return f"""{theme_colours(themes)}
:root {{ color-scheme: light dark; --text: {style.text_colour}; --page: #ffffff; --muted: {style.muted_colour};
  --accent: {style.accent_colour}; --box: {style.box_colour}; --rule: {style.rule_colour};
  --answer: {style.answer_colour}; --link: {style.link_colour}; }}
@media (prefers-color-scheme: dark) {{ :root {{ --text: {DARK["text"]}; --page: {DARK["page"]};
  --muted: {DARK["muted"]}; --accent: {DARK["accent"]}; --box: {DARK["box"]}; --rule: {DARK["rule"]};
  --answer: {DARK["answer"]}; --link: {DARK["accent"]}; }} .drawing-svg {{ background: #ffffff; }} }}
* {{ box-sizing: border-box; }}
html {{ font-size: {scale / 10.5 * 100:.0f}%; }}
body {{ margin: 0; background: var(--page); color: var(--text);
  font: 1.05rem/1.55 Georgia, 'Times New Roman', serif; }}
main, header.guide, nav {{ max-width: 42rem; margin: 0 auto; padding: 0 1rem; }}
h1, h2, h3, h4, .box-title, nav, figcaption, legend, .answers-tools label, caption {{
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }}
h1 {{ font-size: {style.section_size / scale:.2f}rem; color: var(--accent); margin: 2.5rem 0 1rem; line-height: 1.2; }}
h2 {{ font-size: {style.heading_size / scale:.2f}rem; color: var(--accent); margin: 2rem 0 .6rem; line-height: 1.25; }}
h3, h4 {{ font-size: {style.subheading_size / scale:.2f}rem; margin: 1.4rem 0 .4rem; }}
a {{ color: var(--link); text-decoration: underline; }}
a:focus-visible, textarea:focus-visible, input:focus-visible, .table:focus-visible, .skip:focus {{
  outline: 3px solid var(--accent); outline-offset: 2px; }}
.skip {{ position: absolute; left: -999rem; }} .skip:focus {{ left: 1rem; top: 1rem; background: var(--page);
  padding: .5rem; z-index: 2; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }}
.box {{ background: var(--box); border-left: 4px solid var(--accent); padding: .6rem 1rem; margin: 1.4rem 0; }}
.box.character {{ border: 1px solid var(--rule); border-radius: .4rem; }}
.box.character > :first-child {{ margin-top: .3rem; }}
.key-quotation {{ border-top: 1px solid var(--rule); padding-top: .4rem; margin-top: 1.2rem; }}
.key-quotation figure {{ margin-bottom: .6rem; }}
aside.notes {{ border-top: 1px solid var(--rule); font-size: .9rem; margin-top: 1.5rem; padding-top: .3rem; }}
.icons {{ white-space: nowrap; }} main {{ padding-bottom: 4rem; }}
.box-title {{ font-weight: bold; text-transform: uppercase; font-size: .8rem; letter-spacing: .05em; }}
.role {{ font-style: italic; }}
figure {{ margin: 1.2rem 0; }} figure.quotation blockquote {{ margin: 0; font-style: italic; }}
figure.pull blockquote {{ font-size: 1.2rem; border-left: 3px solid var(--accent); padding-left: 1rem; }}
figcaption, .tags, small {{ color: var(--muted); font-size: .9rem; }}
.drawing-svg {{ width: 100%; height: auto; display: block; padding: .5rem; overflow: visible; }}
.drawing-narrow {{ display: none; }}
@media (max-width: 36rem) {{ .drawing-wide {{ display: none; }} .drawing-narrow {{ display: block; }} }}
/* a table box scrolls sideways, showing a shadow at an edge with more beyond; it is a positioned
   box, so that the hidden labels inside stay inside it rather than widening the page */
.table {{ overflow-x: auto; margin: 1rem 0; position: relative;
  background: linear-gradient(to right, var(--page) 40%, transparent), linear-gradient(to left, var(--page) 40%,
  transparent) 100% 0, radial-gradient(farthest-side at 0 50%, var(--muted), transparent),
  radial-gradient(farthest-side at 100% 50%, var(--muted), transparent) 100% 0;
  background-repeat: no-repeat; background-size: 2.5rem 100%, 2.5rem 100%, .8rem 100%, .8rem 100%;
  background-attachment: local, local, scroll, scroll; }}
table {{ border-collapse: collapse; width: 100%; }} .table.wide table {{ min-width: 36rem; }}
.schedule input[type=text] {{ width: 6.5rem; }}
/* the tick is a circle, as on paper */
.schedule input[type=checkbox] {{ appearance: none; width: 1.4rem; height: 1.4rem; margin: .1rem 0 0;
  border: 2px solid var(--muted); border-radius: 50%; cursor: pointer; }}
.schedule input[type=checkbox]:checked {{ background: var(--accent); border-color: var(--accent);
  box-shadow: inset 0 0 0 .22rem var(--page); }}
.schedule input[type=checkbox]:focus-visible {{ outline: 3px solid var(--accent); outline-offset: 2px; }}
@media (forced-colors: active) {{ .schedule input[type=checkbox] {{ appearance: auto; }} }}
th, td {{ text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); }}
thead th {{ background: var(--box); border-bottom: 2px solid var(--accent); }}
.answer {{ color: var(--answer); }}
textarea, input[type=text] {{ width: 100%; font: inherit; color: var(--text); background: var(--page);
  border: 1px solid var(--muted); padding: .4rem; }}
fieldset {{ border: 0; padding: 0; margin: .3rem 0; }}
fieldset label {{ display: flex; gap: .5rem; align-items: flex-start; padding: .15rem 0; }}
fieldset input {{ flex: none; width: 1.1rem; height: 1.1rem; margin: .25em 0 0; accent-color: var(--accent); }}
.icon, .icons {{ font-family: system-ui, sans-serif; }}
dl.glossary dt {{ font-weight: bold; margin-top: .6rem; }} dl.glossary dd {{ margin-left: 1rem; }}
header.guide {{ padding-top: 2rem; }} header.guide p {{ color: var(--muted); margin: .2rem 0; }}
header.guide .title {{ color: var(--accent); font: bold {style.title_size / scale * 0.7:.2f}rem/1.1 system-ui,
  sans-serif; }}
.answers-tools {{ background: var(--box); border: 1px solid var(--rule); padding: .6rem 1rem .8rem;
  margin: 1.2rem 0 0; }}
.answers-tools h2 {{ margin: 0 0 .3rem; font-size: 1.15rem; }} .answers-tools p {{ color: var(--text); }}
.answers-tools .fields {{ display: flex; flex-wrap: wrap; gap: 0 1rem; }} .answers-tools .field {{ flex: 1 1 12rem; }}
.answers-tools label {{ display: block; font-weight: bold; }}
button {{ font: bold .95rem system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: var(--page);
  background: var(--accent); border: 2px solid var(--accent); border-radius: .3rem; padding: .55rem .9rem;
  margin: .3rem .5rem .3rem 0; min-height: 2.75rem; cursor: pointer; }}
#answers-clear {{ background: transparent; color: var(--accent); }}
button:focus-visible {{ outline: 3px solid var(--text); outline-offset: 2px; }}
.no-script {{ color: var(--muted); }}
@media (max-width: 30rem) {{ body {{ font-size: 1rem; }} h1 {{ font-size: 1.6rem; }}
  header.guide .title {{ font-size: 1.8rem; }} }}
@media (prefers-reduced-motion: reduce) {{ * {{ transition: none !important; animation: none !important; }} }}
@media print {{ nav, .skip {{ display: none; }} body {{ background: #fff; color: #000; }}
  section {{ break-before: page; }} textarea {{ border: 0; border-bottom: 1px solid #000; }}
  a {{ color: #000; }} .answers-tools, .no-script {{ display: none; }}
  .printing-answers body > :not(.answers-sheet) {{ display: none !important; }}
  .printing-answers .answers-sheet {{ display: block; }}
  .answers-sheet pre {{ white-space: pre-wrap; font: 11pt/1.45 Georgia, 'Times New Roman', serif; }} }}
"""


def theme_colours(themes: dict[str, str]) -> str:
    """Each theme's icon in its colour, and in the dark scheme that colour lightened until it reads on
    the dark page and boxes as text does (the icons tell the chapters' themes to a sighted reader)."""
    light = " ".join(f".theme-{ident} {{ color: {colour}; }}" for ident, colour in themes.items())
    dark = " ".join(f".theme-{ident} {{ color: {lightened(colour)}; }}" for ident, colour in themes.items())
    return f"{light}\n@media (prefers-color-scheme: dark) {{ {dark} }}\n"


def lightened(colour: str, ratio: float = 4.5) -> str:
    """`colour` mixed with white, in the least measure that gives `ratio` on the dark boxes (which
    are lighter than the dark page, so on the page too)."""
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for step in range(21):
        mixed = "#" + "".join(f"{round(c + (255 - c) * step / 20):02x}" for c in channels)
        if contrast(mixed, DARK["box"]) >= ratio:
            return mixed
    return "#ffffff"


def page(guide: m.Guide, style: Style, contents: str, sections: str, themes: dict[str, str],
         keeps_answers: bool) -> str:
    """The whole page; where it `keeps_answers` (a student page with boxes to type in), with the
    tools and the script that keep them."""
    md = guide.metadata
    edition = guide.edition.label if guide.edition else ""
    title = f"{md.title} ({edition})" if edition else md.title
    subtitle = f"<p>{escape(md.subtitle)}</p>" if md.subtitle else ""
    scripts = answers.script_hash() if keeps_answers else "'none'"
    kept = answers.attributes(guide) if keeps_answers else ""
    tools = answers.tools() if keeps_answers else ""
    after = f"{answers.sheet()}\n<script>{answers.script()}</script>" if keeps_answers else ""
    return f"""<!DOCTYPE html>
<html lang="{escape(md.language)}"{kept}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; \
script-src {scripts}">
<title>{escape(title)}</title>
<meta name="description" content="{escape(md.subject)}">
<style>{css(style, themes)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the guide</a>
<header class="guide">
<p class="title">{escape(md.title)}</p>{subtitle}
<p class="edition">{escape(answers.which(guide))}</p>
{tools}</header>
{contents}
<main id="main">
{sections}
</main>
{after}
</body>
</html>
"""
