"""One indicator value for readers: the caveat that matters, and no value that nothing bounds."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from coopanalysis.reports.values import indicator_columns, known_values, short_caveat


def test_the_short_caveat_says_about_and_corrected_readings_in_words():
    row = SimpleNamespace(approximate=True, caveats="x | quang-tri-2024-f08 flagged (garbled_translation): text says")
    assert short_caveat(row) == (
        "an input is 'about'; an input is read otherwise than the text says (garbled translation)"
    )
    assert short_caveat(SimpleNamespace(approximate=False, caveats="")) == ""


def test_a_value_nothing_bounds_is_not_shown_and_idle_columns_go():
    nan = float("nan")
    rows = pd.DataFrame({"value": [nan, 1.0, nan], "low": [nan, 1.0, 2.0], "high": [nan, 1.0, nan]})
    assert known_values(rows).index.tolist() == [1, 2]
    cells = [{"scope": "province-wide", "caveat": "–", "comparable on": "over 4 years"}]
    assert indicator_columns(cells, ["scope", "when", "comparable on", "caveat"]) == ["when", "comparable on"]
