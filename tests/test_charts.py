"""Charts that stand alone: PNG display with alt text, ax=, no global state, groups by basis, clear errors."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from conftest import build_corpus
from coopanalysis import compute_indicators, load_articles, load_figures
from coopanalysis.reports import Chart, ParameterError, chartable, indicator_chart
from coopanalysis.reports.charts import MOST_ROWS, png_bytes


@pytest.fixture(scope="module")
def indicators():
    return compute_indicators(load_figures())


def test_a_chart_displays_as_one_png_with_its_alt_text(indicators):
    chart = indicator_chart(indicators, "members_per_organization", articles=load_articles())
    data, metadata = chart._repr_mimebundle_()
    assert data["image/png"].startswith(b"\x89PNG") and data["text/plain"] == chart.alt
    assert metadata["image/png"]["alt"] == chart.alt
    # Every value is in the alt text, in words, with what it is comparable on: "about 44,377 / (over
    # 650 + 146)" is at most 55.8; "more than 28,500 / (165 + 1)" at least 171.7; 82,256 / 2,324 = 35.4.
    assert chart.alt == (
        "Members per collective organization (members per organization). Trà Vinh (now Vĩnh Long), Jul 2023: at least "
        f"{28500 / 166:.1f} [counting cooperatives and cooperative unions]; Quảng Trị (former), Feb 2024: "
        f"{82256 / 2324:.1f} "
        "[counting cooperatives, cooperative groups and cooperative unions]; Quảng Ninh, May 2024: at most "
        f"{44377 / 796:.1f} (about) [counting cooperatives and cooperative groups]."
    )
    assert chart.html().startswith('<figure class="chart"><img alt="Members per collective organization')
    assert chart.text() == repr(chart) == chart.alt and len(chart.data) == 3


def test_values_over_different_periods_are_drawn_apart(indicators):
    chart = indicator_chart(indicators, "new_cooperatives_share_pct")
    # Lang Son over four years, Quang Tri over one, Tra Vinh over half a year: three headed groups.
    assert "Trà Vinh (now Vĩnh Long), first half of 2023: 4.8% [over 6 months]" in chart.alt
    assert "Quảng Trị (former), 2023: 4.7% [over 1 year]" in chart.alt
    assert "Lạng Sơn, 2021–2024: 46.1% [over 4 years]" in chart.alt
    assert chart.alt.index("[over 6 months]") < chart.alt.index("[over 1 year]") < chart.alt.index("[over 4 years]")


def test_a_chart_draws_into_the_given_axes_and_changes_no_global_setting(indicators):
    before = (dict(matplotlib.rcParams), sns.axes_style(), sns.plotting_context())
    figure = Figure()
    ax = figure.add_subplot()
    chart = indicator_chart(indicators, "loans_per_borrower", ax=ax)
    # Nghe An's 1992-2000 loans are of another era of nominal VND: left out of Lang Son's axis.
    assert (
        chart.figure is figure
        and ax.get_title(loc="left") == "Loan amount per borrower"
        and len(ax.get_yticklabels()) == 1
    )
    assert (dict(matplotlib.rcParams), sns.axes_style(), sns.plotting_context()) == before


def test_the_same_chart_gives_the_same_bytes(indicators):
    first = png_bytes(indicator_chart(indicators, "members_per_organization").figure)
    assert first == png_bytes(indicator_chart(indicators, "members_per_organization").figure)


def test_misspelled_names_raise_with_the_valid_ones(indicators):
    with pytest.raises(
        ParameterError, match="unknown indicator 'members_per_coop'; known indicators: members_per_cooperative"
    ):
        indicator_chart(indicators, "members_per_coop")
    with pytest.raises(ParameterError, match="unknown province 'Atlantis'"):
        indicator_chart(indicators, "members_per_organization", provinces="Atlantis")
    chart = indicator_chart(
        indicators, "members_per_organization", provinces=["Quảng Ninh", "quang tri"], highlight="Quảng Trị"
    )
    assert isinstance(chart, Chart) and "Tra Vinh" not in chart.alt


def test_one_value_is_not_worth_a_chart(indicators):
    assert not chartable(indicators, "loans_per_project")  # Quang Tri only: a table row says it better
    assert chartable(indicators, "members_per_organization")


def test_a_national_value_of_a_subset_is_a_reference_of_its_own(tmp_path):
    # Two national averages of one year: of all cooperatives, and of agricultural ones only. Side by
    # side under one "national reference" heading they would read as two values of one statistic.
    corpus = build_corpus(
        tmp_path / "corpus",
        [
            {
                "id": "national-2017",
                "province": "national",
                "published": "2017-07-20",
                "text": "Nationwide, cooperatives had an average revenue of 4.3 billion VND per year in 2016.\n",
                "figures": [
                    {
                        "quote": "average revenue of 4.3 billion VND per year",
                        "measure": "avg_revenue_per_cooperative",
                        "kind": "level",
                        "period": "2016",
                    }
                ],
            },
            {
                "id": "national-2017-2",
                "province": "national",
                "published": "2017-02-21",
                "text": (
                    "Nationwide, agricultural cooperatives had an average revenue of 1.1 billion VND per year "
                    "in 2016.\n"
                ),
                "figures": [
                    {
                        "quote": "average revenue of 1.1 billion VND per year",
                        "measure": "avg_revenue_per_cooperative",
                        "kind": "level",
                        "period": "2016",
                        "definition": "agricultural cooperatives only",
                    }
                ],
            },
            {
                "id": "lang-son-2016",
                "province": "Lang Son",
                "published": "2017-01-10",
                "text": "Lang Son cooperatives had an average revenue of 1.2 billion VND per year in 2016.\n",
                "figures": [
                    {
                        "quote": "average revenue of 1.2 billion VND per year",
                        "measure": "avg_revenue_per_cooperative",
                        "kind": "level",
                        "period": "2016",
                    }
                ],
            },
        ],
    )
    chart = indicator_chart(compute_indicators(load_figures(corpus)), "avg_revenue_per_cooperative")
    assert "Việt Nam, 2016: 4.3 billion VND/year [national reference]" in chart.alt
    assert "Việt Nam, 2016: 1.1 billion VND/year [national reference: agricultural cooperatives only]" in chart.alt
    # The province first, the national references last.
    assert chart.alt.index("Lạng Sơn") < chart.alt.index("[national reference]")


def test_past_most_rows_a_chart_shows_each_province_latest_value(indicators):
    one = indicators[
        (indicators["indicator"] == "avg_revenue_per_cooperative") & (indicators["province"] == "Quang Tri")
    ]
    assert len(one) == 1
    # 30 provinces with three years each: 90 values, more than a chart shows.
    provinces = [
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
        "Ha Nam",
        "Nam Dinh",
        "Thai Binh",
        "Ninh Binh",
        "Thanh Hoa",
        "Ha Tinh",
        "Quang Binh",
        "Hue",
        "Quang Nam",
        "Binh Dinh",
        "Phu Yen",
        "Khanh Hoa",
        "Ninh Thuan",
        "Binh Thuan",
    ]
    many = pd.concat(
        [
            one.assign(
                province=p,
                period=str(year),
                value=year - 2000.0,
                low=year - 2000.0,
                high=year - 2000.0,
                article_id=f"a-{n}-{year}",
            )
            for n, p in enumerate(provinces)
            for year in (2021, 2022, 2023)
        ],
        ignore_index=True,
    )
    assert len(many) == 90 > MOST_ROWS
    chart = indicator_chart(many, "avg_revenue_per_cooperative", highlight="Ha Giang")
    assert len(chart.data) == 30 and set(chart.data["period"]) == {"2023"}
    assert "Hà Giang (now Tuyên Quang), 2023: 23" in chart.alt and "Hà Giang (now Tuyên Quang), 2022" not in chart.alt
    few = many[many["province"].isin(provinces[:20])]  # 60 values: every one drawn
    assert len(indicator_chart(few, "avg_revenue_per_cooperative").data) == 60


def test_every_word_of_a_chart_is_inside_its_figure(indicators):
    # Marked as proposals, the words beside each mark are at their longest: "... (proposed, not reviewed)".
    proposed = indicators.assign(reviewed=False)
    names = [name for name in dict.fromkeys(proposed["indicator"]) if chartable(proposed, name)]
    assert len(names) >= 5
    for name in names:
        figure = indicator_chart(proposed, name).figure
        renderer = FigureCanvasAgg(figure).get_renderer()  # as the PNG is drawn
        texts = [t for t in figure.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text()]
        assert any("(proposed, not reviewed)" in t.get_text() for t in texts)
        for text in texts:
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= figure.bbox.x1, f"{name}: {text.get_text()!r} is cut off"
