"""The figures a reviewer should look at again: those that fail a plausibility check, or make an indicator fail one."""

from __future__ import annotations

import pandas as pd

from .compute import indicator_values
from .plausibility import implausible_figures, implausible_values

__all__ = ["FLAG_COLUMNS", "plausibility_flags"]

#: Columns of :func:`plausibility_flags`.
FLAG_COLUMNS = ["figure_id", "check", "message"]


def plausibility_flags(figures: pd.DataFrame, reference: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each figure of ``figures`` to look at again, with the check it fails and why (:data:`FLAG_COLUMNS`),
    in the table's order.

    A figure fails a figure check (a share of 120%), or is an input of an indicator value that fails
    one (5,000 new cooperatives against 100 cooperatives: both figures are named, with the value).
    Checks relative to the corpus compare with the reviewed figures of the table and, when given,
    the reviewed figures of ``reference`` (the corpus's, such as ``check_seeds`` gives them; rows
    with a figure id of ``figures`` are left out): only ``figures`` are flagged. ``coopanalysis
    check`` prints these as warnings; the review page marks the proposals of one article with
    ``functools.partial(plausibility_flags, reference=corpus_figures)`` (a ``review.state.Flags``).
    """
    table = figures.reset_index(drop=True)
    ids = table["figure_id"].to_numpy(dtype=object)
    judged = table
    if reference is not None and not table.empty:
        others = reference[reference["reviewed"].astype(bool) & ~reference["figure_id"].isin(set(ids))]
        judged = pd.concat([table, others.reindex(columns=table.columns)], ignore_index=True)
    rows = [
        (ids[position], check.name, message)
        for position, check, message in implausible_figures(judged)
        if position < len(table)
    ]
    values = indicator_values(table)  # an article's values: the corpus's are computed and checked in runs
    for position, check, message in implausible_values(values):
        rows += [(figure_id, check.name, message) for figure_id in values["inputs"].iloc[position].split(";")]
    flags = pd.DataFrame(rows, columns=FLAG_COLUMNS).drop_duplicates(["figure_id", "check"])
    order = {figure_id: n for n, figure_id in enumerate(ids)}
    return flags.sort_values("figure_id", key=lambda column: column.map(order), kind="stable", ignore_index=True)
