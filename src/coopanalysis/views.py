"""What the report notebooks show: validated parameters and HTML tables linked to the quotes."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd
from IPython.display import HTML

from .charts import CHART_GROUPS
from .coverage import NON_STATISTIC_CATEGORIES, check_coverage
from .formatting import format_bounds, format_number, format_stated
from .indicators import INDICATORS, indicators_wide

__all__ = [
    "ParameterError",
    "article_sections",
    "choose",
    "choose_one",
    "comparison_table",
    "coverage_table",
    "figure_href",
    "figures_table",
    "flagged_table",
    "html_table",
    "indicator_sections",
    "measure_counts",
    "non_statistics_summary",
    "province_comparison",
    "topic_names",
    "uncertain_table",
    "unreviewed_table",
]


class ParameterError(ValueError):
    """A notebook parameter has a value the notebook cannot use; the message lists valid ones."""


def choose(value: object, known: Iterable[str], what: str) -> list[str]:
    """Validate a multi-valued parameter: ``"all"``, a comma-separated string, or a list.

    Returns the chosen names in the order of ``known``. Raises :class:`ParameterError` naming
    the unknown values and every valid one (papermill's ``-p`` may also pass numbers: refused).
    """
    known = list(known)
    if isinstance(value, str):
        if value.strip().lower() == "all":
            return known
        wanted = [v.strip() for v in value.split(",") if v.strip()]
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        wanted = list(value)
    else:
        raise ParameterError(f"{what}s must be 'all', names separated by commas, or a list of names; "
                             f"got {value!r} ({type(value).__name__})")
    unknown = [w for w in wanted if w not in known]
    if unknown or not wanted:
        raise ParameterError(f"unknown {what} {', '.join(map(repr, unknown)) or '(none given)'}; "
                             f"known {what}s: {', '.join(known)}")
    return [k for k in known if k in wanted]


def choose_one(value: object, known: Iterable[str], what: str) -> str:
    """Validate a single-valued parameter against the known names."""
    known = list(known)
    if not isinstance(value, str) or value not in known:
        raise ParameterError(f"unknown {what} {value!r}; known {what}s: {', '.join(known)}")
    return value


def figure_href(article_links: str, article_id: str, figure_id: str) -> str:
    """Link to a figure's highlighted quote on its article page."""
    return f"{article_links}{article_id}.html#{figure_id}"


def _a(text: str, href: str) -> str:
    return f'<a href="{html.escape(href)}">{html.escape(text)}</a>'


def html_table(frame: pd.DataFrame) -> HTML:
    """Render a table whose cells are already HTML (every text cell escaped by the caller)."""
    return HTML(frame.to_html(index=False, escape=False, border=0, classes="coop", na_rep=""))


def figures_table(figures: pd.DataFrame, article_links: str) -> pd.DataFrame:
    """One row per figure, for people: linked id and quote, stated and normalized value, flag."""
    rows = []
    for f in figures.itertuples():
        href = figure_href(article_links, f.article_id, f.figure_id)
        unit = f.unit if f.kind not in ("share_pct", "change_pct") else "%"
        rows.append({
            "figure": _a(f.figure_id, href),
            "province": html.escape(f.province),
            "measure": html.escape(f.measure),
            "kind": html.escape(f.kind),
            "period": html.escape(f.period + (f" vs {f.base_period}" if f.base_period else "")),
            "scope": html.escape(f.scope),
            "as stated": html.escape(format_stated(f.value, f.low, f.high, f.qualifier, unit)),
            "low": html.escape(format_number(f.low, unit)),
            "high": html.escape(format_number(f.high, unit)),
            "quote": _a(f"“{f.quote}”", href),
            "flag": html.escape(" ".join(filter(None, [f.flag, "" if f.reviewed else "unreviewed"]))),
        })
    columns = ["figure", "province", "measure", "kind", "period", "scope", "as stated", "low", "high", "quote", "flag"]
    return pd.DataFrame(rows, columns=columns)


def article_sections(figures: pd.DataFrame, articles: pd.DataFrame, article_links: str) -> HTML:
    """For each article: a heading (title, province, date, how the province is known) and its figures."""
    parts = []
    for a in articles.itertuples():
        subset = figures[figures["article_id"] == a.article_id]
        parts.append(
            f"<h3>{html.escape(a.province)}: {html.escape(a.title)}</h3>"
            f"<p>{_a(f'Read the article with its {len(subset)} figures highlighted', article_links + a.article_id + '.html')}"
            f" · published {html.escape(a.published)} · province: {html.escape(a.province_basis)}</p>"
        )
        parts.append(html_table(figures_table(subset, article_links).drop(columns=["province"])).data)
    return HTML("\n".join(parts))


def _inputs_links(inputs: str, article_id: str, article_links: str) -> str:
    return " ".join(_a(i, figure_href(article_links, article_id, i)) for i in inputs.split(";"))


def indicator_sections(indicators: pd.DataFrame, article_links: str, names: Sequence[str],
                       provinces: Sequence[str], scope: str | None = "province") -> HTML:
    """One section per indicator: a heading with its unit and formula, and a row per value.

    Each value links to the quotes of the figures it was computed from.
    """
    parts = []
    selected = indicators[indicators["province"].isin(provinces)]
    if scope:
        selected = selected[selected["scope"] == scope]
    for indicator in INDICATORS:
        rows = selected[selected["indicator"] == indicator.name]
        if indicator.name not in names or rows.empty:
            continue
        parts.append(f"<h3>{html.escape(indicator.title)} ({html.escape(indicator.unit)})</h3>"
                     f"<p>{html.escape(indicator.description)}</p>")
        table = pd.DataFrame([{
            "province": html.escape(r.province),
            "scope": html.escape(r.scope),
            "period": html.escape(r.period + (f" vs {r.base_period}" if r.base_period else "")),
            f"value ({html.escape(indicator.unit)})": html.escape(format_bounds(r.value, r.low, r.high, r.unit))
            + (" (approximate)" if r.approximate else ""),
            "formula": html.escape(r.formula),
            "from figures": _inputs_links(r.inputs, r.article_id, article_links),
            "caveats": html.escape(r.caveats),
        } for r in rows.itertuples()])
        parts.append(html_table(table).data)
    if not parts:
        return HTML("<p>No indicator values for this selection.</p>")
    return HTML("\n".join(parts))


def _wide_cell(wide: pd.DataFrame, province: str, indicator, article_of: dict[str, str], article_links: str) -> str:
    """A wide-table cell as HTML: value with bounds, period, and a link to each input's quote."""
    period = wide.loc[province, f"{indicator.name}_period"]
    if pd.isna(period):
        return ""
    values = [wide.loc[province, f"{indicator.name}{s}"] for s in ("", "_low", "_high")]
    inputs = wide.loc[province, f"{indicator.name}_inputs"].split(";")
    links = " ".join(f'<a href="{html.escape(figure_href(article_links, article_of[i], i))}" '
                     f'title="{html.escape(i)}">[{n}]</a>' for n, i in enumerate(inputs, start=1))
    return f"{html.escape(format_bounds(*values, indicator.unit))} ({html.escape(period)}) {links}"


def _article_of(indicators: pd.DataFrame) -> dict[str, str]:
    return {i: row.article_id for row in indicators.itertuples() for i in row.inputs.split(";")}


def province_comparison(indicators: pd.DataFrame, province: str, article_links: str) -> HTML:
    """The province's latest value of each indicator next to the other provinces', linked to the quotes."""
    wide = indicators_wide(indicators).set_index("province")
    article_of = _article_of(indicators)
    rows = []
    for indicator in INDICATORS:
        if not indicator.in_wide or province not in wide.index or pd.isna(wide.loc[province, f"{indicator.name}_period"]):
            continue
        others = [f"{html.escape(p)}: {_wide_cell(wide, p, indicator, article_of, article_links)}" for p in wide.index
                  if p != province and not pd.isna(wide.loc[p, f"{indicator.name}_period"])]
        rows.append({"indicator": html.escape(indicator.title), "unit": html.escape(indicator.unit),
                     html.escape(province): _wide_cell(wide, province, indicator, article_of, article_links),
                     "other provinces": "; ".join(others) or "none reported"})
    if not rows:
        return HTML(f"<p>No province-wide indicator for {html.escape(province)}.</p>")
    return html_table(pd.DataFrame(rows))


def flagged_table(figures: pd.DataFrame, article_links: str) -> pd.DataFrame:
    """Figures read otherwise than the text literally says, with what it says and why."""
    flagged = figures[figures["flag"] != ""]
    return pd.DataFrame([{
        "figure": _a(f.figure_id, figure_href(article_links, f.article_id, f.figure_id)),
        "quote": html.escape(f"“{f.quote}”"),
        "read as": html.escape(f.measure),
        "flag": html.escape(f.flag),
        "reason": html.escape(f.flag_reason),
    } for f in flagged.itertuples()], columns=["figure", "quote", "read as", "flag", "reason"])


def unreviewed_table(figures: pd.DataFrame, article_links: str) -> pd.DataFrame | HTML:
    """Rows the extractor proposed that nobody has reviewed yet (set ``status`` to ``reviewed``)."""
    pending = figures[~figures["reviewed"]]
    if pending.empty:
        return HTML("<p>None: every figure has been reviewed.</p>")
    return html_table(figures_table(pending, article_links))


def uncertain_table(figures: pd.DataFrame, article_links: str) -> pd.DataFrame:
    """Figures that are bounds, ranges or approximations, by kind of uncertainty."""
    kinds = {"more_than": "lower bound", "at_least": "lower bound", "less_than": "upper bound",
             "at_most": "upper bound", "range": "range", "about": "approximate"}
    uncertain = figures[figures["qualifier"].isin(list(kinds))]
    return pd.DataFrame([{
        "figure": _a(f.figure_id, figure_href(article_links, f.article_id, f.figure_id)),
        "uncertainty": kinds[f.qualifier],
        "as stated": html.escape(format_stated(f.value, f.low, f.high, f.qualifier, f.unit)),
        "quote": html.escape(f"“{f.quote}”"),
    } for f in uncertain.sort_values(["qualifier", "figure_id"]).itertuples()])


def coverage_table(figures: pd.DataFrame) -> pd.DataFrame:
    """Per article: figures, flagged and uncertain figures, measures, and numbers left unaccounted for."""
    from .corpus import corpus_path

    uncovered = [u for name in sorted(set(figures["corpus"]))
                 for u in check_coverage(figures[figures["corpus"] == name], corpus_path(name))[0]]
    missing = pd.Series([u.article_id for u in uncovered], dtype="str").value_counts()
    grouped = figures.groupby("article_id", sort=True)
    return pd.DataFrame({
        "figures": grouped.size(),
        "flagged": grouped["flag"].apply(lambda s: int((s != "").sum())),
        "bounded, ranged or approximate": grouped["qualifier"].apply(lambda s: int((s != "exact").sum())),
        "measures": grouped["measure"].nunique(),
        "targets": grouped["kind"].apply(lambda s: int((s == "target").sum())),
        "unreviewed": grouped["reviewed"].apply(lambda s: int((~s).sum())),
        "numbers not accounted for": missing.reindex(sorted(figures["article_id"].unique()), fill_value=0),
    }).rename_axis("article").reset_index()



def topic_names(topic: str, chosen: Sequence[str]) -> list[str]:
    """The indicators of a chart topic (:data:`coopanalysis.charts.CHART_GROUPS`) that were chosen."""
    return [name for name in CHART_GROUPS[topic] if name in chosen]


def comparison_table(indicators: pd.DataFrame, names: Sequence[str], provinces: Sequence[str], article_links: str) -> HTML:
    """Indicators down, provinces across: each province's latest value, period and linked inputs."""
    wide = indicators_wide(indicators).set_index("province")
    article_of = _article_of(indicators)
    columns = [p for p in provinces if p in wide.index]
    rows = []
    for indicator in INDICATORS:
        if indicator.name not in names or not indicator.in_wide:
            continue
        cells = {html.escape(p): _wide_cell(wide, p, indicator, article_of, article_links) for p in columns}
        if any(cells.values()):
            rows.append({"indicator": html.escape(f"{indicator.title} ({indicator.unit})"), **cells})
    if not rows:
        return HTML("<p>No indicator values for this selection.</p>")
    return html_table(pd.DataFrame(rows))


def measure_counts(figures: pd.DataFrame) -> pd.DataFrame:
    """How many figures of each measure every province's articles give (levels and targets apart)."""
    counts = figures.assign(measure_kind=figures["measure"] + " (" + figures["kind"] + ")")
    table = counts.pivot_table(index="measure_kind", columns="province", values="figure_id", aggfunc="count", fill_value=0)
    return table.rename_axis(index="measure (kind)", columns=None).reset_index()


def non_statistics_summary() -> pd.DataFrame:
    """Numbers in the articles that are not statistics, counted by article and category."""
    from .corpus import default_corpora

    listed = pd.concat([pd.read_csv(corpus / "non_statistics.csv", dtype=str, keep_default_na=False)
                        for corpus in default_corpora()], ignore_index=True)
    table = listed.pivot_table(index="category", columns="article_id", values="quote", aggfunc="count", fill_value=0)
    table.insert(0, "meaning", [NON_STATISTIC_CATEGORIES[c] for c in table.index])
    return table.rename_axis(index="category", columns=None).reset_index()
