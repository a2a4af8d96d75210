"""The figures a reviewer should look at again: those that fail a plausibility check, or make an indicator fail one."""

from __future__ import annotations

import pandas as pd

from .compute import indicator_values
from .plausibility import implausible_figures, implausible_values

__all__ = ["FLAG_COLUMNS", "plausibility_flags"]

#: Columns of :func:`plausibility_flags`.
FLAG_COLUMNS = ["figure_id", "check", "message"]


def plausibility_flags(figures: pd.DataFrame) -> pd.DataFrame:
    """Each figure of ``figures`` to look at again, with the check it fails and why (:data:`FLAG_COLUMNS`),
    in the table's order.

    A figure fails a figure check (a share of 120%), or is an input of an indicator value that fails
    one (5,000 new cooperatives against 100 cooperatives: both figures are named, with the value).
    Checks relative to the corpus compare with the reviewed figures of the table: pass the corpus's
    figures with the proposals to judge the proposals against what the corpus holds. ``coopanalysis
    check`` prints these as warnings; the review page marks the proposals.
    """
    table = figures.reset_index(drop=True)
    ids = table["figure_id"].to_numpy(dtype=object)
    rows = [(ids[position], check.name, message) for position, check, message in implausible_figures(table)]
    values = indicator_values(table)
    for position, check, message in implausible_values(values):
        rows += [(figure_id, check.name, message) for figure_id in values["inputs"].iloc[position].split(";")]
    flags = pd.DataFrame(rows, columns=FLAG_COLUMNS).drop_duplicates(["figure_id", "check"])
    order = {figure_id: n for n, figure_id in enumerate(ids)}
    return flags.sort_values("figure_id", key=lambda column: column.map(order), kind="stable", ignore_index=True)
