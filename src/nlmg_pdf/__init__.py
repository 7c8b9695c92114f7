"""nlmg-pdf: builds a printable, accessible study guide to a novel from Markdown and YAML
(the guide to Never Let Me Go ships with it)."""

__version__ = "0.1.0"  # the one place the version is written; pyproject.toml reads it from here
# what an interrupted build says; here, so that it can be said before anything else is imported
INTERRUPTED = "Interrupted: no PDF was written, and earlier ones are as they were."
