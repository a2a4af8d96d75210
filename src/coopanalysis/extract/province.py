"""The article's province (or ``national``): named in the text, a paper's site, a district, or a file name.

The province is scored from the phrases of ``places.csv`` that name one ("Khanh Hoa Province",
"VINH LONG -", "Hanoi's", "the Hanoi Cooperative Alliance", "tỉnh Bình Định", a bare mention, a
paper's site "baocamau.vn") and of ``sites.csv`` (papers named otherwise: "Báo Đồng Khởi") against
the cues of a national report ("cả nước"), less those of a provincial one ("toàn tỉnh"); the
article's source address, when the caller knows it ("https://baolamdong.vn/..."), counts as a site
the text names; else the province is inferred from a district or town of one province only; else
from a file name ("thainguyen_pcf_2023.txt"). In a Vietnamese text a province counts only where it is written as a
name: folded, "đã nâng" (has raised) reads "da nang" and "diễn biến" (developments) "dien bien".
A province named in an article dated after the July 2025 merger is the merged province, and the
basis says which former provinces it covers.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import date
from functools import cache

from ..vocab.provinces import MERGER_DATE, NATIONAL, find_admin_units, lookup_province, province_names, provinces
from .folding import fold
from .rules import matcher
from .text import TextView

__all__ = ["DISTRICT_LEVELS", "detect_province", "units_named"]

MERGER = date.fromisoformat(MERGER_DATE)
_STRONG = {"named", "dateline", "city", "possessive", "institution", "site"}
_UNIT_NAMED = re.compile(
    r"\b((?:[A-Z][a-zà-ỹđ]+|Đ[a-zà-ỹ]+)(?:[ -][A-Z][a-zà-ỹđ]+){0,3})\s+(district|District|town|Town|city|City)\b"
)
DISTRICT_LEVELS = ("district", "urban district", "town")
# Vietnamese writes the level before the name: "huyện Vị Xuyên", "thị xã Buôn Hồ", "TP. Đà Lạt".
_UNIT_NAMED_VI = re.compile(r"\b(huyện|thị xã|thành phố|tp\.?|quận)[ \t]+([^\W\d_]+(?:[ \t][^\W\d_]+){0,3})", re.I)
_LEVEL_VI = {
    "huyện": "district",
    "thị xã": "town",
    "thành phố": "city",
    "tp": "city",
    "tp.": "city",
    "quận": "district",
}
# Tone marks; the marks that make another letter (â, ă, ê, ô, ơ, ư) stay: "Đà Nẵng" is not "đã nâng".
_TONES = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))


def _province(name: str):
    try:
        return lookup_province(name)
    except KeyError:
        return None


def detect_province(
    text: str, hint: str = "", present: date | None = None, view: TextView | None = None, source: str = ""
) -> tuple[str, str]:
    """The article's province (or ``national``) and how it was found.

    ``hint`` is a file name or title used only when the text names no province; ``source`` is the
    address the article was published at, read for a paper's or an authority's site as if the
    text named it. Returns ``("", "...")`` when nothing tells.
    """
    view = view or TextView(text)
    scores: Counter[str] = Counter()
    strong: Counter[str] = Counter()
    said: dict[str, str] = {}
    national = provincial = 0
    for rule, match in view.hits("places"):
        if rule["role"] == "national":
            national += int(rule["weight"])
            continue
        if rule["role"] == "provincial":  # "toàn tỉnh": the text is about one province, named or not
            provincial += int(rule["weight"])
            continue
        groups = match.groupdict()
        province = _province(groups.get("name") or groups.get("slug") or "")
        if (
            province is not None
            and groups.get("name")
            and view.lang == "vi"
            and not _written_as_name(view.text[match.start("name") : match.end("name")])
        ):
            continue
        if province is not None and int(rule["weight"]):
            scores[province.name] += int(rule["weight"])
            strong[province.name] += rule["role"] in _STRONG
            if rule["role"] in _STRONG or province.name not in said:
                said[province.name] = view.text[match.start() : match.end()].strip()
    for rule, match in view.hits("sites"):
        scores[rule["province"]] += _SITE_WEIGHT
        strong[rule["province"]] += 1
        said.setdefault(rule["province"], view.text[match.start() : match.end()].strip())
    for name, site in _sites_in(source):
        scores[name] += _SITE_WEIGHT
        strong[name] += 1
        said.setdefault(name, f"{_SOURCE}{site}")
    national = max(0, national - provincial)
    if scores or national:
        best, score = max(scores.items(), key=lambda item: (item[1], strong[item[0]], item[0]), default=("", 0))
        if national > score and not strong[best] > 1:
            return NATIONAL, f"a national report (national cues {national}, against {score} for the likeliest province)"
        if best:
            named = (
                f"the site of its source address ({said[best].removeprefix(_SOURCE)}; score {score})"
                if said[best].startswith(_SOURCE)
                else f"named in the text ('{said[best]}'; score {score})"
            )
            return best, _merged_basis(best, present, named)
    inferred = _from_districts(text, view.lang)
    if inferred:
        return inferred[0], _merged_basis(inferred[0], present, inferred[1])
    return _from_hint(hint, present)


_SITE_WEIGHT = 3  # a provincial paper's name or site, as strong as "tỉnh X"
_SOURCE = "\x00source:"  # marks a site read from the source address, not from the text


def _sites_in(source: str) -> list[tuple[str, str]]:
    """The provinces whose paper's or authority's site an address is (the site rows of ``places.csv``
    and the rows of ``sites.csv``), each with the site as written."""
    host = re.match(r"\s*(?:[a-z]+://)?([^/\s?#]+)", source.lower())
    if host is None or "." not in host.group(1):
        return []
    address = f"({host.group(1)})"  # read as a text that names the site: "(baolamdong.vn)"
    found = [(rule, match) for rule, match in matcher("places").finditer(address) if rule["role"] == "site"]
    found += list(matcher("sites").finditer(address))
    named = []
    for rule, match in found:
        groups = match.groupdict()
        province = (
            _province(groups.get("slug") or "") if rule.row.get("role") == "site" else _province(rule["province"])
        )
        if province is not None:
            named.append((province.name, host.group(1)))
    return named


def _name_key(name: str) -> str:
    """A province name compared as written, less its tone marks and case: "Hoà Bình" and "Hòa Bình"
    (two placements of one tone) agree, "Đà Nẵng" and "đã nâng" do not."""
    decomposed = unicodedata.normalize("NFD", re.sub(r"[-\u2010-\u2015\u2212]", " ", name)).translate(_TONES)
    return " ".join(unicodedata.normalize("NFC", decomposed).lower().split())


@cache
def _name_keys() -> frozenset[str]:
    return frozenset(key for name in province_names() for key in (_name_key(name), _name_key(name).replace(" ", "")))


# A name's type before it, which may be written in lower case: "thành phố Hồ Chí Minh", "TP. Hồ Chí Minh".
_TYPE_BEFORE = re.compile(r"^(?:thành phố|tỉnh|tp\.?)\s*", re.IGNORECASE)


def _written_as_name(written: str) -> bool:
    """True when ``written`` is a province's name as a Vietnamese text writes one: each word capitalised
    (its type before it aside, and a dash between its parts: "Bà Rịa - Vũng Tàu")."""
    name = _TYPE_BEFORE.sub("", written)
    return all(word[:1].isupper() for word in name.split() if word[:1].isalpha()) and _name_key(name) in _name_keys()


def _merged_basis(name: str, present: date | None, basis: str) -> str:
    if present is None or present < MERGER:
        return basis
    table = provinces()
    successor = table.loc[table["name"] == name, "successor"].iloc[0]
    parts = sorted(table.loc[table["successor"] == successor, "name"])
    if len(parts) == 1:
        return basis + "; unchanged by the July 2025 merger"
    return basis + (
        f"; the article is dated after the July 2025 merger, so {successor} is the merged province "
        f"(former {', '.join(parts)})"
    )


def units_named(text: str, lang: str):
    """(start, name, level) of the districts, towns and cities a text names ("Vi Xuyen district",
    "huyện Vị Xuyên": the capitalised words after the level)."""
    if lang != "vi":
        for match in _UNIT_NAMED.finditer(text):
            yield match.start(1), match.group(1), match.group(2).lower()
        return
    for match in _UNIT_NAMED_VI.finditer(text):
        words = []
        for word in match.group(2).split():
            if not word[0].isupper():
                break
            words.append(word)
        if words:
            yield match.start(2), " ".join(words), _LEVEL_VI[match.group(1).lower()]


def _from_districts(text: str, lang: str = "en") -> tuple[str, str] | None:
    """A province inferred from districts or towns that only one province has."""
    found: Counter[str] = Counter()
    basis: dict[str, str] = {}
    for _, name, level in units_named(text, lang):
        levels = {"district": DISTRICT_LEVELS, "town": ("town",), "city": ("city",)}[level]
        words = name.split()
        for size in range(len(words), 0, -1):
            candidate = " ".join(words[-size:])
            owners = sorted({u.province for u in find_admin_units(candidate, levels)})
            if len(owners) == 1:
                found[owners[0]] += 1
                basis.setdefault(owners[0], f"{candidate} {level}")
                break
    if not found:
        return None
    province = max(found.items(), key=lambda item: (item[1], item[0]))[0]
    return province, f"inferred from {basis[province]} (a {basis[province].split()[-1]} of {province})"


def _from_hint(hint: str, present: date | None) -> tuple[str, str]:
    tokens = [t for t in re.split(r"[^A-Za-z]+", fold(hint)) if t]
    for size in (3, 2, 1):
        for i in range(len(tokens) - size + 1):
            candidate = "".join(tokens[i : i + size])
            if candidate == NATIONAL:
                return NATIONAL, f"from the file name {hint!r}: the text names no province (review)"
            province = _province(candidate) if len(candidate) > 3 else None
            if province is not None:
                return province.name, _merged_basis(
                    province.name, present, f"from the file name {hint!r}: the text names no province (review)"
                )
    return "", "no province named, no known district, nothing in the file name"
