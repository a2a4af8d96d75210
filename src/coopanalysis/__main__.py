"""``python -m coopanalysis``: the ``coopanalysis`` command."""

import sys

from .cli import main

sys.exit(main())
