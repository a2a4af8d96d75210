"""The title ``extract --append`` proposes for an article: its headline, never a site banner or a paragraph.

A capture often starts with what surrounds the headline on the page: the site's name or menu
("Vietnam.vn - Nền tảng quảng bá Việt Nam", "Multimedia Đọc Báo in"), a photo caption ("(Ảnh:
...)"), the capture's date line; and a headline may carry the paper's name ("... - Báo Hà Giang
điện tử"). These are data (``data/review/banners.csv``, each row with an example a test reads).
A headline is a short line of words near the top that does not end a sentence; a text that starts
in its body has none, and then the title comes from the source address's last part ("...
(from the address)") or stays empty for the reviewer: a paragraph is never a title.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from urllib.parse import unquote, urlsplit

from ..base.paths import DATA_DIR
from ..extract.folding import fold

__all__ = ["BANNERS", "proposed_title"]

BANNERS = DATA_DIR / "review" / "banners.csv"
_LONGEST = 160  # characters: headlines are shorter; a longer line is a paragraph
_LINES = 8  # a headline stands among the first non-empty lines of a capture
_WORDS = re.compile(r"[^\W\d_]{2,}")


@cache
def _rules() -> dict[str, tuple[re.Pattern, ...]]:
    with open(BANNERS, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rules: dict[str, list[re.Pattern]] = {}
    for row in rows:
        rules.setdefault(row["role"], []).append(re.compile(row["pattern"]))
    return {role: tuple(patterns) for role, patterns in rules.items()}


def _cut(line: str, role: str) -> str:
    """``line`` without the parts the rules of ``role`` match (matched folded: same length, same offsets)."""
    for pattern in _rules().get(role, ()):
        found = pattern.search(fold(line).lower())
        if found:
            line = line[: found.start()] + line[found.end() :]
    return line.strip()


def _is_caption(line: str) -> bool:
    folded = fold(line).lower()
    return any(p.search(folded) for role in ("banner", "caption") for p in _rules().get(role, ()))


def _headline(line: str) -> str:
    line = _cut(line, "prefix")
    if _is_caption(line):
        return ""
    line = _cut(line, "suffix")
    letters, digits = sum(c.isalpha() for c in line), sum(c.isdigit() for c in line)
    if len(line) > _LONGEST or len(_WORDS.findall(line)) < 3 or letters < 2 * digits or re.search(r"[.;,]\s*$", line):
        return ""
    return line


def _from_address(source: str) -> str:
    """A title from the last part of the address that is words, marked so ("kinh-te-tap-the-tai-binh-dinh")."""
    path = urlsplit(source.strip()).path if source else ""
    for part in reversed(unquote(path).strip("/").split("/")):
        part = re.sub(r"\.(?:html?|vnp|aspx?|php)$", "", part)
        words = [w for w in re.split(r"[-_]+", part) if w and not re.fullmatch(r"[a-z]{0,4}\d{4,}", w)]
        if len(words) >= 3:
            title = " ".join(words)
            return title[:1].upper() + title[1:] + " (from the address)"
    return ""


def proposed_title(text: str, source: str = "") -> str:
    """The article's headline (``text`` as read), else one from ``source`` (its address), else ""."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:_LINES]
    for line in lines:
        headline = _headline(line)
        if headline:
            return headline
        if len(line) > _LONGEST and not _is_caption(line):
            break  # the body has started: a headline stands before it
    return _from_address(source)
