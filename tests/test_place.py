"""Rows by a province's written name: the key tables use is the ASCII name, any spelling finds it."""

from __future__ import annotations

import pytest

import coopanalysis as ca
from coopanalysis.reports.params import ParameterError
from coopanalysis.reports.place import province_key


def test_a_written_name_selects_the_rows_a_filter_on_it_misses():
    figures = ca.load_figures()
    assert figures[figures["province"] == "Trà Vinh"].empty  # the trap: the key is "Tra Vinh"
    expected = figures[figures["province"] == "Tra Vinh"]
    for spelling in ("Trà Vinh", "tra vinh", "tỉnh Trà Vinh", "TRA VINH province"):
        assert ca.province_rows(figures, spelling).equals(expected)
    assert ca.province_rows(figures, "Gia Lai").empty  # a province without figures: no row, no error


def test_since_2025_takes_every_province_merged_into_it():
    figures = ca.load_figures()
    view = ca.provinces_2025_view(ca.figure_panel(figures))
    # Vinh Long since July 2025 is Ben Tre, Tra Vinh and Vinh Long: the seeds have Tra Vinh's figures.
    assert ca.province_rows(figures, "Vĩnh Long").empty
    assert ca.province_rows(figures, "Vĩnh Long", since_2025=True).equals(figures[figures["province"] == "Tra Vinh"])
    assert set(ca.province_rows(view, "Vĩnh Long")["province_2025"]) == {"Vinh Long"}  # the view's own column
    assert ca.province_rows(ca.load_articles(), "Việt Nam").empty


def test_unknown_names_and_tables_without_provinces_are_refused():
    with pytest.raises(ParameterError, match="unknown province 'Atlantis'"):
        ca.province_rows(ca.load_figures(), "Atlantis")
    with pytest.raises(ParameterError, match="the table has no province column"):
        ca.province_rows(ca.measures_table(), "Lang Son")


def test_report_functions_take_the_key_and_name_it_when_given_a_written_name():
    assert province_key("Kon Tum") == "Kon Tum" and province_key("national") == "national"
    with pytest.raises(ParameterError, match="'Lạng Sơn': reports take the key tables use, 'Lang Son'"):
        province_key("Lạng Sơn")
    with pytest.raises(ParameterError, match="'Atlantis': it is no province"):
        province_key("Atlantis")
