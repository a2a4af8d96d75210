"""Regular expressions matched in bounded windows: no text can make one match cost more than its window.

A pattern tried at a position may scan far ahead before it fails ("1-1-1-..." against a pattern of
dash-joined codes), and tried at every position that is quadratic. Matched here, a pattern sees at
most :data:`REACH` characters from where it starts, plus :data:`LOOKAHEAD` for what it peeks at
after its match: a match longer than :data:`REACH` does not count, and one that may have been cut
by the window (a word boundary or a negative lookahead at its edge) is not taken. The cost of every
attempt is therefore bounded by a constant, and a scan of a text linear in its length, whatever
the pattern and whatever the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["LOOKAHEAD", "REACH", "SPAN", "finditer_within", "match_within"]

#: The longest match a rule or a quantity may have (the longest in every article read: 103 characters, a web address).
REACH = 512
#: How far past its end a match may look (lookaheads: "(?=\s+than)", "(?!\d)").
LOOKAHEAD = 64
#: The most a pattern tried at a position ever sees. A pre-filter (no match here means no row matches)
#: may match within it without :func:`match_within`'s checks: its answer is checked again by the rows.
SPAN = REACH + LOOKAHEAD


def match_within(
    regex: re.Pattern, text: str, position: int, end: int | None = None, reach: int = REACH
) -> re.Match | None:
    """``regex.match(text, position, end)``, seeing at most ``reach`` (+ :data:`LOOKAHEAD`) characters."""
    limit = len(text) if end is None else min(end, len(text))
    found = regex.match(text, position, min(limit, position + reach + LOOKAHEAD))
    # A match within the reach has the whole lookahead of the text after it (or the text's real end).
    return found if found is not None and found.end() - position <= reach else None


def finditer_within(regex: re.Pattern, text: str, reach: int = REACH) -> Iterator[re.Match]:
    """``regex.finditer(text)`` searched window by window: each search sees at most two reaches.

    A match that starts in the first half of a window (or in the last window) and fits in it is
    taken; the next window starts where the last match ended, or a reach further on.
    """
    position, length = 0, len(text)
    while position <= length:
        window = min(length, position + 2 * reach + LOOKAHEAD)
        found = regex.search(text, position, window)
        if found is not None and (found.start() < position + reach or window == length):
            if found.end() - found.start() <= reach:  # so it ends a lookahead before the window's edge
                yield found
                position = found.end() if found.end() > found.start() else found.start() + 1
            else:
                position = found.start() + 1  # perhaps cut by the window: look again past its start
            continue
        if window == length:
            return
        position += reach
