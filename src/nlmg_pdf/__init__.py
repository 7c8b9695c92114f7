"""nlmg-pdf: builds a printable, accessible study guide to a novel from Markdown and YAML
(the guide to Never Let Me Go ships with it)."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it from here
