"""Words for readers: periods, scopes, places, indicator titles without repeated units, flag reasons."""

from __future__ import annotations

import pytest

from coopanalysis.indicators import INDICATORS
from coopanalysis.reports.labels import (
    indicator_title,
    kind_label,
    measure_label,
    period_text,
    place_label,
    scope_text,
    short_place_label,
    why,
)


@pytest.mark.parametrize(
    ("period", "base", "words"),
    [
        ("2024-05", "", "May 2024"),
        ("H1 2023", "", "first half of 2023"),
        ("2021-2025", "", "2021–2025"),
        ("2024", "2021", "2024 against 2021"),
        ("Q3 2023", "", "Q3 2023"),
    ],
)
def test_period_text(period, base, words):
    assert period_text(period, base) == words


def test_scopes_and_kinds_in_words():
    assert [scope_text(s) for s in ("province", "national", "district:Lac Thuy", "entity:Chu Tinh Cooperative")] == [
        "province-wide",
        "national",
        "Lac Thuy district",
        "Chu Tinh Cooperative",
    ]
    assert [kind_label(k) for k in ("level", "target", "change_pct")] == ["", "target", "change, %"]


def test_places_say_what_the_merger_made_of_them():
    assert place_label("Tra Vinh", "pre-merger") == "Trà Vinh (now part of Vĩnh Long)"
    assert place_label("Vinh Long", "post-merger") == "Vĩnh Long (since July 2025: former Bến Tre, Trà Vinh, Vĩnh Long)"
    assert place_label("Vinh Long", "pre-merger") == "Vĩnh Long (before the July 2025 merger with Bến Tre and Trà Vinh)"
    assert place_label("Lang Son", "unchanged") == "Lạng Sơn"  # as readers write it; tables keep "Lang Son"
    assert place_label("national", "national") == "Việt Nam (national)"
    assert [
        short_place_label(*p) for p in (("Tra Vinh", "pre-merger"), ("Vinh Long", "post-merger"), ("national", ""))
    ] == ["Trà Vinh (now Vĩnh Long)", "Vĩnh Long (merged)", "Việt Nam"]


def test_indicator_titles_never_repeat_their_unit():
    for indicator in INDICATORS:
        title = indicator_title(indicator.name)
        assert title.count(indicator.unit) <= 1 and "(members per cooperative)" not in title, title
    assert indicator_title("members_per_cooperative") == "Members per cooperative"
    assert (
        measure_label("ocop_products", "of the 70 agricultural cooperatives")
        == "OCOP products (of the 70 agricultural cooperatives)"
    )


def test_why_drops_what_a_report_shows_apart():
    reason = "text says cooperatives ('1,981 cooperatives'); read as cooperative_groups: Two counts of 'cooperatives'."
    assert why(reason) == "Two counts of 'cooperatives'."
    assert why("no marker here") == "no marker here"


def test_a_former_province_is_never_named_as_the_merged_one_of_its_name():
    from coopanalysis.reports.labels import short_place_label

    assert short_place_label("Ca Mau", "pre-merger") == "Cà Mau (former)"
    assert short_place_label("Ca Mau", "post-merger") == "Cà Mau (merged)"
    assert short_place_label("Bac Lieu", "pre-merger") == "Bạc Liêu (now Cà Mau)"
    assert short_place_label("Lang Son", "unchanged") == "Lạng Sơn"  # the merger left it as it was
