"""`python -m nlmg_pdf`, the same as the nlmg-pdf command."""
import sys

from . import INTERRUPTED

try:
    from .command import main
except KeyboardInterrupt:  # (Ctrl-C while the entry point itself was being imported)
    print(INTERRUPTED, file=sys.stderr)
    sys.exit(130)

main()
