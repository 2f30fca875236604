"""Entry point: python grader.py <command> ... (see README.md, or --help)."""

import sys

from katakit.cli import main

if __name__ == "__main__":
    sys.exit(main())
