"""Entry point of the packaged app: the `stemline` command (no arguments opens the editor)."""
import sys

from stemline.cli import main

if __name__ == "__main__":
    sys.exit(main())
