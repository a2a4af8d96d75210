"""What the corpus holds and what it says, in a few sentences generated from the tables (for the index)."""

from __future__ import annotations

import pandas as pd

from ..indicators import INDICATOR_BY_NAME, indicators_wide
from ..vocab.provinces import former_provinces, successor
from .formatting import format_bounds
from .labels import display_name, indicator_title, measure_label, period_text, place_label

__all__ = ["HEADLINE_INDICATORS", "corpus_sentence", "key_sentences"]

#: The indicators the index summarizes, when two provinces or more have them.
HEADLINE_INDICATORS = (
    "members_per_cooperative",
    "members_per_organization",
    "avg_revenue_per_cooperative",
    "income_per_worker_month",
    "loans_per_project",
    "new_cooperatives_share_pct",
)


def corpus_sentence(articles: pd.DataFrame, figures: pd.DataFrame) -> str:
    """ "21 articles about 13 provinces and the whole country, published 2012 to 2026-03-11; ..."."""
    provinces = sorted(set(articles["province"]) - {"national"})
    national = "national" in set(articles["province"])
    dates = sorted(articles["published"])
    bounded = int((figures["qualifier"] != "exact").sum())
    flagged = int((figures["flag"] != "").sum())
    return (
        f"{len(articles)} articles about {len(provinces)} province{'s' if len(provinces) != 1 else ''}"
        f"{' and the whole country' if national else ''}, published {dates[0]} to {dates[-1]}; "
        f"{len(figures)} figures, {bounded} of them bounds, ranges or approximations"
        f"{f', {flagged} read otherwise than the text says' if flagged else ''}" + _proposals(figures) + "."
    )


def _proposals(figures: pd.DataFrame) -> str:
    left_out, shown = figures.attrs.get("proposals_left_out", 0), int((~figures["reviewed"]).sum())
    if left_out:
        return (
            f"; {left_out} more proposed by the extractor and not yet reviewed "
            f"{'are' if left_out > 1 else 'is'} left out"
        )
    return f"; {shown} of them proposed by the extractor and not yet reviewed (marked)" if shown else ""


def _indicator_sentence(wide: pd.DataFrame, name: str) -> str:
    indicator = INDICATOR_BY_NAME[name]
    cells = []
    for _, row in wide.iterrows():
        if row["province"] == "national" or pd.isna(row[f"{name}_period"]):
            continue
        words = format_bounds(row[name], row[f"{name}_low"], row[f"{name}_high"], indicator.unit)
        if words != "not known":
            rank = next((x for x in (row[name], row[f"{name}_low"], row[f"{name}_high"]) if not pd.isna(x)), 0)
            cells.append((-rank, row["province"], words, period_text(row[f"{name}_period"]), row[f"{name}_basis"]))
    if len(cells) < 2:
        return ""
    mixed = len({basis for *_, basis in cells}) > 1
    texts = [
        f"{display_name(province)} {words} ({period}{f'; {basis}' if mixed and basis else ''})"
        for _, province, words, period, basis in sorted(cells)
    ]
    caution = " Values on different bases are not comparable." if mixed else ""
    return f"{indicator_title(name)}: " + "; ".join(texts) + "." + caution


def _series_sentences(series: pd.DataFrame, panel: pd.DataFrame, limit: int = 4) -> list[str]:
    # Province-wide and national statistics from two articles or more: a single cooperative's, or one
    # article's own two dates, are in the reports, not in the summary.
    changes = series[
        (series["indicator"] == "series_change")
        & series["scope"].isin(["province", "national"])
        & series["articles"].map(lambda a: len(set(a.split("|"))) > 1)
    ]
    if changes.empty:
        return []
    values = panel.set_index("figures")
    sentences = []
    key = ["province", "borders", "scope", "measure", "definition"]
    groups = sorted(changes.groupby(key, sort=True, dropna=False), key=lambda item: -len(item[1]))
    for identity, group in groups[:limit]:
        stated = dict(zip(key, identity))
        points: list[str] = []
        for row in group.itertuples():
            earlier, later = row.inputs.split("|")
            for ids, period in ((earlier, row.base_period), (later, row.period)):
                v = values.loc[ids]
                text = f"{format_bounds(v['value'], v['low'], v['high'], row.unit)} ({period_text(period)})"
                if not points or points[-1] != text:
                    points.append(text)
        where = "" if stated["scope"] in ("province", "national") else f", {stated['scope'].partition(':')[2]}"
        sentences.append(
            f"{measure_label(stated['measure'], stated['definition'])}, "
            f"{place_label(stated['province'], stated['borders'])}{where}: " + " → ".join(points) + "."
        )
    return sentences


def key_sentences(
    indicators: pd.DataFrame, panel: pd.DataFrame, series: pd.DataFrame, view: pd.DataFrame, articles: pd.DataFrame
) -> list[str]:
    """The key comparisons, generated from the data: headline indicators, series, agreement, the merger.

    Only reviewed figures make a key sentence: a proposal nobody has reviewed is never headlined.
    """
    indicators, panel, series = indicators[indicators["reviewed"]], panel[panel["reviewed"]], series[series["reviewed"]]
    view = view[view["reviewed"]]
    wide = indicators_wide(indicators)
    sentences = [s for s in (_indicator_sentence(wide, name) for name in HEADLINE_INDICATORS) if s]
    sentences += _series_sentences(series, panel)
    several = panel[panel["n_articles"] > 1]
    if not several.empty:
        conflicts = int((several["status"] == "conflict").sum())
        sentences.append(
            f"{len(several)} statistic{'s are' if len(several) > 1 else ' is'} stated by more than one "
            f"article: {len(several) - conflicts} agree, {conflicts} disagree (see the data-quality report)."
        )
    changed = sorted({p for p in set(articles["province"]) - {"national"} if len(former_provinces(successor(p))) > 1})
    if changed:
        merged = sorted(set(view.loc[view["status"] == "merged province", "province_2025"]))
        partial = int((view["status"] == "partial").sum())
        sentences.append(
            f"The July 2025 merger changed {len(changed)} of these provinces "
            f"({', '.join(map(display_name, changed))}). "
            + (f"Articles state {', '.join(map(display_name, merged))} as merged provinces; " if merged else "")
            + f"{partial} count{'s' if partial != 1 else ''} of a former province cover only part of "
            f"its successor and are kept as lower bounds."
        )
    return sentences
