"""Provinces as tables key them ("Tra Vinh") and as people write them ("Trà Vinh"): rows by a written name.

Tables key a province by its ASCII name, so that they join and sort the same everywhere; a
filter on a written name (``figures[figures.province == "Trà Vinh"]``) finds no row.
:func:`province_rows` selects by any spelling, and the report functions take the key that
:func:`~.params.choose_province` returns, refusing a written name with the key to use.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from ..vocab.provinces import NATIONAL, canonical_name, former_provinces, provinces, provinces_2025, successor
from .params import ParameterError

__all__ = ["family_rows", "province_key", "province_rows"]


@cache
def _keys() -> frozenset[str]:
    """Every key a table may give a province: the 63 before the merger, the 34 after, and "national"."""
    return frozenset(provinces()["name"]) | frozenset(provinces_2025()["name"]) | {NATIONAL}


def province_key(province: str) -> str:
    """``province`` if it is a table key ("Tra Vinh", "national"); else :class:`ParameterError` naming the key.

    Validating a spelling is :func:`~.params.choose_province`'s job, done once; this only checks
    that what reached a report function is its result.
    """
    if province in _keys():
        return province
    key = canonical_name(province)
    hint = (
        f"reports take the key tables use, {key!r} (choose_province returns it)"
        if key != province
        else "it is no province: give one as choose_province returns it, e.g. 'Lang Son' or 'national'"
    )
    raise ParameterError(f"province {province!r}: {hint}")


def province_rows(table: pd.DataFrame, name: str, *, since_2025: bool = False) -> pd.DataFrame:
    """The rows of ``table`` about the province ``name``, written in any spelling.

    ``ca.province_rows(figures, "Trà Vinh")`` is ``figures[figures.province == "Tra Vinh"]``.
    ``since_2025=True`` takes the province as it has been since the July 2025 merger: its rows
    and those of every province merged into it (``"Vĩnh Long"``: Ben Tre, Tra Vinh and Vinh
    Long). The column is ``province``, or ``province_2025`` in the 34-province view. Raises
    :class:`ParameterError` for a name that is no province.
    """
    key = canonical_name(name)
    if key not in _keys():
        raise ParameterError(
            f"unknown province {name!r}; write it as lookup_province accepts, e.g. 'Trà Vinh', 'tra vinh' or 'national'"
        )
    column = "province" if "province" in table.columns else "province_2025"
    if column not in table.columns:
        raise ParameterError(
            f"the table has no province column (province or province_2025); its columns: "
            f"{', '.join(map(str, table.columns))}"
        )
    if not since_2025 or key == NATIONAL:
        return table[table[column] == key]
    after = successor(key)
    return table[table[column].isin({after, *former_provinces(after)})]


def family_rows(table: pd.DataFrame, province: str) -> pd.DataFrame:
    """The rows a profile of ``province`` (a table key) shows: for one of the 34 provinces since July
    2025, its rows and those of every province merged into it (each keeps its own ``province`` and
    ``borders``, so that they are shown apart); for a former province alone, its own rows."""
    province = province_key(province)
    if province == NATIONAL or province not in set(provinces_2025()["name"]):
        return table[table["province"] == province]
    if "province_2025" in table.columns:
        return table[table["province_2025"] == province]
    return table[table["province"].isin(set(former_provinces(province)) | {province})]
