"""Names that notebooks and charts take: provinces in any spelling, errors that list the valid names."""

from __future__ import annotations

import pytest

from conftest import read_rows, write_rows
from coopanalysis.reports.params import (
    ParameterError,
    choose,
    choose_flag,
    choose_folders,
    choose_province,
    choose_provinces,
    choose_text,
    known_name,
)

KNOWN = ["Lang Son", "Nghe An", "Quang Ninh", "Vinh Long", "national"]


@pytest.mark.parametrize("spelling", ["Lạng Sơn", "lang son", "Lang Son province", "LangSon", "tỉnh Lạng Sơn"])
def test_a_province_in_any_spelling_lookup_province_accepts(spelling):
    assert choose_province(spelling, KNOWN) == "Lang Son"


def test_national_reports_by_their_names():
    assert choose_provinces("Viet Nam, Quảng Ninh", KNOWN) == ["Quang Ninh", "national"]
    assert choose_provinces("all", KNOWN) == KNOWN


def test_unknown_names_are_refused_with_the_valid_ones():
    with pytest.raises(ParameterError, match="unknown province 'Atlantis'; the articles name: Lang Son, Nghe An"):
        choose_provinces("Lang Son, Atlantis", KNOWN)
    with pytest.raises(ParameterError, match="give one province"):
        choose_province("Lang Son, Nghe An", KNOWN)
    with pytest.raises(ParameterError, match="known indicators: a, b"):
        known_name("c", ["a", "b"], "indicator")
    with pytest.raises(ParameterError, match="must be 'all', names separated by commas"):
        choose(7, ["a"], "article")  # papermill's -p turns "007" into 7


@pytest.mark.parametrize(
    "value,expected",
    [
        (False, False),
        (True, True),
        ("false", False),
        ("False", False),
        ("0", False),
        ("no", False),
        (" No ", False),
        (0, False),
        ("true", True),
        ("yes", True),
        ("1", True),
        (1, True),
    ],
)
def test_a_flag_reads_what_papermill_passes_as_the_flag_it_says(value, expected):
    assert choose_flag(value, "proposals") is expected


@pytest.mark.parametrize("value", [["false"], [], "off", "", "maybe", 2, -1, 0.0, None, {"a": 1}])
def test_anything_else_is_never_read_as_a_flag_and_the_error_lists_the_valid_values(value):
    with pytest.raises(
        ParameterError,
        match=r"proposals must be True or False; got .*valid: True, False, or one of "
        r"the strings 'true', 'yes', '1', 'false', 'no', '0'",
    ):
        choose_flag(value, "proposals")


def test_folders_and_strings_are_checked_by_type():
    assert choose_folders(["seeds", "corpora/news"]) == ["seeds", "corpora/news"]
    assert choose_folders("seeds, corpora/news") == ["seeds", "corpora/news"]
    assert choose_folders([]) == choose_folders("") == []
    for bad in (5, True, ["seeds", 3], [""], {"seeds": 1}):
        with pytest.raises(ParameterError, match="corpora must be a list of corpus folders"):
            choose_folders(bad)
    assert choose_text("../articles/", "article_links") == "../articles/"
    with pytest.raises(ParameterError, match=r"article_links must be a string; got \['a'\] \(list\)"):
        choose_text(["a"], "article_links")


def test_proposals_given_as_papermill_strings_stay_off_and_a_list_is_refused(seed_copy, monkeypatch):
    import coopanalysis as ca

    header, rows = read_rows(seed_copy / "seeds" / "figures.csv")
    rows[0]["status"] = "unreviewed"
    write_rows(seed_copy / "seeds" / "figures.csv", header, rows)
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(seed_copy))
    for off in ("false", "False", "0", "no", False):
        figures = ca.load_analysis(proposals=off).figures
        assert rows[0]["figure_id"] not in set(figures["figure_id"]) and figures.attrs["proposals_left_out"] == 1
    assert rows[0]["figure_id"] in set(ca.load_analysis(proposals="true").figures["figure_id"])
    with pytest.raises(ParameterError, match="proposals must be True or False"):
        ca.load_analysis(proposals=["no"])


def test_the_34_provinces_first_a_former_name_leads_to_its_successor_and_none_is_unknown():
    from coopanalysis.reports.params import ParameterError, choose_province

    known = ["Lang Son", "Vinh Long", "national"]  # the profiles: provinces since July 2025
    assert choose_province("Vĩnh Long", known) == "Vinh Long"
    assert choose_province("tra vinh", known) == choose_province("Bến Tre", known) == "Vinh Long"
    with pytest.raises(ParameterError, match="no figures yet for Cao Bang"):
        choose_province("Cao Bằng", known)
    with pytest.raises(ParameterError, match="unknown province 'Atlantis'"):
        choose_province("Atlantis", known)
