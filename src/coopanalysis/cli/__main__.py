"""``python -m coopanalysis.cli``: the ``coopanalysis`` command (as ``python -m coopanalysis``)."""

import sys

from .main import main

sys.exit(main())
