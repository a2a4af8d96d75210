"""A figure's territory where it differs from its article's: written forms, how they read, how they are written.

The ``territory`` column of ``figures.csv`` takes one of these forms (names in any spelling, with
or without diacritics); empty means the article's own territory (its province as it was at its date):

* ``former:<province>``: one of the 63 provinces, in its borders before 1 July 2025 (``former:Ca Mau``
  for a 2024 figure of the former Cà Mau in an article of December 2025);
* ``<province>``: one of the 34 provinces, in its borders since 1 July 2025 (``Ca Mau``, ``Vĩnh Long``);
* ``district:<name>``, ``commune:<name>``, ``cooperative:<name>``: a territory or a single cooperative
  inside the article's province; such a figure is never the province's (it sets the figure's scope);
* ``country``: the whole of Viet Nam.
"""

from __future__ import annotations

from dataclasses import dataclass

from .provinces import MERGER_DATE, NATIONAL, former_provinces, lookup_province, normalize_place_name

__all__ = ["KINDS", "Territory", "read_territory", "write_territory"]

#: The kinds a reviewer's note may give (:func:`write_territory`).
KINDS = ("former_province", "merged_province", "province", "district", "commune", "cooperative", "country", "other")
#: Written prefixes of the parts below a province, and the scope each gives the figure.
_BELOW = {"district": "district", "commune": "commune", "cooperative": "entity"}
_COUNTRY = {normalize_place_name(n) for n in ("country", NATIONAL, "Viet Nam", "Vietnam", "nationwide")}
_FORMS = (
    "former:<province of the 63>, <province of the 34>, district:<name>, commune:<name>, cooperative:<name> or country"
)


@dataclass(frozen=True)
class Territory:
    """What a written territory means: the figure's ``province`` and ``borders`` (empty: the article's),
    and its ``scope`` (empty: the row's own)."""

    province: str = ""
    borders: str = ""
    scope: str = ""


def read_territory(written: str) -> Territory:
    """Read a ``territory`` cell; raises ``ValueError`` with the forms it takes.

    >>> read_territory("former:Cà Mau")
    Territory(province='Ca Mau', borders='pre-merger', scope='')
    >>> read_territory("ca mau")
    Territory(province='Ca Mau', borders='post-merger', scope='')
    """
    text = written.strip()
    if not text:
        return Territory()
    prefix, colon, name = (part.strip() for part in text.partition(":"))
    prefix = prefix.lower()
    if normalize_place_name(text) in _COUNTRY:
        return Territory(NATIONAL, "national", "national")
    if colon and prefix in _BELOW:
        if not name:
            raise ValueError(f"territory {written!r} names no {prefix}; write {prefix}:<name>")
        return Territory(scope=f"{_BELOW[prefix]}:{name}")
    if colon and prefix == "former":
        try:
            province = lookup_province(name)
        except KeyError:
            raise ValueError(
                f"territory {written!r}: {name!r} is none of the 63 provinces before July 2025 "
                f"(src/coopanalysis/data/provinces.csv)"
            ) from None
        kept = former_provinces(province.successor) == (province.name,)
        return Territory(province.name, "unchanged" if kept else "pre-merger")
    if colon:
        raise ValueError(f"territory {written!r} has an unknown prefix {prefix!r}; write {_FORMS}")
    try:
        province = lookup_province(text, merged=True)
    except KeyError:
        try:
            before = lookup_province(text)
        except KeyError:
            raise ValueError(f"territory {written!r} is no province; write {_FORMS}") from None
        raise ValueError(
            f"territory {written!r}: {before.name} is no province since July 2025 (it is part of "
            f"{before.successor}); write former:{before.name} or {before.successor}"
        ) from None
    kept = former_provinces(province.name) == (province.name,)
    return Territory(province.name, "unchanged" if kept else "post-merger")


def write_territory(kind: str, name: str, published: str = "") -> str:
    """The written form of a reviewer's note (``kind`` of :data:`KINDS`, a name, the article's date).

    ``province`` (a province named without saying which borders) reads by the article's date:
    before 1 July 2025 the former province, after it the merged one. ``other`` has no written
    form. Raises ``ValueError`` saying why when a note cannot be written.

    >>> write_territory("former_province", "Cà Mau")
    'former:Ca Mau'
    >>> write_territory("cooperative", "HTX Tân Phát")
    'cooperative:HTX Tân Phát'
    """
    name = name.strip()
    if kind not in KINDS:
        raise ValueError(f"unknown territory kind {kind!r}; use one of: {', '.join(KINDS)}")
    if kind == "country":
        return "country"
    if kind == "other":
        raise ValueError("territory kind 'other' has no written form; say what it is in the figure's note")
    if kind in _BELOW:
        written = f"{kind}:{name}"
    elif kind == "former_province":
        written = f"former:{name}"
    elif kind == "merged_province":
        written = name
    elif not published or published == MERGER_DATE[:4]:
        raise ValueError(
            f"province {name!r} with no date that tells the borders ({published or 'none'}): "
            f"write former_province or merged_province"
        )
    else:
        written = f"former:{name}" if published < MERGER_DATE[: len(published)] else name
    read = read_territory(written)  # raises for a name that is no province
    return f"former:{read.province}" if written.startswith("former:") else read.province or written
