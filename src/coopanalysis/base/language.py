"""The language of a text, Vietnamese ("vi") or English ("en"), decided from the text itself.

The statistic is the *marked share*: among the words written as common words are (starting with a
lower-case letter, or all in capitals as a headline writes them), the share that hold a letter
outside ASCII. Vietnamese marks nearly every syllable (0.85 to 0.95 on
real articles); English marks none, and the Vietnamese names it quotes are capitalised ("Hòa
Bình", "Lạng Sơn"), so they do not count (at most 0.025 on the project's English texts). A text
typed without diacritics is Vietnamese when more of its words are Vietnamese function words once
folded than English ones; the words of one that are also words of the other ("co", "la", "do",
"to", "de"; "the", "it", "on") are left out of both lists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["LanguageStatistics", "detect_language", "language_statistics"]

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset(
    "cua cac duoc nhung voi trong nguoi khong nay mot theo tinh hop tac xa va nhu thanh vien".split()
)
_ENGLISH_WORDS = frozenset(
    "of and for with by as at that was were are from has have this which is its will been".split()
)
#: At least this share of the common words marked: Vietnamese texts measure >= 0.78, English <= 0.025.
MARKED_SHARE = 0.3
#: At least this many marked words: a phrase with one Vietnamese word ("5 billion đồng") is English.
MIN_MARKED = 2
#: Without any diacritic, a text of at least this many words is Vietnamese when its share of Vietnamese
#: function words is above its share of English ones: Vietnamese texts with their marks removed measure
#: 0.09 to 0.28 against 0, English texts at most 0.022 against at least 0.108. (A short phrase says too little.)
MIN_WORDS_FOLDED = 20


@dataclass(frozen=True)
class LanguageStatistics:
    """What :func:`detect_language` decides on."""

    words: int
    lower: int  # words written as common words: starting with a lower-case letter, or all in capitals
    marked: int  # of those, words holding a letter outside ASCII
    non_ascii: int  # words holding a letter outside ASCII, capitalised or not
    function_share: float  # share of the words that are Vietnamese function words once folded
    english_share: float = 0.0  # share of the words that are English function words

    @property
    def marked_share(self) -> float:
        return self.marked / max(self.lower, 1)


def _folded(word: str) -> str:
    if word.isascii():
        return word.lower()
    word = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


def _common(word: str) -> bool:
    """A word as common words are written: in lower case, or in capitals ("HỢP TÁC XÃ" of a headline);
    not a name, which is capitalised ("Hòa Bình")."""
    return word[0].islower() or (len(word) > 1 and word.isupper())


def language_statistics(text: str) -> LanguageStatistics:
    """The counts :func:`detect_language` decides on, for reporting the margins."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    lower = [w for w in words if _common(w)]
    function = sum(1 for w in words if _folded(w) in _FUNCTION_WORDS)
    english = sum(1 for w in words if w.lower() in _ENGLISH_WORDS)
    return LanguageStatistics(
        len(words),
        len(lower),
        sum(1 for w in lower if not w.isascii()),
        sum(1 for w in words if not w.isascii()),
        function / max(len(words), 1),
        english / max(len(words), 1),
    )


def detect_language(text: str) -> str:
    """ "vi" when ``text`` is Vietnamese (with or without its diacritics), else "en"."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    lower = [w for w in words if _common(w)]
    marked = sum(1 for w in lower if not w.isascii())
    if marked >= MIN_MARKED and marked / max(len(lower), 1) >= MARKED_SHARE:
        return "vi"
    if len(words) < MIN_WORDS_FOLDED or not all(w.isascii() for w in words):
        return "en"
    # Typed without diacritics: folding an ASCII word is lower-casing it.
    folded = [w.lower() for w in words]
    return "vi" if sum(w in _FUNCTION_WORDS for w in folded) > sum(w in _ENGLISH_WORDS for w in folded) else "en"
