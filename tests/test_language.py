"""The language of a text is detected from the text, with a wide margin on every text the project has."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopanalysis.base.language import MARKED_SHARE, detect_language, language_statistics
from coopanalysis.base.paths import code_root, project_root, seeds_dir
from coopanalysis.base.text import normalize_text
from coopanalysis.extract.folding import fold

FIXTURES = code_root() / "tests" / "fixtures"
ENGLISH = sorted(
    [
        *seeds_dir().glob("articles/*.txt"),
        *(FIXTURES / "heldout").glob("articles/*.txt"),
        *(FIXTURES / "synthetic").glob("seeds/articles/*.txt"),
    ]
)
VIETNAMESE_DEV = project_root().parent / "shared" / "devset-vi"


def _read(path: Path) -> str:
    return normalize_text(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name)
def test_english_articles_are_english_far_from_the_threshold(path):
    text = _read(path)
    assert detect_language(text) == "en"
    assert language_statistics(text).marked_share < MARKED_SHARE / 10  # measured at most 0.025
    assert detect_language(fold(text)) == "en"
    assert detect_language(text.upper()) == "en"  # a text in capitals: its words count as common words


def _vietnamese_dev() -> list[Path]:
    files = sorted(VIETNAMESE_DEV.glob("articles/*.txt"))
    if not files:
        message = "the Vietnamese dev set (../shared/devset-vi) is not on this machine"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return files


def test_vietnamese_articles_are_vietnamese_with_or_without_their_marks():
    for path in _vietnamese_dev():
        text = _read(path)
        assert detect_language(text) == "vi", path.name
        assert language_statistics(text).marked_share > MARKED_SHARE * 2.5, path.name  # measured at least 0.78
        assert detect_language(fold(text)) == "vi", path.name  # typed without diacritics
        assert detect_language(text.upper()) == "vi", path.name  # in capitals, as headlines write
        assert detect_language(fold(text).upper()) == "vi", path.name


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Tháng 6/2022, các HTX có 66.221 thành viên", "vi"),
        ("Cả nước có 10.756 hợp tác xã nông nghiệp", "vi"),
        ("Revenue reached 5 billion đồng in Hòa Bình province", "en"),  # a marked word, and names capitalised
        ("TỈNH LẠNG SƠN CÓ 120 HỢP TÁC XÃ VỚI 5.000 THÀNH VIÊN", "vi"),  # a headline in capitals
        ("LANG SON HAS 120 COOPERATIVES WITH 5,000 MEMBERS", "en"),
        ("The Lạng Sơn Cooperative Alliance said 371 co-operatives were set up", "en"),
        ("", "en"),
    ],
)
def test_short_texts(text, lang):
    assert detect_language(text) == lang


def test_composed_and_decomposed_text_read_the_same():
    text = "Toàn tỉnh có 1.103 tổ hợp tác và 101 hợp tác xã với 17.356 xã viên"
    assert detect_language(unicodedata.normalize("NFD", text)) == detect_language(text) == "vi"


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=300))
def test_ascii_text_is_english_unless_it_reads_as_undiacritised_vietnamese(text):
    # Without a mark, only a text of 20 words or more with more Vietnamese function words than English ones is
    # Vietnamese.
    stats = language_statistics(text)
    assert detect_language(text) == ("vi" if stats.words >= 20 and stats.function_share > stats.english_share else "en")
