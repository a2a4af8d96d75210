"""Panel, indicators and series at 1k to 136k figures: copies of the seed figures, each copy an article of its own.

Run with `make bench`. Prints seconds per size and the ratio to the smallest (linear work gives
x4, x16 and x128). Asserts nothing. Each copy of the 106 seed figures gets its own article and
figure ids and its values scaled by a factor of its own, so that copies are different statistics
(the panel sees them as articles that disagree, indicators are computed for each copy).
"""

from __future__ import annotations

import sys
import time

import pandas as pd

from coopanalysis import load_figures
from coopanalysis.across.merger import provinces_2025_view
from coopanalysis.across.panel import figure_panel
from coopanalysis.indicators import compute_indicators, withheld_indicators
from coopanalysis.indicators.series import series_across_articles

COPIES = (10, 40, 160, 1280)


def copies(figures: pd.DataFrame, count: int) -> pd.DataFrame:
    frames = []
    for n in range(count):
        factor = 1 + n / 1000
        frames.append(
            figures.assign(
                figure_id=figures["figure_id"] + f"-c{n}",
                article_id=figures["article_id"] + f"-c{n}",
                value=figures["value"] * factor,
                low=figures["low"] * factor,
                high=figures["high"] * factor,
            )
        )
    return pd.concat(frames, ignore_index=True)


def main() -> int:
    seeds = load_figures()
    results = {}
    for count in COPIES:
        figures = copies(seeds, count)
        started = time.perf_counter()
        panel = figure_panel(figures)
        after_panel = time.perf_counter()
        compute_indicators(figures)
        withheld_indicators(figures)
        after_indicators = time.perf_counter()
        series_across_articles(panel, figures)
        provinces_2025_view(panel)
        done = time.perf_counter()
        results[len(figures)] = (after_panel - started, after_indicators - after_panel, done - after_indicators)
    base = next(iter(results.values()))
    print("figures     panel        indicators       series and 34-province view")
    for size, seconds in results.items():
        print(f"{size:>7,}  " + "  ".join(f"{s:6.2f} s x{s / b:6.1f}" for s, b in zip(seconds, base)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
