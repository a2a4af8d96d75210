"""Locate the project's seeds, outputs and packaged reference data."""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = [
    "DATA_DIR",
    "PathEscape",
    "code_root",
    "inside",
    "notebooks_dir",
    "outputs_dir",
    "project_root",
    "seeds_dir",
    "slug",
]

#: Reference data shipped inside the package (measures, provinces, administrative units).
DATA_DIR = Path(__file__).resolve().parents[1] / "data"

_ROOT_ENV = "COOPANALYSIS_ROOT"


class PathEscape(ValueError):
    """A path taken from data (a file name in a table, a report name) leaves its root."""


def inside(root: Path, name: str, what: str) -> Path:
    """``root / name``, refusing any name that would leave ``root``.

    Every path built from data goes through here: absolute names, ``..`` and symbolic links that
    point out of ``root`` are refused, so no table or configuration can make a command read or
    write elsewhere on the machine.
    """
    if not name or "\0" in name or Path(name).is_absolute() or ".." in Path(name).parts:
        raise PathEscape(f"{what} {name!r} must be a relative name inside {root.name}/ (no '..', no absolute path)")
    path = root / name
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        raise PathEscape(f"{what} {name!r} leads outside {root.name}/ (through a symbolic link)") from None
    except (RuntimeError, OSError):  # Python raises RuntimeError (3.11, 3.12) or OSError (3.13) for a loop
        raise PathEscape(
            f"{what} {name!r} is a symbolic link that leads back to itself (a loop); replace it with the file"
        ) from None
    return path


def project_root() -> Path:
    """Return the project directory that holds ``seeds/`` and ``outputs/``.

    Resolved from the package location (``src/coopanalysis`` -> project root), never from the
    current directory, so notebooks, papermill and the CLI agree wherever they run. Set
    ``COOPANALYSIS_ROOT`` to work on another copy of the data.
    """
    configured = os.environ.get(_ROOT_ENV)
    root = Path(configured) if configured else Path(__file__).resolve().parents[3]
    if not (root / "seeds").is_dir():
        raise FileNotFoundError(
            f"no seeds/ directory under {root}; install the package from a checkout "
            f"(pip install -e .) or set {_ROOT_ENV} to the project directory"
        )
    return root


def code_root() -> Path:
    """The checkout the package runs from (``src/coopanalysis`` -> the checkout): notebooks are code."""
    return Path(__file__).resolve().parents[3]


def seeds_dir(root: Path | None = None) -> Path:
    """Return the ``seeds/`` directory (raw articles and the curated tables)."""
    return (root or project_root()) / "seeds"


def outputs_dir(root: Path | None = None) -> Path:
    """Return the ``outputs/`` directory where reports and tables are written."""
    return (root or project_root()) / "outputs"


def notebooks_dir() -> Path:
    """Return ``notebooks/``: the data root's if it has one, else the checkout's (notebooks are code)."""
    configured = project_root() / "notebooks"
    return configured if configured.is_dir() else code_root() / "notebooks"


def slug(text: str) -> str:
    """A file-name-safe form of a name: "Quang Ninh" -> "quang-ninh"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
