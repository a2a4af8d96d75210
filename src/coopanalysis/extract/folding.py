"""Text folded for matching, one character for one: lower case, no diacritics, plain quotes and dashes.

Rule patterns are written against folded text ("co-operative", "hop tac xa"); the province names
that ``{name}`` stands for are folded the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..vocab.provinces import province_names

__all__ = ["fold", "province_names_pattern", "province_slugs_pattern"]

_PUNCTUATION = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2012": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u0110": "d",
    "\u0111": "d",
}


@cache
def _fold_table() -> dict[int, str]:
    """One character for one: Latin letters without diacritics, in lower case; plain punctuation."""
    mapping = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code))[0].lower()
        if len(base) == 1 and base.isascii():
            mapping[code] = base
    mapping.update({ord(k): v for k, v in _PUNCTUATION.items()})
    for code in range(ord("A"), ord("Z") + 1):
        mapping[code] = chr(code).lower()
    return mapping


def fold(text: str) -> str:
    """``text`` folded for matching, of the same length: "Khánh Hòa’s co‑op" -> "khanh hoa's co-op"."""
    return text.translate(_fold_table())


@cache
def province_names_pattern() -> str:
    """Every province name and alias (folded), longest first, as one alternation."""
    folded = sorted({fold(n) for n in province_names()}, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"[ \t-]?") for n in folded)


@cache
def province_slugs_pattern() -> str:
    """Every province name and alias folded and run together ("camau", "bariavungtau"), as in a
    paper's web address, longest first, as one alternation."""
    slugs = sorted({re.sub(r"[^a-z]", "", fold(n)) for n in province_names()} - {""}, key=len, reverse=True)
    return "|".join(slugs)
