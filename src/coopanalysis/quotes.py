"""Tell whether a span of a text occurs elsewhere in it, without searching the whole text each time.

A proposed figure's quote must occur once in its article. Counting each candidate quote over
the whole text makes extraction quadratic; instead, every occurrence of a quote holds the same
digit run at the same offset, with the same few characters around it. :class:`QuoteIndex` keys
every digit run of the text by that neighbourhood once, so a candidate is compared only with the
places that share it; natural text has few, and repeated text stops at the first duplicate.
"""

from __future__ import annotations

import re
from collections import defaultdict

__all__ = ["QuoteIndex"]

_RUN = re.compile(r"\d+")
_CONTEXT = 6  # characters on each side of a digit run that a duplicate must share


class QuoteIndex:
    """Digit runs of a text, grouped by the run and its neighbourhood."""

    def __init__(self, text: str):
        self.text = text
        self._runs = [(m.start(), m.end()) for m in _RUN.finditer(text)]
        self._buckets: dict[tuple[int, int], dict[str, list[int]]] = {}

    def _bucket(self, left: int, right: int) -> dict[str, list[int]]:
        """Run starts keyed by the ``left`` characters before, the run and ``right`` characters after."""
        key = (left, right)
        if key not in self._buckets:
            bucket: dict[str, list[int]] = defaultdict(list)
            text = self.text
            for start, end in self._runs:
                if start >= left:
                    bucket[text[start - left:end + right]].append(start)
            self._buckets[key] = bucket
        return self._buckets[key]

    def unique(self, start: int, end: int) -> bool:
        """True when ``text[start:end]`` occurs nowhere else in the text.

        The span must contain a digit; a span without digits is checked by a plain search.
        """
        text = self.text
        quote = text[start:end]
        run = _RUN.search(quote)
        if run is None:
            return text.count(quote) == 1
        run_start, run_end = start + run.start(), start + run.end()
        # Two neighbourhoods only (built once each): six characters on each side, or the run alone.
        left = right = _CONTEXT if run_start - start >= _CONTEXT and end - run_end >= _CONTEXT else 0
        offset = run_start - start
        for other in self._bucket(left, right).get(text[run_start - left:run_end + right], ()):
            if other != run_start and other >= offset and text.startswith(quote, other - offset):
                return False
        return True
