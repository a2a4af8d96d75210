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
