"""A figure's own territory (the ``territory`` column): written forms, check, and what every table makes of it."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, edit_figure, read_rows, write_rows
from coopanalysis import figure_panel, load_figures, provinces_2025_view
from coopanalysis.figures.check import check_seeds
from coopanalysis.vocab.territory import KINDS, Territory, read_territory, write_territory


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("former:Cà Mau", Territory("Ca Mau", "pre-merger")),
        ("former:ca mau province", Territory("Ca Mau", "pre-merger")),
        ("former:Bac Lieu", Territory("Bac Lieu", "pre-merger")),
        ("former:Lạng Sơn", Territory("Lang Son", "unchanged")),  # the merger left it as it was
        ("Cà Mau", Territory("Ca Mau", "post-merger")),
        ("vinh long", Territory("Vinh Long", "post-merger")),
        ("Lang Son", Territory("Lang Son", "unchanged")),
        ("district:Tân Uyên", Territory(scope="district:Tân Uyên")),
        ("commune:Phước Dinh", Territory(scope="commune:Phước Dinh")),
        ("cooperative:HTX Tân Phát", Territory(scope="entity:HTX Tân Phát")),
        ("country", Territory("national", "national", "national")),
        ("Việt Nam", Territory("national", "national", "national")),
        ("", Territory()),
    ],
)
def test_every_written_form_reads_in_any_spelling(written, expected):
    assert read_territory(written) == expected


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("Bac Lieu", "Bac Lieu is no province since July 2025 (it is part of Ca Mau); write former:Bac Lieu or Ca Mau"),
        ("former:Atlantis", "'Atlantis' is none of the 63 provinces"),
        ("Atlantis", "is no province; write former:"),
        ("ward:Ben Nghe", "unknown prefix 'ward'"),
        ("district:", "names no district"),
    ],
)
def test_a_wrong_territory_says_how_to_write_it(written, says):
    with pytest.raises(ValueError, match=re.escape(says)) as raised:
        read_territory(written)
    assert says in str(raised.value)


@pytest.mark.parametrize(
    ("kind", "name", "published", "written"),
    [
        ("former_province", "Cà Mau", "", "former:Ca Mau"),
        ("merged_province", "Cần Thơ", "", "Can Tho"),
        ("province", "Cà Mau", "2024-05", "former:Ca Mau"),
        ("province", "Cà Mau", "2025-12-31", "Ca Mau"),
        ("district", "Tân Uyên", "", "district:Tân Uyên"),
        ("commune", "Phước Dinh", "", "commune:Phước Dinh"),
        ("cooperative", "HTX Tân Phát", "", "cooperative:HTX Tân Phát"),
        ("country", "Viet Nam", "", "country"),
    ],
)
def test_a_reviewers_note_becomes_the_written_form(kind, name, published, written):
    assert write_territory(kind, name, published) == written
    read_territory(written)  # and check reads it


@pytest.mark.parametrize(
    ("kind", "name", "published"),
    [
        ("other", "the Mekong delta", ""),
        ("province", "Cà Mau", ""),
        ("province", "Cà Mau", "2025"),
        ("merged_province", "Bac Lieu", ""),
        ("region", "Tay Nguyen", ""),
    ],
)
def test_a_note_with_no_written_form_is_refused(kind, name, published):
    with pytest.raises(
        ValueError,
        match=r"has no written form|with no date that tells the borders|is no province since|unknown territory kind",
    ):
        write_territory(kind, name, published)
    assert "other" in KINDS


def _after_the_merger(root, **territories):
    """The seeds' Quang Tri article of February 2024 dated as if published in December 2025 (merged Quang Tri),
    with territories set on its rows."""
    path = root / "seeds" / "articles.csv"
    header, rows = read_rows(path)
    for row in rows:
        if row["article_id"] == "quang-tri-2024":
            row["published"] = "2025-12-15"
    write_rows(path, header, rows)
    for figure_id, territory in territories.items():
        figures = root / "seeds" / "figures.csv"
        header, rows = read_rows(figures)
        if "territory" not in header:
            write_rows(figures, [*header, "territory"], rows)
        edit_figure(root, figure_id.replace("_", "-"), territory=territory)
    return load_figures(root / "seeds")


def test_a_figure_of_the_former_province_in_an_article_after_the_merger_is_the_former_provinces(seed_copy):
    before = _after_the_merger(seed_copy).set_index("figure_id")
    assert tuple(before.loc["quang-tri-2024-f09", ["province", "borders"]]) == ("Quang Tri", "post-merger")
    figures = _after_the_merger(seed_copy, quang_tri_2024_f09="former:Quảng Trị").set_index("figure_id")
    row = figures.loc["quang-tri-2024-f09"]
    assert (row.province, row.borders, row.province_2025, row.territory) == (
        "Quang Tri",
        "pre-merger",
        "Quang Tri",
        "former:Quảng Trị",
    )
    assert figures.loc["quang-tri-2024-f10", "borders"] == "post-merger"  # the others keep the article's


def test_the_34_province_view_and_the_panel_use_the_figures_territory(seed_copy):
    figures = _after_the_merger(seed_copy, quang_tri_2024_f09="former:Quang Tri")
    panel = figure_panel(figures)
    counted = panel[(panel["measure"] == "cooperatives") & (panel["period"] == "2024-02")]
    assert counted[["province", "borders"]].values.tolist() == [["Quang Tri", "pre-merger"]]
    view = provinces_2025_view(panel)
    row = view[(view["measure"] == "cooperatives") & (view["period"] == "2024-02")].iloc[0]
    # Quang Binh states nothing for February 2024: the former Quang Tri is a part, never the merged whole.
    assert (row.status, row.stated_for, row.missing, row.value) == (
        "partial",
        "Quang Tri",
        "Quang Binh",
        pytest.approx(float("nan"), nan_ok=True),
    )
    assert row.low == 341


def test_a_territory_below_the_province_never_counts_as_the_provinces(seed_copy):
    figures = _after_the_merger(seed_copy, quang_tri_2024_f09="cooperative:Quang Tri cooperatives of the union")
    row = figures.set_index("figure_id").loc["quang-tri-2024-f09"]
    assert row.scope == "entity:Quang Tri cooperatives of the union"
    view = provinces_2025_view(figure_panel(figures))
    assert view[(view["measure"] == "cooperatives") & (view["period"] == "2024-02")].empty


def test_a_figure_of_the_whole_country_is_national(seed_copy):
    figures = _after_the_merger(seed_copy, quang_tri_2024_f09="country")
    row = figures.set_index("figure_id").loc["quang-tri-2024-f09"]
    assert (row.province, row.borders, row.scope, row.province_2025) == ("national", "national", "national", "national")


@pytest.mark.parametrize(
    ("territory", "scope", "says"),
    [
        ("Bạc Liêu", "province", "Bac Lieu is no province since July 2025"),
        ("district:Cam Lo", "entity:Some cooperative", "contradicts scope 'entity:Some cooperative'"),
        ("former:Quang Tri", "national", "is a province but scope is national"),
    ],
)
def test_check_names_the_line_and_the_fix(seed_copy, territory, scope, says):
    figures = seed_copy / "seeds" / "figures.csv"
    header, rows = read_rows(figures)
    write_rows(figures, [*header, "territory"], rows)
    line = edit_figure(seed_copy, "quang-tri-2024-f09", territory=territory, scope=scope)
    _, problems = check_seeds(seed_copy / "seeds")
    assert [(p.line, p.message) for p in problems if says in p.message] == [
        (line, next(p.message for p in problems if says in p.message))
    ]
    assert all(p.message.startswith("quang-tri-2024-f09: ") for p in problems if says in p.message)


def test_a_corpus_without_the_column_reads_as_before(seed_copy):
    assert "territory" not in read_rows(seed_copy / "seeds" / "figures.csv")[0]
    figures = load_figures(seed_copy / "seeds")
    assert (figures["territory"] == "").all()
    assert set(figures.loc[figures["article_id"] == "quang-tri-2024", "borders"]) == {"pre-merger"}


def test_the_notes_tool_writes_review_commands_and_names_the_lines_it_cannot(tmp_path):
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("territory_notes", ROOT / "tools" / "territory_notes.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    notes = [
        ["figure_id", "territory_kind", "territory_name", "reason"],
        ["camau-2025-merged-p03", "province", "Cà Mau", "2020-2025 term of the merged province"],
        ["quang-tri-2024-f09", "province", "Quảng Trị", "the article's own province"],
        ["camau-2025-merged-p07", "other", "Mekong delta", "a region"],
    ]
    out, problems = tool.commands(
        notes, "corpora/national", {"camau-2025-merged": "2025-12-31", "quang-tri-2024": "2024-02-20"}
    )
    assert out == [
        (
            "coopanalysis review camau-2025-merged --corpus corpora/national --set camau-2025-merged-p03 "
            "'territory=Ca Mau'"
        ),
        (
            "coopanalysis review quang-tri-2024 --corpus corpora/national --set quang-tri-2024-f09 "
            "'territory=former:Quang Tri'"
        ),
    ]
    assert problems == [
        "line 4: camau-2025-merged-p07: territory kind 'other' has no written form; say what it is in the figure's note"
    ]


def test_only_a_former_provinces_profile_names_its_successors_and_a_province_without_figures_says_so():
    from coopanalysis.base.problems import ConfigError
    from coopanalysis.run.config import Job
    from coopanalysis.run.runner import _select

    jobs = [
        Job(
            f"03-province-profile-{name}", "03-province-profile", name, ROOT / "notebooks" / "03-province-profile.ipynb"
        )
        for name in ("vinh-long", "lang-son")
    ]
    assert _select(jobs, ["03-province-profile-vinh-long"]) == jobs[:1]
    with pytest.raises(
        ConfigError,
        match="Tra Vinh is part of Vinh Long since July 2025: its profile is 03-province-profile-vinh-long;",
    ):
        _select(jobs, ["03-province-profile-tra-vinh"])
    with pytest.raises(ConfigError, match="Cao Bang has no figures yet, so no profile;"):
        _select(jobs, ["03-province-profile-cao-bang"])
    with pytest.raises(ConfigError, match="Bac Lieu is part of Ca Mau since July 2025, which has no figures yet"):
        _select(jobs, ["03-province-profile-bac-lieu"])


def test_setting_a_territory_counts_as_a_correction_in_the_review_effort(tmp_path):
    import shutil

    from conftest import build_corpus
    from coopanalysis.review.effort import review_effort

    text = "By the end of 2024 the former province had 120 cooperatives."
    folder = build_corpus(
        tmp_path / "corpus",
        [
            {
                "id": "camau-2025",
                "province": "Ca Mau",
                "published": "2025-12-31",
                "text": text,
                "figures": [
                    {"quote": text, "number": "120", "measure": "cooperatives", "kind": "level", "period": "2024"}
                ],
            }
        ],
    )
    shutil.copy(folder / "figures.csv", folder / "proposals.csv")
    header, rows = read_rows(folder / "figures.csv")
    rows[0]["territory"] = "former:Ca Mau"
    write_rows(folder / "figures.csv", header, rows)
    effort = review_effort(folder).iloc[0]
    assert (effort["corrected"], effort["kept"], effort["corrected_territory"], effort["corrected_scope"]) == (
        1,
        0,
        1,
        0,
    )
    assert load_figures(folder).iloc[0][["province", "borders"]].tolist() == ["Ca Mau", "pre-merger"]
