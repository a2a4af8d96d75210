"""Find many quotes in one text in one pass (Aho-Corasick): checks stay linear in the rows and the text."""

from __future__ import annotations

import ahocorasick

__all__ = ["occurrences", "squash"]


def occurrences(text: str, quotes: list[str]) -> list[list[tuple[int, int]]]:
    """Every occurrence ``(start, end)`` of each quote in ``text``, overlapping ones included.

    One automaton over all the quotes and one pass over the text, however many quotes there are
    (a ``str.count`` per quote is quadratic when both grow). An empty quote, or one longer than
    the text, occurs nowhere.
    """
    found: list[list[tuple[int, int]]] = [[] for _ in quotes]
    usable = [(index, quote) for index, quote in enumerate(quotes) if quote and len(quote) <= len(text)]
    if not usable:
        return found
    automaton = ahocorasick.Automaton()
    for index, quote in usable:
        indices = automaton.get(quote) if automaton.exists(quote) else ()
        automaton.add_word(quote, (*indices, index))
    automaton.make_automaton()
    for end, indices in automaton.iter(text):
        for index in indices:
            found[index].append((end + 1 - len(quotes[index]), end + 1))
    return found


def squash(text: str) -> str:
    """``text`` in lower case with every run of white space made one space (a loose comparison)."""
    return " ".join(text.lower().split())
