"""Bounds drawn as bounds with seaborn.objects: a bar for a range, an arrowhead at the edge for an open bound,
a dot for a stated number, hollow when it is "about"."""

from __future__ import annotations

import pandas as pd
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure

from coopanalysis.reports.marks import BLUE, draw_bounds, edges

NAN = float("nan")


def test_each_kind_of_value_is_drawn_as_what_it_is():
    rows = pd.DataFrame(
        {
            "y": [0, 1, 2, 3, 4, 5],
            "value": [5, 6, NAN, NAN, NAN, NAN],
            "low": [5, 6, 2, 3, NAN, NAN],
            "high": [5, 6, 4, NAN, 7, NAN],
            "approximate": [False, True, False, False, False, False],
            "colour": BLUE,
        }
    )
    ax = Figure().add_subplot()
    draw_bounds(ax, rows, 0.0, 10.0)
    (bars,) = [c for c in ax.collections if isinstance(c, LineCollection)]
    (dots,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    # A range 2-4; "at least 3" runs to the right edge, "at most 7" from the left edge; a point is no bar.
    assert [s.tolist() for s in bars.get_segments()] == [[[2, 2], [4, 2]], [[3, 3], [10, 3]], [[0, 4], [7, 4]]]
    # Dots at 5 (filled) and 6 ("about": hollow), and an arrowhead inside each open end; the last row,
    # bounded by nothing, is drawn as nothing.
    offsets = dots.get_offsets().tolist()
    assert offsets[:2] == [[5, 0], [6, 1]] and offsets[2][1] == 3 and 9.5 < offsets[2][0] < 10
    assert offsets[3][1] == 4 and 0 < offsets[3][0] < 0.5 and len(offsets) == 4
    assert [round(alpha, 2) for alpha in dots.get_facecolors()[:, 3]] == [1, 0, 1, 1]
    assert ax.get_xlim() == (0, 10)


def test_the_panel_runs_from_zero_with_room_for_arrows():
    assert edges(pd.Series([171.7, 35.4, NAN, 55.8]).to_numpy()) == (0.0, 171.7 * 1.2)
    assert edges(pd.Series([-12.0, 30.0]).to_numpy()) == (-12.0, 36.0)
    assert edges(pd.Series([NAN]).to_numpy()) == (0.0, 1.0)
