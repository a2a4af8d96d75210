"""Tell whether a span of a text occurs elsewhere in it, without searching the whole text each time.

A proposed figure's quote must occur once in its article. Counting each candidate quote over
the whole text makes extraction quadratic; instead, every occurrence of a quote holds the same
digit run at the same offset, with the same few characters around it. :class:`QuoteIndex` keys
every digit run of the text by that neighbourhood once, so a candidate is compared only with the
places that share it; natural text has few, and repeated text stops at the first duplicate.
"""

from __future__ import annotations

import bisect
import re
from array import array
from collections import defaultdict

__all__ = ["QuoteIndex"]

_RUN = re.compile(r"\d+")
_CONTEXT = 6  # characters on each side of a digit run that a duplicate must share
# At most this many places are compared with a candidate. More places that share its digit run and
# neighbourhood (or its rarest word) happen only in machine-made or repeated text, where the quote is
# then taken as not unique and widened: the cost of a check stays bounded, and extraction linear.
_MOST_PLACES = 64


class QuoteIndex:
    """Digit runs of a text, grouped by the run and its neighbourhood."""

    def __init__(self, text: str):
        self.text = text
        self._runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
        self._run_ends = [end for _, end in self._runs]
        self._buckets: dict[tuple, dict[str, list[int]]] = {}
        self._words: dict[str, list[int]] | None = None

    def _bucket(self, left: int, right: int) -> dict[str, list[int]]:
        """Run starts keyed by the ``left`` characters before, the run and ``right`` characters after."""
        key = (left, right)
        if key not in self._buckets:
            bucket: dict[str, list[int]] = defaultdict(list)
            text = self.text
            for start, end in self._runs:
                if start >= left:
                    bucket[text[start - left : end + right]].append(start)
            self._buckets[key] = bucket
        return self._buckets[key]

    def unique(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` occurs nowhere else in the text.

        The span must contain a digit; a span without digits is checked by a plain search.
        """
        text = self.text
        quote = text[start:end]
        # The quote's first digit run: the first of the text's that ends inside it, cut to the quote.
        i = bisect.bisect_right(self._run_ends, start)
        if i == len(self._runs) or self._runs[i][0] >= end:
            return self._unique_words(start, quote)
        run_start, run_end = max(self._runs[i][0], start), min(self._runs[i][1], end)
        offset = run_start - start
        if run_start == start or run_end == end:
            # The quote cuts its run at an edge: elsewhere the same digits may be part of a longer
            # number ("3" inside "2023", "có 3" before "có 35"), which a whole-run key misses.
            return not self._elsewhere_cut(quote, run_start, run_end, start, end)
        # Two neighbourhoods only (built once each): six characters on each side, or the run alone.
        left = right = _CONTEXT if run_start - start >= _CONTEXT and end - run_end >= _CONTEXT else 0
        return not _elsewhere(
            text, quote, self._bucket(left, right).get(text[run_start - left : run_end + right], ()), run_start, offset
        )

    def _elsewhere_cut(self, quote: str, run_start: int, run_end: int, start: int, end: int) -> bool:
        """``_elsewhere`` for a quote whose first digit run touches its start or its end.

        Digits only (both ends) could stand inside any longer number: too short to tell apart, and
        widened instead. Digits at the start are keyed by how a run ends (its last digits and the
        characters after them); digits at the end by how a run starts (the characters before and its
        first digits). Each key length builds its bucket once, over the runs: linear.
        """
        if run_start == start and run_end == end:
            return True
        length = run_end - run_start
        if run_start == start:
            right = min(_CONTEXT, end - run_end)
            key = ("end", length, right)
            if key not in self._buckets:
                self._buckets[key] = _keyed(
                    ((e - length, self.text[e - length : e + right]) for s, e in self._runs if e - s >= length)
                )
            places = self._buckets[key].get(self.text[run_start : run_end + right], ())
        else:
            left = min(_CONTEXT, run_start - start)
            key = ("start", length, left)
            if key not in self._buckets:
                self._buckets[key] = _keyed(
                    ((s, self.text[s - left : s + length]) for s, e in self._runs if e - s >= length and s >= left)
                )
            places = self._buckets[key].get(self.text[run_start - left : run_end], ())
        return _elsewhere(self.text, quote, places, run_start, run_start - start)

    def _unique_words(self, start: int, quote: str) -> bool:
        """``unique`` for a span without digits ("doubled"): compared only with the places that hold
        its rarest inner word (one with the quote's own characters on both sides). The words of the
        text are listed once, with how often each occurs; a quote's inner words are a slice of them."""
        words = self._index_words() if self._words is None else self._words
        end = start + len(quote)
        # Inner words: the text's words that start after the quote starts and end before it ends.
        i, j = bisect.bisect_right(self._word_starts, start), bisect.bisect_left(self._word_ends, end)
        if i >= j:
            return False  # one or two words and no digit: too short to tell apart by an index; widened instead
        counts = self._word_counts[i:j]
        anchor = i + counts.index(min(counts))  # the first of the rarest, as min() picks it
        word_start = self._word_starts[anchor]
        places = words[self.text[word_start : self._word_ends[anchor]]]
        return not _elsewhere(self.text, quote, places, word_start, word_start - start)

    def _index_words(self) -> dict[str, list[int]]:
        words: dict[str, list[int]] = defaultdict(list)
        self._words = words
        self._word_starts, self._word_ends = array("q"), array("q")
        for word in _WORD.finditer(self.text):
            words[word.group()].append(word.start())
            self._word_starts.append(word.start())
            self._word_ends.append(word.end())
        self._word_counts = array("q", (len(words[self.text[s:e]]) for s, e in zip(self._word_starts, self._word_ends)))
        return words


_WORD = re.compile(r"\w+")


def _keyed(pairs) -> dict[str, list[int]]:
    """Places grouped by their key, from ``(place, key)`` pairs."""
    bucket: dict[str, list[int]] = defaultdict(list)
    for place, key in pairs:
        bucket[key].append(place)
    return bucket


def _elsewhere(text: str, quote: str, places, own: int, offset: int) -> bool:
    """True when ``quote`` stands at one of ``places`` (less ``offset``) other than ``own``, or when
    there are too many places to tell (see ``_MOST_PLACES``)."""
    if len(places) > _MOST_PLACES:
        return True
    return any(other != own and other >= offset and text.startswith(quote, other - offset) for other in places)
