"""``python -m katakit ...``: the same command line as ``grader.py`` and ``kata``."""

import sys

from katakit.cli import main

sys.exit(main())
