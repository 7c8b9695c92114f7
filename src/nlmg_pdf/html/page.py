"""The page around the guide's sections: head, skip link, title, contents, and the style sheet,
all inline, with its measure and type scale from the style file, a dark scheme, a print sheet."""
from __future__ import annotations

from html import escape

from .. import model as m
from ..stylesheet import Style

DARK = {"text": "#e8e6e3", "page": "#16181b", "muted": "#b8bcc2", "accent": "#9cc4ef", "box": "#23272d",
        "rule": "#59616b", "answer": "#8fd6a8"}  # each at least 4.5:1 on the dark page


def css(style: Style) -> str:
    scale = style.body_size
    return f"""
:root {{ --text: {style.text_colour}; --page: #ffffff; --muted: {style.muted_colour};
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
h1, h2, h3, h4, .box-title, nav, figcaption, legend, label, caption {{
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; }}
h1 {{ font-size: {style.section_size / scale:.2f}rem; color: var(--accent); margin: 2.5rem 0 1rem; line-height: 1.2; }}
h2 {{ font-size: {style.heading_size / scale:.2f}rem; color: var(--accent); margin: 2rem 0 .6rem; line-height: 1.25; }}
h3, h4 {{ font-size: {style.subheading_size / scale:.2f}rem; margin: 1.4rem 0 .4rem; }}
a {{ color: var(--link); text-decoration: underline; }}
a:focus-visible, textarea:focus-visible, input:focus-visible, .skip:focus {{ outline: 3px solid var(--accent);
  outline-offset: 2px; }}
.skip {{ position: absolute; left: -999rem; }} .skip:focus {{ left: 1rem; top: 1rem; background: var(--page);
  padding: .5rem; z-index: 2; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }}
.box {{ background: var(--box); border-left: 4px solid var(--accent); padding: .6rem 1rem; margin: 1rem 0; }}
.box-title {{ font-weight: bold; text-transform: uppercase; font-size: .8rem; letter-spacing: .05em; }}
.role {{ font-style: italic; }}
figure {{ margin: 1.2rem 0; }} figure.quotation blockquote {{ margin: 0; font-style: italic; }}
figure.pull blockquote {{ font-size: 1.2rem; border-left: 3px solid var(--accent); padding-left: 1rem; }}
figcaption, .tags, small {{ color: var(--muted); font-size: .9rem; }}
.drawing-svg {{ width: 100%; height: auto; }}
.table {{ overflow-x: auto; }} table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); }}
thead th {{ background: var(--box); border-bottom: 2px solid var(--accent); }}
.answer {{ color: var(--answer); }}
textarea, input[type=text] {{ width: 100%; font: inherit; color: var(--text); background: var(--page);
  border: 1px solid var(--muted); padding: .4rem; }}
fieldset {{ border: 0; padding: 0; margin: .3rem 0; }} fieldset label {{ display: block; }}
.icon, .icons {{ font-family: system-ui, sans-serif; }}
dl.glossary dt {{ font-weight: bold; margin-top: .6rem; }} dl.glossary dd {{ margin-left: 1rem; }}
header.guide {{ padding-top: 2rem; }} header.guide p {{ color: var(--muted); margin: .2rem 0; }}
header.guide .title {{ color: var(--accent); font: bold {style.title_size / scale * 0.7:.2f}rem/1.1 system-ui,
  sans-serif; }}
@media (max-width: 30rem) {{ body {{ font-size: 1rem; }} h1 {{ font-size: 1.6rem; }} }}
@media (prefers-reduced-motion: reduce) {{ * {{ transition: none !important; animation: none !important; }} }}
@media print {{ nav, .skip {{ display: none; }} body {{ background: #fff; color: #000; }}
  section {{ break-before: page; }} textarea {{ border: 0; border-bottom: 1px solid #000; }}
  a {{ color: #000; }} }}
"""


def page(guide: m.Guide, style: Style, contents: str, sections: str) -> str:
    md = guide.metadata
    edition = guide.edition.label if guide.edition else ""
    title = f"{md.title} ({edition})" if edition else md.title
    subtitle = f"<p>{escape(md.subtitle)}</p>" if md.subtitle else ""
    return f"""<!DOCTYPE html>
<html lang="{escape(md.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="description" content="{escape(md.subject)}">
<style>{css(style)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the guide</a>
<header class="guide"><p class="edition">{escape(edition)}</p>
<p class="title">{escape(md.title)}</p>{subtitle}</header>
{contents}
<main id="main">
{sections}
</main>
</body>
</html>
"""
