"""Names that notebooks and charts take: provinces in any spelling, errors that list the valid names."""

from __future__ import annotations

import pytest

from coopanalysis.reports.params import ParameterError, choose, choose_province, choose_provinces, known_name

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
