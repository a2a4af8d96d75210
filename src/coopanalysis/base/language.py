"""The language of a text, Vietnamese ("vi") or English ("en"), decided from the text itself.

The statistic is the *marked share*: among the words that start with a lower-case letter, the
share that hold a letter outside ASCII. Vietnamese marks nearly every syllable (0.85 to 0.95 on
real articles); English marks none, and the Vietnamese names it quotes are capitalised ("Hòa
Bình", "Lạng Sơn"), so they do not count (at most 0.014 on the project's English texts). A text
typed without diacritics is Vietnamese when enough of its words are Vietnamese function words
once folded; the words that are also English ("co", "la", "do", "to", "de") are left out.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["LanguageStatistics", "detect_language", "language_statistics"]

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset("cua cac duoc nhung voi trong nguoi khong nay mot theo tinh hop tac xa va nhu thanh vien".split())
#: At least this share of the lower-case words marked: Vietnamese texts measure >= 0.84, English <= 0.014.
MARKED_SHARE = 0.3
#: At least this many marked words: a phrase with one Vietnamese word ("5 billion đồng") is English.
MIN_MARKED = 2
#: Without any diacritic, at least this share of Vietnamese function words: Vietnamese texts with
#: their marks removed measure >= 0.15, English texts <= 0.022.
FOLDED_SHARE = 0.10
#: ... in a text of at least this many words (a short phrase says too little).
MIN_WORDS_FOLDED = 20


@dataclass(frozen=True)
class LanguageStatistics:
    """What :func:`detect_language` decides on."""

    words: int
    lower: int  # words starting with a lower-case letter
    marked: int  # of those, words holding a letter outside ASCII
    non_ascii: int  # words holding a letter outside ASCII, capitalised or not
    function_share: float  # share of the words that are Vietnamese function words once folded

    @property
    def marked_share(self) -> float:
        return self.marked / max(self.lower, 1)


def _folded(word: str) -> str:
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


def language_statistics(text: str) -> LanguageStatistics:
    """The counts :func:`detect_language` decides on, for reporting the margins."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    lower = [w for w in words if w[0].islower()]
    function = sum(1 for w in words if _folded(w) in _FUNCTION_WORDS)
    return LanguageStatistics(len(words), len(lower), sum(1 for w in lower if not w.isascii()),
                              sum(1 for w in words if not w.isascii()), function / max(len(words), 1))


def detect_language(text: str) -> str:
    """"vi" when ``text`` is Vietnamese (with or without its diacritics), else "en"."""
    s = language_statistics(text)
    if s.marked >= MIN_MARKED and s.marked_share >= MARKED_SHARE:
        return "vi"
    if s.non_ascii == 0 and s.words >= MIN_WORDS_FOLDED and s.function_share >= FOLDED_SHARE:
        return "vi"
    return "en"
