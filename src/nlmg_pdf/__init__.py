"""nlmg-pdf: builds a printable study guide to Never Let Me Go from Markdown and YAML."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("nlmg-pdf")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
