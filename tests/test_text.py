"""Text normalization: what a reader sees is what the package reads."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.base.text import normalize_text


def test_decomposed_vietnamese_is_composed():
    decomposed = unicodedata.normalize("NFD", "Lạng Sơn có 1.263,5 tỷ đồng")
    assert decomposed != "Lạng Sơn có 1.263,5 tỷ đồng"
    assert normalize_text(decomposed) == "Lạng Sơn có 1.263,5 tỷ đồng"


def test_invisible_characters_and_full_width_digits_do_not_split_a_number():
    assert normalize_text("over 1,\u200b263 billion") == "over 1,263 billion"
    assert normalize_text("\ufeff１，２６３ cooperatives") == "1,263 cooperatives"


def test_plain_text_is_returned_as_is():
    text = "Quang Ninh has 1,263 cooperatives."
    assert normalize_text(text) is text


@given(st.text())
def test_normalizing_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_bidirectional_controls_do_not_split_a_number():
    # A right-to-left override draws "44,377" as "44,773"; the text still writes 44,377.
    for control in "\u202e\u202d\u200f\u200e\u2066\u2069\u061c":
        assert normalize_text(f"44,{control}377 members") == "44,377 members"


def test_every_script_s_digits_read_as_one_number():
    assert (
        normalize_text("\u0664\u0664\u066c\u0663\u0667\u0667 members") == "44,377 members"
    )  # Arabic-Indic, Arabic comma
    assert normalize_text("\u06f4\u06f4,\u06f3\u06f7\u06f7") == "44,377"  # extended Arabic-Indic
    assert normalize_text("\u096a\u096a \u0e51\u0e52") == "44 12"  # Devanagari, Thai
    assert normalize_text("x\u00b2 \u2460") == "x\u00b2 \u2460"  # a superscript or a circled digit is no decimal digit


def test_numbers_in_other_scripts_and_with_marks_read_as_a_reader_means_them():
    from coopanalysis.extract import extract_figures, reject_reasons

    for written in ("44,\u202e377", "\u0664\u0664\u066c\u0663\u0667\u0667", "\uff14\uff14\uff0c\uff13\uff17\uff17"):
        (row,) = extract_figures(f"The province has {written} members.").itertuples()
        assert (row.value, row.measure) == (44377, "members"), written
    # A digit carrying a combining mark (an accent, a keycap) is no plain number: never "3 cooperatives".
    for marked in ("3\u0301", "3\ufe0f\u20e3", "3\u0336"):
        text = f"The province has {marked} cooperatives."
        assert extract_figures(text).empty, marked
        assert [(r.text, r.category) for r in reject_reasons(text)] == [("3", "not_a_figure")]
