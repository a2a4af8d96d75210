"""Plausibility checks as data: figures and indicator values no article can mean, each with the reason.

``data/checks/plausibility.csv`` holds one check per row: what it applies to (a ``figure`` of a
measure and kind, or an ``indicator`` value), the plausible range (``low``, ``high``), or a
``spread`` around the median of the corpus's reviewed figures of the same measure and plan period
(a ratio: 30 is from a thirtieth of the median to thirty times it), and the reason. ``subject`` is a
measure or an indicator name, or a pattern of them (``avg_*``, ``*_share_pct``). Each row has an
``example`` that fails it and a ``plausible`` one that passes, which the tests read.

A value fails only when none of its bounds can be plausible: "over 120%" is no share, "80 to 120%"
may be one. Nothing here changes a figure: :func:`coopanalysis.indicators.plausibility_flags` says
which figures to look at (``check`` prints them as warnings, the review page marks the proposals),
and an indicator value that fails a check, or rests on a figure that does, is withheld with the
reason (:func:`coopanalysis.indicators.withheld_indicators`) instead of computed and charted.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import cache

import numpy as np
import pandas as pd

from ..base.paths import DATA_DIR
from ..vocab.measures import measures
from .registry import INDICATOR_BY_NAME

__all__ = ["Check", "checks", "implausible_figures", "implausible_values"]

#: A median needs this many reviewed figures behind it before a figure is judged far from it.
MIN_REFERENCE = 5


@dataclass(frozen=True)
class Check:
    """One row of ``plausibility.csv``."""

    name: str
    applies_to: str  # "figure" or "indicator"
    subject: str
    kind: str
    low: float
    high: float
    spread: float
    reason: str
    example: str
    plausible: str

    def covers(self, subject: str, kind: str = "") -> bool:
        return fnmatchcase(subject, self.subject) and (not self.kind or kind == self.kind)


def _number(text: str) -> float:
    return float(text) if text.strip() else math.nan


@cache
def checks() -> tuple[Check, ...]:
    """The rows of ``data/checks/plausibility.csv``, in order (the first that fails is the one reported)."""
    with open(DATA_DIR / "checks" / "plausibility.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = []
    for line, row in enumerate(rows, start=2):
        if row["applies_to"] not in ("figure", "indicator") or not row["example"] or not row["plausible"]:
            raise ValueError(
                f"data/checks/plausibility.csv line {line}: applies_to must be figure or indicator, "
                "and every check needs an example and a plausible one"
            )
        found.append(
            Check(
                row["check"],
                row["applies_to"],
                row["subject"],
                row["kind"],
                _number(row["low"]),
                _number(row["high"]),
                _number(row["spread"]),
                row["reason"],
                row["example"],
                row["plausible"],
            )
        )
    return tuple(found)


def _outside(low: np.ndarray, high: np.ndarray, least: float | np.ndarray, most: float | np.ndarray) -> np.ndarray:
    """True where no value between ``low`` and ``high`` (NaN: open) lies in ``[least, most]`` (NaN: open)."""
    low, high = np.where(np.isnan(low), -np.inf, low), np.where(np.isnan(high), np.inf, high)
    least, most = np.where(np.isnan(least), -np.inf, least), np.where(np.isnan(most), np.inf, most)
    return (low > most) | (high < least)


class _Subjects:
    """The subjects (and kinds) of a table's rows, factorized once: a check's cover is decided once per
    distinct subject and kind, not per row."""

    def __init__(self, subjects: np.ndarray, kinds: np.ndarray | None = None):
        self.subject_codes, self.subjects = pd.factorize(subjects)
        self.kind_codes, self.kinds = pd.factorize(kinds if kinds is not None else np.full(len(subjects), ""))

    def covered(self, check: Check) -> np.ndarray:
        grid = np.array([[check.covers(subject, kind) for kind in self.kinds] for subject in self.subjects], dtype=bool)
        return grid[self.subject_codes, self.kind_codes] if grid.size else np.zeros(len(self.subject_codes), dtype=bool)


def _bounds(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each row's bounds: a stated value is both."""
    value, low, high = (table[c].to_numpy(dtype="float64") for c in ("value", "low", "high"))
    return np.where(np.isnan(value), low, value), np.where(np.isnan(value), high, value)


def _plan_period(periods: pd.Series) -> np.ndarray:
    """The five-year plan period of each figure's period (the year it ends in): nominal VND compare within one."""
    codes, labels = pd.factorize(periods.astype(str))
    years = [re.findall(r"(?:19|20)\d\d", label) for label in labels]
    plans = np.array([(int(found[-1]) - 1986) // 5 if found else -1 for found in years], dtype="int64")
    return plans[codes] if len(plans) else np.zeros(len(codes), dtype="int64")


def _medians(figures: pd.DataFrame, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """For each figure, the median of the reviewed figures of its measure, kind and plan period (NaN: too few)."""
    point = np.where(np.isfinite(low) & np.isfinite(high), (low + high) / 2, np.where(np.isfinite(low), low, high))
    keys = pd.DataFrame(
        {
            "measure": figures["measure"].to_numpy(),
            "kind": figures["kind"].to_numpy(),
            "plan": _plan_period(figures["period"]),
            "point": point,
        }
    )
    reviewed = keys[figures["reviewed"].to_numpy(dtype=bool) & np.isfinite(point)]
    grouped = reviewed.groupby(["measure", "kind", "plan"])["point"].agg(["median", "size"])
    grouped = grouped[grouped["size"] >= MIN_REFERENCE]["median"]
    return keys.merge(grouped.rename("median"), left_on=["measure", "kind", "plan"], right_index=True, how="left")[
        "median"
    ].to_numpy(dtype="float64")


def implausible_figures(figures: pd.DataFrame) -> list[tuple[int, Check, str]]:
    """(row position, check, message) of every figure that fails a figure check, the first check of each.

    Relative checks compare with the reviewed figures of ``figures``."""
    figures = figures.reset_index(drop=True)
    if figures.empty:
        return []
    low, high = _bounds(figures)
    subjects = _Subjects(figures["measure"].to_numpy(dtype=object), figures["kind"].to_numpy(dtype=object))
    medians = None
    found, done = [], np.zeros(len(figures), dtype=bool)
    for check in (c for c in checks() if c.applies_to == "figure"):
        covered = subjects.covered(check) & ~done
        if not covered.any():
            continue
        if math.isnan(check.spread):
            failing = covered & _outside(low, high, check.low, check.high)
        else:
            medians = _medians(figures, low, high) if medians is None else medians
            failing = (
                covered & np.isfinite(medians) & _outside(low, high, medians / check.spread, medians * check.spread)
            )
        for position in np.flatnonzero(failing):
            detail = "" if math.isnan(check.spread) or medians is None else f" (the median is {medians[position]:,.4g})"
            found.append((int(position), check, _figure_message(figures.iloc[position], check, detail)))
        done |= failing
    return sorted(found, key=lambda item: item[0])


def implausible_values(indicators: pd.DataFrame, figures: pd.DataFrame | None = None) -> list[tuple[int, Check, str]]:
    """(row position, check, message) of each indicator value that fails an indicator check, or (with
    ``figures``, those it was computed from) rests on a figure that fails a figure check: the first
    check of each value."""
    if indicators.empty:
        return []
    indicators = indicators.reset_index(drop=True)
    low, high = _bounds(indicators)
    subjects = _Subjects(indicators["indicator"].to_numpy(dtype=object))
    found, done = [], np.zeros(len(indicators), dtype=bool)
    if figures is not None:
        ids = figures["figure_id"].to_numpy(dtype=object)
        failing = {ids[p]: (check, message) for p, check, message in implausible_figures(figures)}
        for position, inputs in enumerate(indicators["inputs"]):
            cause = next((failing[i] for i in inputs.split(";") if i in failing), None)
            if cause is not None:
                found.append((position, cause[0], f"an input is implausible: {cause[1]}"))
                done[position] = True
    for check in (c for c in checks() if c.applies_to == "indicator"):
        covered = subjects.covered(check) & ~done
        failing = covered & _outside(low, high, check.low, check.high)
        found += [(int(p), check, _indicator_message(indicators.iloc[p], check)) for p in np.flatnonzero(failing)]
        done |= failing
    return sorted(found, key=lambda item: item[0])


def _figure_message(figure: pd.Series, check: Check, detail: str) -> str:
    known = measures().get(figure["measure"])
    label = known.label if known is not None else figure["measure"]
    return f"{label} ({figure['kind']}) stated as '{figure['stated'] or figure['value']}'{detail}: {check.reason}"


def _indicator_message(value: pd.Series, check: Check) -> str:
    title = (
        INDICATOR_BY_NAME[value["indicator"]].title if value["indicator"] in INDICATOR_BY_NAME else value["indicator"]
    )
    shown = f"{_shown(value)}%" if value["unit"] == "%" else f"{_shown(value)} {value['unit']}"
    return f"{title} is {shown} (from {value['inputs'].replace(';', ', ')}): {check.reason}"


def _shown(value: pd.Series) -> str:
    """An indicator value as a reader says it: "5,000", "at least 172.7", "80 to 120"."""
    low, high = value["low"], value["high"]
    if not math.isnan(value["value"]):
        return f"{value['value']:,.4g}"
    if math.isnan(high):
        return f"at least {low:,.4g}"
    if math.isnan(low):
        return f"at most {high:,.4g}"
    return f"{low:,.4g} to {high:,.4g}"
