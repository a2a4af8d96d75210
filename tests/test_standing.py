"""Where one province stands: one chart, comparable values only, others named when few and one line when many."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from coopanalysis import compute_indicators, load_figures
from coopanalysis.reports.standing import FEW, standing_chart, standing_rows

PROVINCES = [
    "Lang Son",
    "Nghe An",
    "Quang Ninh",
    "Tra Vinh",
    "Ha Giang",
    "Cao Bang",
    "Lao Cai",
    "Bac Kan",
    "Dien Bien",
    "Lai Chau",
    "Son La",
    "Yen Bai",
    "Hoa Binh",
    "Thai Nguyen",
    "Phu Tho",
    "Bac Giang",
]


@pytest.fixture(scope="module")
def indicators():
    return compute_indicators(load_figures())


def test_only_values_on_the_province_basis_stand_beside_it(indicators):
    rows = standing_rows(indicators, "Lang Son")
    # Lang Son's revenue and income are in VND of 2021-2025, like Quang Ninh's and Quang Tri's; its share of new
    # cooperatives is over 4 years, which no other province's is: no band.
    assert rows.groupby("indicator")["province"].apply(sorted).to_dict() == {
        "avg_revenue_per_cooperative": ["Lang Son", "Quang Ninh", "Quang Tri"],
        "income_per_worker_month": ["Lang Son", "Quang Ninh"],
    }
    assert set(rows["basis"]) == {"VND of 2021–2025"} and rows["role"].tolist().count("province") == 2
    assert standing_rows(indicators, "Tra Vinh").empty and standing_chart(indicators, "Tra Vinh") is None


def test_many_other_provinces_share_one_line(indicators):
    one = indicators[
        (indicators["indicator"] == "avg_revenue_per_cooperative") & (indicators["province"] == "Quang Tri")
    ]
    many = pd.concat(
        [
            one.assign(province=p, value=1e9 + n * 1e8, low=1e9 + n * 1e8, high=1e9 + n * 1e8, article_id=f"a-{n}")
            for n, p in enumerate(PROVINCES)
        ],
        ignore_index=True,
    )
    chart = standing_chart(many, "Ha Giang")
    others = len(PROVINCES) - 1
    assert others > FEW and len(chart.data) == len(PROVINCES) and set(chart.data["role"]) == {"province", "other"}
    assert chart.alt == (
        "Where Hà Giang stands, beside the values comparable with its own. Average revenue per "
        "cooperative · VND of 2021–2025: Hà Giang (now Tuyên Quang), 2023: 1.4 billion VND/year; 15 other "
        "provinces: 1–2.5 billion VND/year."
    )
    assert _labels(chart) == ["Hà Giang (now Tuyên Quang), 2023", f"{others} other provinces"]
    few = standing_chart(many[many["province"].isin(PROVINCES[: FEW + 1])], "Lang Son")
    assert len(_labels(few)) == FEW + 1 and "Quảng Ninh, 2023: 1.2 billion VND/year" in few.alt


def _labels(chart) -> list[str]:
    """The names left of the marks (right-aligned texts)."""
    return [
        t.get_text()
        for t in chart.figure.axes[0].texts
        if t.get_horizontalalignment() == "right" and not t.get_text().startswith("scale")
    ]


def test_every_word_of_a_standing_chart_is_inside_its_figure():
    # Marked as proposals, the words beside each mark are at their longest: "... (proposed)".
    proposed = compute_indicators(load_figures()).assign(reviewed=False)
    charts = [standing_chart(proposed, province) for province in sorted(set(proposed["province"]))]
    figures = [chart.figure for chart in charts if chart is not None]
    assert len(figures) >= 3
    for figure in figures:
        renderer = FigureCanvasAgg(figure).get_renderer()  # as the PNG is drawn
        texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text()]
        assert any("(proposed)" in t.get_text() for t in texts)
        for text in texts:
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= figure.bbox.x1, f"{text.get_text()!r} is cut off"
