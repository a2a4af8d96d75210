"""The quantity parser on every phrase shape the articles use, plus properties on any input."""

from __future__ import annotations

import contextlib
import math
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.quantity.grammar import unmarked
from coopanalysis.quantity.parse import NUMBER_WORDS, QuantityError, find_quantities, parse_quantity, quantity_words

NAN = math.nan

# (phrase as it stands in a seed article, value, low, high, qualifier, unit, reported_unit)
# Values worked out by hand from the wording.
ARTICLE_PHRASES = [
    ("over VND 1,263 billion", 1263e9, 1263e9, NAN, "more_than", "VND", "VND"),
    ("VND 650 million/year", 650e6, 650e6, 650e6, "exact", "VND/year", "VND/year"),
    ("VND 68 million/year", 68e6, 68e6, 68e6, "exact", "VND/year", "VND/year"),
    ("over 2,000 billion VND", 2000e9, 2000e9, NAN, "more_than", "VND", "VND"),
    ("1.35 billion VND/cooperative/year", 1.35e9, 1.35e9, 1.35e9, "exact", "VND/year", "VND/cooperative/year"),
    ("1.85 billion VND/year", 1.85e9, 1.85e9, 1.85e9, "exact", "VND/year", "VND/year"),
    ("6 million VND/month", 6e6, 6e6, 6e6, "exact", "VND/month", "VND/month"),
    ("4 to 8 million VND/person/month", NAN, 4e6, 8e6, "range", "VND/month", "VND/person/month"),
    ("nearly 407 million VND/cooperative", 407e6, NAN, 407e6, "less_than", "VND", "VND/cooperative"),
    ("approximately 700,000 VND/sao", 700e3, 700e3, 700e3, "about", "VND/sao", "VND/sao"),
    ("VND 9.45 billion", 9.45e9, 9.45e9, 9.45e9, "exact", "VND", "VND"),
    ("850 million VND", 850e6, 850e6, 850e6, "exact", "VND", "VND"),
    ("nearly 2.9 billion VND", 2.9e9, NAN, 2.9e9, "less_than", "VND", "VND"),
    ("over 2.6 billion VND", 2.6e9, 2.6e9, NAN, "more_than", "VND", "VND"),
    ("1.5 million VND", 1.5e6, 1.5e6, 1.5e6, "exact", "VND", "VND"),
    ("22.7%", 22.7, 22.7, 22.7, "exact", "%", "%"),
    ("over 26%", 26, 26, NAN, "more_than", "%", "%"),
    ("nearly 25%", 25, NAN, 25, "less_than", "%", "%"),
    ("more than 20%", 20, 20, NAN, "more_than", "%", "%"),
    ("200-250", NAN, 200, 250, "range", "", ""),
    ("50-60", NAN, 50, 60, "range", "", ""),
    ("5-10", NAN, 5, 10, "range", "", ""),
    ("2-4", NAN, 2, 4, "range", "", ""),
    ("over 650", 650, 650, NAN, "more_than", "", ""),
    ("more than 2,800", 2800, 2800, NAN, "more_than", "", ""),
    ("50 or more", 50, 50, NAN, "at_least", "", ""),
    ("75 or more", 75, 75, NAN, "at_least", "", ""),
    ("nearly 10,000", 10000, NAN, 10000, "less_than", "", ""),
    ("about 44,377", 44377, 44377, 44377, "about", "", ""),
    ("82,256", 82256, 82256, 82256, "exact", "", ""),
    ("six", 6, 6, 6, "exact", "", ""),
    ("double", 2, 2, 2, "exact", "times", "double"),
    ("18 hectares", 18, 18, 18, "exact", "ha", "ha"),
]


@pytest.mark.parametrize("phrase,value,low,high,qualifier,unit,reported", ARTICLE_PHRASES)
def test_article_phrases(articles_text, phrase, value, low, high, qualifier, unit, reported):
    assert any(phrase in text for text in articles_text.values()), f"{phrase!r} is not from a seed article"
    parsed = parse_quantity(phrase)
    for got, expected in ((parsed.value, value), (parsed.low, low), (parsed.high, high)):
        assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected, rel=1e-12)
    assert (parsed.qualifier, parsed.unit, parsed.reported_unit) == (qualifier, unit, reported)


def test_range_keeps_both_ends_and_no_midpoint():
    parsed = parse_quantity("4 to 8 million VND/person/month")
    assert (parsed.low, parsed.high) == (4e6, 8e6)
    assert math.isnan(parsed.value) and parsed.is_range


def test_about_is_an_approximate_point():
    parsed = parse_quantity("about 44,377")
    assert parsed.approximate and parsed.low == parsed.high == parsed.value == 44377


@pytest.mark.parametrize(
    "phrase,unit,reported",
    [
        ("VND 5.2 million per month", "VND/month", "VND/month"),
        ("VND 2.1 billion per cooperative per year", "VND/year", "VND/cooperative/year"),
        ("62 million VND a year", "VND/year", "VND/year"),
    ],
)
def test_rates_spelled_out(phrase, unit, reported):
    parsed = parse_quantity(phrase)
    assert (parsed.unit, parsed.reported_unit) == (unit, reported)


@pytest.mark.parametrize("text", ["", "cooperatives", "12 and 13", "over", "250-200", "over 200-250"])
def test_bad_phrases_raise_quantity_error(text):
    with pytest.raises(QuantityError):
        parse_quantity(text)


def test_find_quantities_spans_point_into_the_text():
    text = "supported 65 members of 21 cooperatives in the province to access loans totaling 6.5 billion VND"
    found = find_quantities(text)
    assert [m.number for m in found] == ["65", "21", "6.5"]
    for m in found:
        assert text[m.start : m.end] == m.text
        assert text[m.number_start : m.number_end] == m.number
    assert found[2].quantity.value == 6.5e9


def test_find_quantities_skips_digits_inside_words_and_keeps_document_numbers_separate():
    found = find_quantities("Z121 Factory; Program No. 19/CTr-UBND dated May 23, 2021")
    assert [m.number for m in found] == ["19", "23", "2021"]


def test_backwards_range_falls_back_to_single_numbers():
    found = find_quantities("the period 2025-2020")
    assert [(m.number, m.quantity.qualifier) for m in found] == [("2025", "exact"), ("2020", "exact")]


# Properties -------------------------------------------------------------------------------

SCALES = {"": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9}


@st.composite
def decimal_numbers(draw) -> tuple[str, Decimal]:
    """A number written with or without thousands separators and decimals."""
    units = draw(st.integers(min_value=0, max_value=10**9))
    places = draw(st.integers(min_value=0, max_value=3))
    value = Decimal(units).scaleb(-places)
    grouped = draw(st.booleans())
    text = f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
    return text, value


@given(decimal_numbers(), st.sampled_from(sorted(SCALES)), st.sampled_from(["", "VND {}", "{} VND"]))
def test_formatted_amounts_parse_back(number, scale, currency):
    text, value = number
    phrase = f"{text} {scale}".strip()
    phrase = currency.format(phrase) if currency else phrase
    parsed = parse_quantity(phrase)
    if re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", text) and not scale:
        # One dot before three digits with no scale word reads as Vietnamese grouping, flagged.
        assert parsed.value == float(value * 1000) and "could also read" in parsed.ambiguity
    else:
        assert parsed.value == float(value * SCALES[scale])
    assert parsed.unit == ("VND" if currency else "")


@given(decimal_numbers(), st.sampled_from(["{}%", "{} percent"]))
def test_percentages_parse_back(number, style):
    text, value = number
    parsed = parse_quantity(style.format(text))
    assert (parsed.value, parsed.unit) == (float(value), "%")


@given(
    st.integers(0, 10**6),
    st.integers(0, 10**6),
    st.sampled_from(["{}-{}", "{} - {}", "{} to {}"]),
    st.sampled_from(sorted(SCALES)),
)
def test_ranges_parse_back_with_both_ends(a, b, style, scale):
    low, high = sorted((a, b))
    parsed = parse_quantity(f"{style.format(low, high)} {scale}".strip())
    assert (parsed.low, parsed.high) == (low * SCALES[scale], high * SCALES[scale])
    assert parsed.qualifier == "range" and math.isnan(parsed.value)


@given(
    st.integers(0, 10**6),
    st.sampled_from(
        [
            ("over {}", "low"),
            ("more than {}", "low"),
            ("{} or more", "low"),
            ("at least {}", "low"),
            ("nearly {}", "high"),
            ("almost {}", "high"),
            ("under {}", "high"),
            ("less than {}", "high"),
        ]
    ),
)
def test_qualifiers_give_one_open_bound(number, style):
    template, closed = style
    parsed = parse_quantity(template.format(f"{number:,}"))
    open_side = "high" if closed == "low" else "low"
    assert getattr(parsed, closed) == number and math.isnan(getattr(parsed, open_side))


@given(st.integers(0, 99))
def test_word_numbers_parse_back(number):
    ones = [w for w, v in NUMBER_WORDS.items() if v < 20]
    tens = {v: w for w, v in NUMBER_WORDS.items() if v >= 20}
    if number < 20:
        word = ones[number]
    else:
        word = tens[number - number % 10] + (f"-{ones[number % 10]}" if number % 10 else "")
    assert parse_quantity(word).value == number


@given(st.text(max_size=80))
def test_parser_raises_only_its_own_error(text):
    with contextlib.suppress(QuantityError):
        parse_quantity(text)


@given(st.text(alphabet=st.sampled_from(list("0123456789,.-% abtonvVND/year")), max_size=60))
def test_find_quantities_never_raises_and_spans_are_exact(text):
    for match in find_quantities(text):
        assert text[match.start : match.end] == match.text
        assert text[match.number_start : match.number_end] == match.number


def _same_as_plain_search(text: str) -> bool:
    """From every position, the fast scan finds the same match as the pattern's own search."""
    from coopanalysis.quantity.grammar import QUANTITY_RE
    from coopanalysis.quantity.scan import next_match

    plain = QUANTITY_RE.search(text, 0)
    for position in range(len(text) + 1):
        if plain and plain.start() < position:
            # The search from here: the attempts at each start are those made before (no pattern of the
            # grammar depends on where a search starts), so only a match that began before moves on.
            plain = QUANTITY_RE.search(text, position)
        fast = next_match(text, position)
        if (fast and fast.span()) != (plain and plain.span()):
            return False
    return True


def test_fast_scan_equals_plain_search_on_the_articles(articles_text):
    for text in articles_text.values():
        assert _same_as_plain_search(text[:3000])


@given(
    st.lists(
        st.sampled_from(
            [
                "over",
                "more than",
                "VND",
                "nearly",
                "about",
                "1,263",
                "650",
                "2021-2025",
                "4 to 8",
                "million",
                "billion",
                "%",
                "/year",
                "six",
                "double",
                "or more",
                "cooperatives",
                ",",
                " ",
                "-",
                "approximately",
                "9.45",
                "Z121",
                "(120",
                "per",
                "month",
            ]
        ),
        max_size=25,
    )
)
def test_fast_scan_equals_plain_search_on_any_text(words):
    assert _same_as_plain_search(" ".join(words))


# The word tables: every row's example must read as the row says ----------------------------


def _only(example: str, lang: str = "en"):
    found = find_quantities(example, lang)
    assert len(found) == 1, f"{example!r}: {[m.text for m in found]}"
    return found[0]


def _example(row):
    """A row's example as the text of its language reads it (a word of neither language: English)."""
    return _only(row["example"], row["lang"] or "en")


@pytest.mark.parametrize("row", quantity_words("qualifiers"), ids=lambda r: r["phrase"])
def test_qualifier_rows(row):
    match = _example(row)
    assert row["phrase"].lower() in match.text.lower() and match.quantity.qualifier == row["qualifier"]


@pytest.mark.parametrize("row", quantity_words("directions"), ids=lambda r: r["phrase"])
def test_direction_rows(row):
    match = next(m for m in find_quantities(row["example"], row["lang"] or "en") if row["phrase"] in m.text.lower())
    assert match.quantity.direction == row["direction"]
    assert (match.quantity.value < 0) == (row["direction"] == "down")


@pytest.mark.parametrize("row", quantity_words("scales"), ids=lambda r: r["word"])
def test_scale_rows(row):
    match = _example(row)
    bare = _only(match.number, row["lang"] or "en").quantity.value
    assert match.quantity.value == pytest.approx(bare * int(row["factor"]))


@pytest.mark.parametrize("row", quantity_words("currencies"), ids=lambda r: r["spelling"])
def test_currency_rows(row):
    assert _example(row).quantity.unit.startswith(row["currency"])


@pytest.mark.parametrize("row", quantity_words("units"), ids=lambda r: r["phrase"])
def test_unit_rows(row):
    assert _example(row).quantity.unit == row["unit"]


@pytest.mark.parametrize("row", quantity_words("denominators"), ids=lambda r: r["word"])
def test_denominator_rows(row):
    quantity = _example(row).quantity
    if row["type"] in ("entity", "place"):  # implied by the measure: kept in the reported unit only
        assert f"/{row['word']}" in quantity.reported_unit and f"/{row['word']}" not in quantity.unit
    else:
        assert f"/{row['reads_as']}" in quantity.unit


@pytest.mark.parametrize("row", quantity_words("multipliers"), ids=lambda r: r["word"])
def test_multiplier_rows(row):
    quantity = _example(row).quantity
    assert (quantity.value, quantity.unit) == (int(row["factor"]), "times")


# Decreases are negative, with their bounds turned -------------------------------------------


@pytest.mark.parametrize(
    "phrase,value,low,high,qualifier",
    [
        ("a decrease of 5%", -5, -5, -5, "exact"),
        ("down 3.2 per cent", -3.2, -3.2, -3.2, "exact"),
        ("fell by 12", -12, -12, -12, "exact"),
        ("a decrease of more than 5%", -5, NAN, -5, "less_than"),
        ("declined by nearly 8%", -8, -8, NAN, "more_than"),
        ("decreased by 3-5%", NAN, -5, -3, "range"),
        ("an increase of 80", 80, 80, 80, "exact"),
        ("down 3", -3, -3, -3, "exact"),
        ("50% fewer", -50, -50, -50, "exact"),
        ("an increase of -5%", -5, -5, -5, "exact"),
        ("a decrease of -5%", 5, 5, 5, "exact"),
        ("not over 12", 12, NAN, 12, "at_most"),
        ("no more than 50", 50, NAN, 50, "at_most"),
        ("not less than 20", 20, 20, NAN, "at_least"),
    ],
)
def test_decreases_are_negative(phrase, value, low, high, qualifier):
    parsed = parse_quantity(phrase)
    for got, expected in ((parsed.value, value), (parsed.low, low), (parsed.high, high)):
        assert (math.isnan(got) and math.isnan(expected)) or got == expected
    assert parsed.qualifier == qualifier


def test_a_direction_word_after_the_number():
    (match, _) = find_quantities("5% lower than in 2022")
    assert (match.quantity.value, match.quantity.direction) == (-5, "down")


def test_set_up_is_no_change():
    (match,) = find_quantities("plans to set up 10 more cooperatives")
    assert (match.quantity.value, match.quantity.direction) == (10, "")


def test_a_change_to_a_new_level_is_no_range():
    # "fell by 3 to 120": a change of -3, then the level it fell to; never the range -120..-3
    change, level = find_quantities("the number fell by 3 to 120 cooperatives")
    assert (change.quantity.value, change.quantity.qualifier) == (-3, "exact")
    assert (level.quantity.value, level.quantity.direction) == (120, "")


def test_from_a_year_to_a_count_is_no_range():
    # "decreased from 20,000 in 2022 to 15,000": the 15,000 is a level, never the range 2022..15,000
    values = [m.quantity.value for m in find_quantities("members decreased from 20,000 in 2022 to 15,000 in 2023")]
    assert values == [20000, 2022, 15000, 2023]
    assert parse_quantity("2021-2025").qualifier == "range"


def test_a_change_and_the_level_it_reached_read_apart():
    change, level = find_quantities("revenue fell 7% to VND 1.2 billion")
    assert (change.quantity.value, change.quantity.unit) == (-7, "%")
    assert (level.quantity.value, level.quantity.unit, level.quantity.direction) == (1.2e9, "VND", "")


@pytest.mark.parametrize("numeral,alternative", [("1,000.000", "1,000,000"), ("1.000,000", "1,000,000")])
def test_three_decimals_after_groups_are_flagged(numeral, alternative):
    quantity = parse_quantity(numeral)
    assert quantity.value == 1000
    assert quantity.ambiguity.endswith(f"it could also read {alternative}")


def test_a_minus_inside_a_range_is_no_sign():
    found = find_quantities("in 2019-2020 the fund lent 3 -5 billion")
    assert [(m.quantity.low, m.quantity.high) for m in found] == [(2019, 2020), (3e9, 5e9)]


# Vietnamese: the text's language says how its numerals are written ------------------------

# (phrase, value, low, high, qualifier, unit, number): readings worked out by hand.
VIETNAMESE_PHRASES = [
    ("66.221 thành viên", 66221, 66221, 66221, "exact", "", "66.221"),
    ("99,43 tỷ đồng", 99.43e9, 99.43e9, 99.43e9, "exact", "VND", "99,43"),
    ("1.056,714 tỷ đồng", 1056.714e9, 1056.714e9, 1056.714e9, "exact", "VND", "1.056,714"),
    ("1.200 triệu đồng/năm/HTX", 1.2e9, 1.2e9, 1.2e9, "exact", "VND/year", "1.200"),  # a billion in millions
    ("trên 10.000 tỷ đồng", 1e13, 1e13, NAN, "more_than", "VND", "10.000"),
    ("14 ngàn thành viên", 14000, 14000, 14000, "exact", "", "14"),
    ("gần 9 nghìn lao động", 9000, NAN, 9000, "less_than", "", "9"),
    ("khoảng 200 triệu/hợp tác xã", 2e8, 2e8, 2e8, "about", "VND", "200"),  # no "đồng": millions per something
    ("trên trên 10 tỷ/năm", 1e10, 1e10, NAN, "more_than", "VND/year", "10"),  # a doubled qualifier
    ("18 tỷ 066 triệu đồng", 18.066e9, 18.066e9, 18.066e9, "exact", "VND", "18 tỷ 066 triệu"),
    ("1 tỷ 816 triệu đồng", 1.816e9, 1.816e9, 1.816e9, "exact", "VND", "1 tỷ 816 triệu"),
    ("2,7 triệu đồng/người/tháng", 2.7e6, 2.7e6, 2.7e6, "exact", "VND/month", "2,7"),
    ("từ 3-8 hộ", NAN, 3, 8, "range", "", "3-8"),
    ("từ 3 đến 8 hộ", NAN, 3, 8, "range", "", "3 đến 8"),
    ("tăng hơn 292%", 292, 292, NAN, "more_than", "%", "292"),
    ("giảm 3,2%", -3.2, -3.2, -3.2, "exact", "%", "3,2"),
    ("500.000đ/ngày", 5e5, 5e5, 5e5, "exact", "VND/day", "500.000"),
    ("2.5 tỷ đồng", 2.5e9, 2.5e9, 2.5e9, "exact", "VND", "2.5"),  # a writer's decimal point: not a group
    ("1,263,500 đồng", 1263500, 1263500, 1263500, "exact", "VND", "1,263,500"),  # English grouping quoted
]


@pytest.mark.parametrize("phrase,value,low,high,qualifier,unit,number", VIETNAMESE_PHRASES)
def test_vietnamese_phrases(phrase, value, low, high, qualifier, unit, number):
    found = find_quantities(phrase, "vi")
    assert len(found) == 1, [m.text for m in found]
    match, parsed = found[0], found[0].quantity
    for got, expected in ((parsed.value, value), (parsed.low, low), (parsed.high, high)):
        assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)
    assert (parsed.qualifier, parsed.unit, match.number) == (qualifier, unit, number)


def test_a_count_written_with_one_comma_is_flagged_in_vietnamese():
    # "1,263 HTX": a count is no fraction, so it reads 1,263, and the flag says it could read 1.263.
    parsed = find_quantities("1,263 HTX", "vi")[0].quantity
    assert parsed.value == 1263 and "1.263" in parsed.ambiguity
    # The same numeral before a scale word is a decimal: "1,263 tỷ" is 1.263 billion.
    assert find_quantities("1,263 tỷ đồng", "vi")[0].quantity.value == pytest.approx(1.263e9)


def test_the_same_numeral_reads_by_the_language_of_its_text():
    assert find_quantities("1.263 billion VND", "en")[0].quantity.value == pytest.approx(1.263e9)
    assert find_quantities("1.263 tỷ đồng", "vi")[0].quantity.value == pytest.approx(1.263e12)
    # parse_quantity without a language reads the phrase in its own.
    assert parse_quantity("1.263 tỷ đồng").value == pytest.approx(1.263e12)
    assert parse_quantity("1.263 tỷ đồng", "en").value == pytest.approx(1.263e9)


def test_a_fraction_before_a_noun_is_its_part_and_its_whole():
    # "11/15 HTX": 11 of the 15 (a plan, a count), two figures sharing the noun.
    numerator, denominator = find_quantities("thành lập mới 11/15 HTX", "vi")
    assert (numerator.number, numerator.part, numerator.quantity.value) == ("11", "numerator", 11)
    assert (denominator.number, denominator.part, denominator.quantity.value) == ("15", "denominator", 15)
    assert numerator.start == denominator.start and denominator.number_start > numerator.number_end
    assert {m.part for m in find_quantities("đến ngày 30/6/2015 có 833 HTX", "vi")} == {""}  # a date: no fraction


def test_the_parts_of_a_compound_number_must_shrink():
    # "5 triệu 300 tỷ" is no compound (a larger scale after a smaller one): two numbers.
    assert [m.number for m in find_quantities("5 triệu 300 tỷ đồng", "vi")] == ["5", "300"]


def test_a_level_a_change_rose_from_is_no_change():
    rose_from, _ = find_quantities("tăng từ 1.200 tổ lên 1.650 tổ", "vi")
    assert (rose_from.quantity.value, rose_from.quantity.direction) == (1200, "")
    assert find_quantities("tăng 85 HTX", "vi")[0].quantity.direction == "up"


@given(
    st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999), st.sampled_from(["tỷ", "triệu"])
)
def test_compound_amounts_read_back(high, low, scale):
    lower = {"tỷ": ("triệu", 10**6), "triệu": ("nghìn", 10**3)}[scale]
    factor = 10**9 if scale == "tỷ" else 10**6
    found = find_quantities(f"vốn {high} {scale} {low:03d} {lower[0]} đồng", "vi")
    assert len(found) == 1 and found[0].quantity.value == high * factor + low * lower[1]


# Vietnamese typed without its marks reads as written with them ------------------------------

_VI_ROWS = [
    (table, row)
    for table, key in (
        ("qualifiers", "phrase"),
        ("directions", "phrase"),
        ("scales", "word"),
        ("currencies", "spelling"),
        ("units", "phrase"),
        ("denominators", "word"),
        ("multipliers", "word"),
        ("levels", "phrase"),
    )
    for row in quantity_words(table)
    if row["lang"] == "vi" and len(unmarked(row[key])) > 1
]


def _reading(text: str) -> list[tuple]:
    return [
        (
            m.number_start,
            m.quantity.value,
            m.quantity.low,
            m.quantity.high,
            m.quantity.unit,
            m.quantity.qualifier,
            m.quantity.direction,
            m.level,
        )
        for m in find_quantities(text, "vi")
    ]


@pytest.mark.parametrize("table,row", _VI_ROWS, ids=lambda r: r if isinstance(r, str) else r["example"])
def test_vietnamese_rows_read_the_same_without_marks(table, row):
    assert str(_reading(unmarked(row["example"]))) == str(_reading(row["example"]))


def test_a_currency_word_follows_its_number():
    # "hoạt động" typed without marks is "hoat dong": "dong" before a number is no currency.
    (match,) = find_quantities("von hoat dong 10.350 ty dong", "vi")
    assert (match.text, match.quantity.value, match.quantity.unit) == ("10.350 ty dong", 10350e9, "VND")
    assert find_quantities("VND 5 billion")[0].quantity.unit == "VND"


# Words beside an amount: its time unit, and the unit of a change's second end --------------


@pytest.mark.parametrize("row", quantity_words("rate_words"), ids=lambda r: f"{r['phrase']} {r['position']}")
def test_rate_word_rows(row):
    (match,) = [m for m in find_quantities(row["example"], row["lang"] or "en") if m.quantity.unit.startswith("VND")]
    assert match.quantity.per == row["per"]
    if row["position"] == "after":  # the words after are part of the match, so a quote takes them in
        assert match.text.rstrip(".").endswith(row["phrase"])


@pytest.mark.parametrize(
    "text",
    [
        "35 triệu đồng năm nay",
        "35 triệu đồng năm 2023",
        "annual report. Income is 6 million VND",
        "an annual 300 members",
    ],
)
def test_a_year_that_dates_or_a_word_far_off_sets_no_time_unit(text):
    assert all(m.quantity.per == "" for m in find_quantities(text, "vi" if "đồng" in text else "en"))


@pytest.mark.parametrize("row", quantity_words("joins"), ids=lambda r: r["word"])
def test_join_rows_carry_the_second_ends_currency_and_scale(row):
    first, second = find_quantities(row["example"], row["lang"] or "en")
    assert first.quantity.unit == second.quantity.unit == "VND"
    assert first.quantity.value == int(first.number.replace(".", "")) * 10**6


def test_a_plain_number_before_a_join_without_from_stays_a_count():
    first, _ = find_quantities("có 60 hợp tác xã lên 500 triệu đồng", "vi")
    assert (first.quantity.value, first.quantity.unit) == (60, "")


def test_a_unit_joined_to_its_number_is_read():
    (match,) = find_quantities("xây 1.200m2 nhà kính", "vi")
    assert (match.number, match.quantity.value, match.quantity.unit) == ("1.200", 1200, "m2")
    assert [(m.number, m.quantity.unit) for m in find_quantities("5km kênh và 20ha lúa", "vi")] == [
        ("5", "km"),
        ("20", "ha"),
    ]
