"""Dossier: `python main.py [FILE]` opens the editor; `python main.py check|schema|export|rollover …` runs the CLI."""

import sys

from dossier.cli import main

if __name__ == "__main__":
    sys.exit(main())
