"""The province table before and after the July 2025 merger, and forgiving lookups."""

from __future__ import annotations

import pytest

from coopanalysis import lookup_province, provinces, provinces_2025
from coopanalysis.vocab.provinces import admin_units, find_admin_units, normalize_place_name


def test_sixty_three_before_and_thirty_four_after():
    before, after = provinces(), provinces_2025()
    assert len(before) == 63 and before["code"].is_unique and before["name"].is_unique
    assert len(after) == 34 and after["code"].is_unique and after["name"].is_unique
    assert set(before["successor_code"]) == set(after["code"])  # every new province has predecessors


def test_merger_facts_from_resolution_202():
    successor = provinces().set_index("name")["successor"]
    assert successor["Tra Vinh"] == "Vinh Long"
    assert successor["Quang Binh"] == "Quang Tri" and successor["Quang Tri"] == "Quang Tri"
    for unchanged in ("Nghe An", "Lang Son", "Quang Ninh"):
        assert successor[unchanged] == unchanged
    merged_from = provinces_2025().set_index("name")["merged_from"]
    assert merged_from["Vinh Long"] == "Ben Tre; Tra Vinh; Vinh Long"
    assert merged_from["Ho Chi Minh City"] == "Ba Ria-Vung Tau; Binh Duong; Ho Chi Minh City"
    assert (merged_from.str.count(";") + 1).sum() == 63


@pytest.mark.parametrize(
    "spelling", ["Lạng Sơn", "Lang Son", "LangSon", "lang-son", "Lang Son province", "Tỉnh Lạng Sơn"]
)
def test_lookup_accepts_common_spellings(spelling):
    assert lookup_province(spelling).code == "20"


def test_lookup_aliases_and_merged_table():
    assert lookup_province("HCMC").name == "Ho Chi Minh City"
    assert lookup_province("Thừa Thiên Huế").name == "Hue"
    assert lookup_province("Tra Vinh", merged=False).successor == "Vinh Long"
    with pytest.raises(KeyError, match="known provinces: An Giang"):
        lookup_province("Tra Vinh", merged=True)


def test_unknown_province_lists_known_ones():
    with pytest.raises(KeyError, match="unknown province 'Atlantis'; known provinces: An Giang, Ba Ria-Vung Tau"):
        lookup_province("Atlantis")


def test_admin_units_resolve_to_known_provinces_and_keep_shared_names_apart():
    units = admin_units()
    assert all(lookup_province(u.province).name == u.province for u in units)
    assert len([u for u in units if u.level in ("district", "urban district", "town", "city")]) == 696
    hoa_binh = sorted((u.level, u.district, u.province) for u in find_admin_units("Hoa Binh"))
    assert hoa_binh == [("city", "", "Hoa Binh"), ("commune", "Chi Lang", "Lang Son"), ("district", "", "Bac Lieu")]
    assert sorted((u.level, u.province) for u in find_admin_units("Hoang Mai")) == [
        ("town", "Nghe An"),
        ("urban district", "Ha Noi"),
    ]
    assert [u.province for u in find_admin_units("Đa Krông", ("district",))] == ["Quang Tri"]
    assert normalize_place_name("Đakrông") == normalize_place_name("Dakrong")


def test_display_names_carry_their_diacritics_and_every_lookup_takes_them():
    from coopanalysis.vocab.provinces import display_name

    assert [display_name(p) for p in ("Lang Son", "Vinh Long", "national", "Atlantis")] == [
        "Lạng Sơn",
        "Vĩnh Long",
        "Việt Nam",
        "Atlantis",
    ]
    for province in provinces()["name"]:
        assert lookup_province(display_name(province)).name == province


def _unmarked(name: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _written_forms(province) -> set[str]:
    """Every way a text or a reader writes a province's name."""
    bare = province.name_vi.removeprefix("Thành phố ")
    kind_vi, kind_en = ("thành phố", "city") if province.type == "city" else ("tỉnh", "province")
    forms = {
        province.name,
        province.name_vi,
        bare,
        _unmarked(bare),
        bare.upper(),
        bare.lower(),
        f"{kind_vi} {bare}",
        f"{kind_vi.capitalize()} {bare}",
        f"{kind_vi} {_unmarked(bare)}",
        f"{province.name} {kind_en}",
        f"{province.name} {kind_en.capitalize()}",
        f"{_unmarked(bare)} {kind_en}",
        f"the {kind_en} of {province.name}",
    }
    if province.type == "city":
        forms |= {f"TP. {bare}", f"TP {bare}", f"Tp.{bare}"}
    return forms


@pytest.mark.parametrize("merged", [False, True], ids=["63 before the merger", "34 after"])
def test_every_written_name_of_every_province_resolves(merged):
    table = provinces_2025() if merged else provinces()
    for province in table.itertuples():
        for form in _written_forms(province):
            assert lookup_province(form, merged=merged).name == province.name, form


@pytest.mark.parametrize(
    "name",
    [
        "Viet Nam",
        "Việt Nam",
        "Vietnam",
        "VIỆT NAM",
        "national",
        "nationwide",
        "cả nước",
        "toàn quốc",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Socialist Republic of Viet Nam",
    ],
)
def test_every_written_name_of_the_country_resolves_to_the_national_reports(name):
    from coopanalysis.vocab.provinces import canonical_name, successor

    for merged in (False, True):
        assert lookup_province(name, merged=merged).name == "national"
    assert canonical_name(name) == successor(name) == "national"


def test_type_words_are_dropped_only_as_whole_words():
    assert lookup_province("Ha Tinh province").name == lookup_province("Tỉnh Hà Tĩnh").name == "Ha Tinh"
    assert lookup_province("Ho Chi Minh City city").name == "Ho Chi Minh City"
    assert normalize_place_name("Thanh Phong") == "thanhphong"  # no "thành phố" inside a name


@pytest.mark.parametrize("merged", [False, True], ids=["63 before the merger", "34 after"])
def test_every_province_named_in_a_sentence_is_found(merged):
    # Each of the 34 provinces carries the name of one of the 63 before it: the text names that one.
    from coopanalysis.extract import detect_province

    for province in (provinces_2025() if merged else provinces()).itertuples():
        bare = province.name_vi.removeprefix("Thành phố ")
        kind_vi = "Thành phố" if province.type == "city" else "Tỉnh"
        sentences = [
            f"{kind_vi} {bare} hiện có 120 hợp tác xã với hơn 5.000 thành viên, tăng 12 hợp tác xã.",
            f"Năm 2023, {kind_vi.lower()} {bare} có 120 hợp tác xã và 300 tổ hợp tác với 5.000 thành viên.",
            f"{province.name} {'city' if province.type == 'city' else 'province'} has 120 cooperatives.",
        ]
        if province.type == "city":
            sentences += [
                f"TP. {bare} có 120 hợp tác xã và 300 tổ hợp tác với 5.000 thành viên.",
                f"TP {bare} có 120 hợp tác xã và 300 tổ hợp tác với 5.000 thành viên.",
            ]
        for sentence in sentences:
            assert detect_province(sentence)[0] == province.name, sentence


def test_a_province_written_any_way_gives_the_key_tables_select_by():
    import coopanalysis as ca

    figures = ca.load_figures()
    assert figures[figures["province"] == "Trà Vinh"].empty  # the written name is not the key
    chosen = figures[figures["province"] == ca.province_key("Trà Vinh")]
    assert len(chosen) == len(ca.province_rows(figures, "Tra Vinh")) > 0
    assert [ca.province_key(n) for n in ("tra vinh province", "Việt Nam", "HCMC", "Vĩnh Long")] == [
        "Tra Vinh",
        "national",
        "Ho Chi Minh City",
        "Vinh Long",
    ]
    with pytest.raises(KeyError, match="unknown province 'Trà Vịnh Bay'; known provinces: An Giang"):
        ca.province_key("Trà Vịnh Bay")
