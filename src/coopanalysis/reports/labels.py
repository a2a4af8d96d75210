"""Words for readers: measures, indicators, kinds, periods, scopes and provinces as a report names them."""

from __future__ import annotations

import calendar
import re

from ..indicators import INDICATOR_BY_NAME
from ..vocab.measures import measures
from ..vocab.provinces import display_name, former_provinces, province_label, successor

__all__ = [
    "display_name",
    "indicator_title",
    "kind_label",
    "measure_label",
    "period_text",
    "place_label",
    "scope_text",
    "short_place_label",
    "why",
]

_KINDS = {
    "level": "",
    "target": "target",
    "change_pct": "change, %",
    "change_abs": "change",
    "share_pct": "share, %",
    "target_share_pct": "target share, %",
}


#: What a figure's qualifier makes of its number, for every qualifier but ``exact``.
UNCERTAINTY_WORDS = {
    "more_than": "lower bound",
    "at_least": "lower bound",
    "less_than": "upper bound",
    "at_most": "upper bound",
    "range": "range",
    "about": "approximate",
}


def measure_label(measure: str, definition: str = "") -> str:
    """ "Cooperatives in the OCOP programme", with a figure's own definition when it has one."""
    label = measures()[measure].label
    return f"{label} ({definition})" if definition else label


def indicator_title(name: str) -> str:
    """The indicator's title, with its unit where the title does not already say it."""
    indicator = INDICATOR_BY_NAME[name]
    unit = indicator.unit
    if unit.startswith(("%", "VND")) or unit.split()[0].lower() in indicator.title.lower():
        return indicator.title
    return f"{indicator.title} ({unit})"


def kind_label(kind: str) -> str:
    """ "" for a level; "target", "change, %", "change" or "share, %" otherwise."""
    return _KINDS[kind]


def period_text(period: str, base_period: str = "") -> str:
    """ "May 2024", "first half of 2023", "2021–2024", "2023 against 2022"."""
    text = _period_words(period)
    return f"{text} against {_period_words(base_period)}" if base_period else text


def _period_words(label: str) -> str:
    if not label:
        return ""
    if len(label) == 7 and label[4] == "-":
        return f"{calendar.month_abbr[int(label[5:])]} {label[:4]}"
    if label.startswith("H"):
        return f"{'first' if label[1] == '1' else 'second'} half of {label[3:]}"
    return label.replace("-", "–")


def scope_text(scope: str) -> str:
    """ "province-wide", "national", "Lac Thuy district", "Chu Tinh Organic Cooperative"."""
    if scope in ("province", "national"):
        return "province-wide" if scope == "province" else "national"
    kind, _, name = scope.partition(":")
    return f"{name} district" if kind == "district" else name


def place_label(province: str, borders: str = "") -> str:
    """A province with its place in the merger ("Tra Vinh (now part of Vinh Long)"); "Viet Nam (national)"."""
    return province_label(province, borders)


def short_place_label(province: str, borders: str = "") -> str:
    """The same, short enough for a chart's axis: "Trà Vinh (now Vĩnh Long)", "Vĩnh Long (merged)",
    "Cà Mau (former)" (the province before it absorbed Bạc Liêu), "Việt Nam"."""
    name = display_name(province)
    if borders == "post-merger":
        return f"{name} (merged)"
    if borders == "pre-merger" and successor(province) != province:
        return f"{name} (now {display_name(successor(province))})"
    if borders == "pre-merger" and len(former_provinces(province)) > 1:  # the merged province of its name is larger
        return f"{name} (former)"
    return name


_READ_AS = re.compile(r"; read as \w+: ")


def why(flag_reason: str) -> str:
    """The reason of a flag without the "text says ...; read as <measure>:" that a report shows apart."""
    found = _READ_AS.search(flag_reason)
    return flag_reason[found.end() :] if found else flag_reason
