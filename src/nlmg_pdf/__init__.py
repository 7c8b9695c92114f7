"""nlmg-pdf: builds a printable study guide to Never Let Me Go from Markdown and YAML."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it from here
