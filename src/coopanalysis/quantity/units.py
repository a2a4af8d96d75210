"""The unit of a stated quantity: its currency (implied in Vietnamese), its rate's denominators, and what they stand
for.

A time denominator stays in ``unit`` ("VND/year"); an entity or a place ("/cooperative", "/xã")
is implied by the measure and kept in ``reported_unit`` only.
"""

from __future__ import annotations

import re

from .grammar import CURRENCIES, DENOMINATORS, OTHER_UNITS, SCALES
from .model import Quantity

__all__ = ["entity_denominators", "unit_from"]


# A Vietnamese amount of billions, or of millions per something, is in VND even without "đồng"
# ("trên 10 tỷ/năm", "200 triệu/hợp tác xã"); a count of a billion things is rare.
_IMPLIED_VND = 10**9
_IMPLIED_VND_RATE = 10**6
# A rate's denominators, each a phrase ("/hợp tác xã/năm", " per person per month", " mỗi tháng").
_RATE_SPLIT = re.compile(r"\s*/\s*|\s+(?:per|mỗi|một|moi|mot|an?)\s+|^\s*(?:per|mỗi|một|moi|mot|an?)\s+", re.IGNORECASE)


def entity_denominators(quantity: Quantity) -> set[str]:
    """What the entity denominators of a rate stand for: "VND/HTX/năm" -> {"cooperative"}."""
    parts = (part.lower() for part in quantity.reported_unit.split("/")[1:])
    return {DENOMINATORS[p]["reads_as"] for p in parts if p in DENOMINATORS and DENOMINATORS[p]["type"] == "entity"}


def unit_from(match: re.Match, lang: str = "en") -> tuple[str, str, str]:
    """Return (unit, reported_unit, per) for a quantity match."""
    if match.group("mult"):
        return "times", match.group("mult").lower(), ""
    if match.group("times"):
        return "times", "times", ""
    if match.group("pct"):
        return "%", "%", ""
    if match.group("other_unit") and not (match.group("cur1") or match.group("cur_mid") or match.group("cur2")):
        unit = OTHER_UNITS[" ".join(match.group("other_unit").lower().split())]
        return unit, unit, ""
    currency_text = (match.group("cur1") or match.group("cur_mid") or match.group("cur2") or "").lower()
    currency = CURRENCIES.get(currency_text, "")
    if not currency and lang == "vi" and not match.group("area"):
        scale = max(SCALES.get((match.group(g) or "").lower(), 1) for g in ("scale1", "scale2"))
        if scale >= _IMPLIED_VND or (scale >= _IMPLIED_VND_RATE and match.group("rate")):
            currency = "VND"
    rate = match.group("rate")
    rate_words = [" ".join(p.lower().split()) for p in _RATE_SPLIT.split(rate) if p.strip()] if rate else []
    denominators = [DENOMINATORS[w] for w in rate_words if w in DENOMINATORS]
    if match.group("area"):
        return "ha", "ha", ""
    if not currency:
        if rate_words:
            return "/" + "/".join(rate_words), "/" + "/".join(rate_words), ""
        return "", "", ""
    reported = currency + "".join("/" + w for w in rate_words)
    per = next((d["reads_as"] for d in denominators if d["type"] == "time"), "")
    area = next((d["reads_as"] for d in denominators if d["type"] == "area"), "")
    unit = currency + (f"/{area}" if area else "") + (f"/{per}" if per else "")
    return unit, reported, per
