"""Run evalkit as ``python -m evalkit``."""

import sys

from evalkit.cli import main

sys.exit(main())
