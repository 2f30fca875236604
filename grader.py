"""Entry point: python grader.py <command> ... (see README.md, or --help)."""

import sys

INSTALL = ("python3 -m venv .venv && . .venv/bin/activate && pip install -e .")

if __name__ == "__main__":
    if sys.version_info < (3, 11):
        sys.exit(f"error: the kit needs Python 3.11 or newer, this is {sys.version.split()[0]}"
                 f"; install it in a virtual environment with: {INSTALL}")
    try:
        from katakit.cli import main
    except ModuleNotFoundError as missing:
        if (missing.name or "").startswith("katakit"):
            raise
        print(f"error: the kit is not installed for {sys.executable} (no module named "
              f"{missing.name!r}); install it in a virtual environment with: {INSTALL}",
              file=sys.stderr)
        sys.exit(2)
    sys.exit(main())
