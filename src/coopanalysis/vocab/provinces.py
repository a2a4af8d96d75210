"""Vietnam's provinces before and after the July 2025 merger, and name lookups that forgive spelling."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pandas as pd

from ..base.paths import DATA_DIR

__all__ = [
    "COUNTRY",
    "COUNTRY_NAMES",
    "MERGER_DATE",
    "NATIONAL",
    "AdminUnit",
    "Province",
    "admin_units",
    "canonical_name",
    "display_name",
    "find_admin_units",
    "former_provinces",
    "lookup_province",
    "normalize_place_name",
    "province_key",
    "province_label",
    "province_names",
    "provinces",
    "provinces_2025",
    "successor",
]

#: The province of a national report: figures for the whole country.
NATIONAL = "national"
#: The day the 63 provinces became 34 (Resolution 202/2025/QH15).
MERGER_DATE = "2025-07-01"


@dataclass(frozen=True)
class Province:
    """A province-level unit: ASCII name, Vietnamese name, official code, and its post-2025 province."""

    code: str
    name: str
    name_vi: str
    type: str
    successor_code: str
    successor: str


@dataclass(frozen=True)
class AdminUnit:
    """A district, town or commune that an article names, with the province it lies in."""

    name: str
    name_vi: str
    level: str
    district: str
    province: str
    note: str


# The words that name a place's type, before or after its name: "tỉnh Lạng Sơn", "TP. Hồ Chí Minh",
# "Thủ đô Hà Nội", "Lang Son province", "Can Tho city", "the province of Tra Vinh" (folded).
_TYPE_BEFORE = re.compile(r"^(?:(?:the\s+)?(?:province|city|municipality)\s+of|tinh|thanh\s*pho|tp|thu\s*do)\s+")
_TYPE_AFTER = re.compile(r"\s+(?:province|provincial|city|municipality|capital)$")


def normalize_place_name(name: str) -> str:
    """Fold a place name for matching: no diacritics, case, spaces, hyphens or the words of its type.

    >>> (normalize_place_name("Lạng Sơn") == normalize_place_name("LangSon")
    ...  == normalize_place_name("tỉnh Lạng Sơn") == "langson")
    True
    """
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    words = " ".join(
        re.sub(r"[^a-z0-9]+", " ", "".join(c for c in decomposed if not unicodedata.combining(c)).lower()).split()
    )
    # Whole words only, as often as they stand ("Ho Chi Minh City city"): "Ha Tinh" keeps its "tinh".
    while (bare := _TYPE_AFTER.sub("", _TYPE_BEFORE.sub("", words))) != words and bare:
        words = bare
    return words.replace(" ", "")


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@cache
def _provinces() -> tuple[Province, ...]:
    after = {row["code"]: row["name"] for row in _read("provinces_2025.csv")}
    return tuple(
        Province(r["code"], r["name"], r["name_vi"], r["type"], r["successor_code"], after[r["successor_code"]])
        for r in _read("provinces.csv")
    )


@cache
def _provinces_after() -> tuple[Province, ...]:
    return tuple(
        Province(r["code"], r["name"], r["name_vi"], r["type"], r["code"], r["name"])
        for r in _read("provinces_2025.csv")
    )


#: The country, as the province of a national report: every way a text or a reader names it.
COUNTRY = Province("", NATIONAL, "Việt Nam", "country", "", NATIONAL)
COUNTRY_NAMES = (
    NATIONAL,
    "Việt Nam",
    "Viet Nam",
    "Vietnam",
    "VN",
    "nationwide",
    "cả nước",
    "toàn quốc",
    "the country",
    "the whole country",
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "CHXHCN Việt Nam",
    "Socialist Republic of Viet Nam",
    "Socialist Republic of Vietnam",
    "SRV",
)


@cache
def _index(merged: bool) -> dict[str, Province]:
    index: dict[str, Province] = {normalize_place_name(name): COUNTRY for name in COUNTRY_NAMES}
    aliases = {r["code"]: r["aliases"] for r in _read("provinces.csv")}
    for province in _provinces_after() if merged else _provinces():
        names = [province.name, province.name_vi, *filter(None, aliases.get(province.code, "").split(";"))]
        for name in names:
            index[normalize_place_name(name)] = province
    return index


@cache
def province_names() -> tuple[str, ...]:
    """Every name a text may give a province before the merger: English, Vietnamese and aliases."""
    names = [name for p in _provinces() for name in (p.name, p.name_vi)]
    names += [alias for r in _read("provinces.csv") for alias in r["aliases"].split(";") if alias]
    return tuple(dict.fromkeys(names))


def lookup_province(name: str, *, merged: bool = False) -> Province:
    """Find a province by name, with or without diacritics, spaces or the word 'province'.

    Parameters
    ----------
    name:
        "Lạng Sơn", "Lang Son", "LangSon", "Lang Son province", "tỉnh Lạng Sơn", "HCMC", "TP. Hồ Chí Minh", ...;
        the country ("Việt Nam", "Viet Nam", "national", "cả nước") is :data:`COUNTRY`, the province
        of a national report.
    merged:
        Look among the 34 provinces from 1 July 2025 instead of the 63 before it.

    Raises
    ------
    KeyError
        With the list of known names when nothing matches.
    """
    index = _index(merged)
    try:
        return index[normalize_place_name(name)]
    except KeyError:
        known = ", ".join([*sorted({p.name for p in index.values()} - {NATIONAL}), f"{NATIONAL} (Việt Nam)"])
        raise KeyError(f"unknown province {name!r}; known provinces: {known}") from None


def successor(name: str) -> str:
    """The province after the July 2025 merger of a province (by name); ``national`` stays."""
    if name == "national":
        return name
    return lookup_province(name).successor


@cache
def former_provinces(name: str) -> tuple[str, ...]:
    """The provinces before 1 July 2025 whose territory forms the province ``name`` after it.

    >>> former_provinces("Vinh Long")
    ('Ben Tre', 'Tra Vinh', 'Vinh Long')
    """
    after = lookup_province(name, merged=True)
    return tuple(sorted(p.name for p in _provinces() if p.successor_code == after.code))


@cache
def _display_names() -> dict[str, str]:
    names = {p.name: p.name_vi for p in _provinces_after()}
    names.update({p.name: p.name_vi for p in _provinces()})
    return names | {NATIONAL: "Việt Nam"}


def canonical_name(name: str) -> str:
    """The ASCII name tables use, from any spelling: "Lạng Sơn" and "lang son province" -> "Lang Son";
    "Việt Nam" -> "national". A name that is no province is returned as given."""
    for merged in (False, True):
        try:
            return lookup_province(name, merged=merged).name
        except KeyError:
            continue
    return name


def province_key(name: str) -> str:
    """The key a table's ``province`` column holds for a province written any way; refuses a name that is no province.

    Tables key provinces by their ASCII name, so select rows with this rather than with the
    written name: ``figures[figures.province == ca.province_key("Trà Vinh")]`` ("Tra Vinh").

    >>> province_key("Trà Vinh"), province_key("lang son province"), province_key("Việt Nam")
    ('Tra Vinh', 'Lang Son', 'national')

    Raises
    ------
    KeyError
        Naming the known provinces, when ``name`` is none of them.
    """
    key = canonical_name(name)
    if key != NATIONAL and normalize_place_name(key) not in _index(False) | _index(True):
        lookup_province(name)  # raises, listing the known names
    return key


def display_name(province: str) -> str:
    """A province as readers write it, with its diacritics: "Lang Son" -> "Lạng Sơn", "national" -> "Việt Nam".

    Tables keep the ASCII name as their key (it joins and sorts the same everywhere); pages and
    charts show this one. An unknown name is returned as given.
    """
    return _display_names().get(province, province)


def province_label(province: str, borders: str) -> str:
    """A province named for readers with its place in the merger ("Trà Vinh (now part of Vĩnh Long)").

    ``borders`` is a figure's: ``pre-merger``, ``post-merger``, ``unchanged`` or ``national``.
    """
    if province == NATIONAL:
        return f"{display_name(NATIONAL)} (national)"
    name = display_name(province)
    if borders == "post-merger":
        return f"{name} (since July 2025: former {', '.join(map(display_name, former_provinces(province)))})"
    if borders == "pre-merger":
        later = successor(province)
        if later != province:
            return f"{name} (now part of {display_name(later)})"
        others = [display_name(p) for p in former_provinces(province) if p != province]
        return f"{name} (before the July 2025 merger with {' and '.join(others)})"
    return name


def provinces() -> pd.DataFrame:
    """The 63 provinces and centrally run cities before 1 July 2025, with their successor."""
    return pd.DataFrame([vars(p) for p in _provinces()])


def provinces_2025() -> pd.DataFrame:
    """The 34 provinces and centrally run cities from 1 July 2025, with the units merged into each."""
    frame = pd.DataFrame([vars(p) for p in _provinces_after()]).drop(columns=["successor_code", "successor"])
    merged_from = provinces().groupby("successor_code")["name"].agg(lambda names: "; ".join(sorted(names)))
    return frame.assign(merged_from=frame["code"].map(merged_from))


@cache
def admin_units() -> tuple[AdminUnit, ...]:
    """District-level units of every province before 2025 (``data/districts.csv``), plus the
    communes and spellings the articles need (``data/admin_units.csv``)."""
    listed = [AdminUnit(**row) for row in _read("admin_units.csv")]
    keys = {(normalize_place_name(u.name), u.level, u.province) for u in listed}
    districts = [AdminUnit(r["name"], r["name_vi"], r["type"], "", r["province"], "") for r in _read("districts.csv")]
    return tuple(listed + [u for u in districts if (normalize_place_name(u.name), u.level, u.province) not in keys])


@cache
def _admin_index() -> dict[str, tuple[AdminUnit, ...]]:
    index: dict[str, list[AdminUnit]] = {}
    for unit in admin_units():
        index.setdefault(normalize_place_name(unit.name), []).append(unit)
    return {key: tuple(units) for key, units in index.items()}


def find_admin_units(name: str, levels: tuple[str, ...] | None = None) -> list[AdminUnit]:
    """Units named ``name`` (any spelling), optionally only of the given levels."""
    units = _admin_index().get(normalize_place_name(name), ())
    return [u for u in units if levels is None or u.level in levels]
