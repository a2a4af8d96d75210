"""Locate the project's seeds, outputs and packaged reference data."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DATA_DIR", "notebooks_dir", "outputs_dir", "project_root", "seeds_dir"]

#: Reference data shipped inside the package (measures, provinces, administrative units).
DATA_DIR = Path(__file__).resolve().parent / "data"

_ROOT_ENV = "COOPANALYSIS_ROOT"


def project_root() -> Path:
    """Return the project directory that holds ``seeds/`` and ``outputs/``.

    Resolved from the package location (``src/coopanalysis`` -> project root), never from the
    current directory, so notebooks, papermill and the CLI agree wherever they run. Set
    ``COOPANALYSIS_ROOT`` to work on another copy of the data.
    """
    configured = os.environ.get(_ROOT_ENV)
    root = Path(configured) if configured else Path(__file__).resolve().parents[2]
    if not (root / "seeds").is_dir():
        raise FileNotFoundError(
            f"no seeds/ directory under {root}; install the package from a checkout "
            f"(pip install -e .) or set {_ROOT_ENV} to the project directory"
        )
    return root


def seeds_dir(root: Path | None = None) -> Path:
    """Return the ``seeds/`` directory (raw articles and the curated tables)."""
    return (root or project_root()) / "seeds"


def outputs_dir(root: Path | None = None) -> Path:
    """Return the ``outputs/`` directory where reports and tables are written."""
    return (root or project_root()) / "outputs"


def notebooks_dir() -> Path:
    """Return ``notebooks/``: the data root's if it has one, else the checkout's (notebooks are code)."""
    configured = project_root() / "notebooks"
    return configured if configured.is_dir() else Path(__file__).resolve().parents[2] / "notebooks"
