"""What a province profile shows, at 34 provinces: the CPU time of each of its report cells.

Run with `make bench`. Prints; asserts nothing. A corpus of 1,000 articles over the 34 provinces is
built in a temporary folder as ``bench/report_run_benchmark.py`` builds it; its figures (with the
extractor's proposals), articles, indicators, panel, series and 34-province view are loaded once,
not timed. Then, in this process, each report cell of ``notebooks/03-province-profile.ipynb`` is
called for three provinces and displayed as a notebook displays it (IPython's formatter: the HTML
and the text), and its CPU time is printed: the cost of what the profile shows, apart from the
kernel's start and the loading of the data. The first profile pays once for what the first chart
of a process loads (fonts); the next two show the cost of a profile in a run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from IPython.core.formatters import DisplayFormatter

from report_run_benchmark import build

PROVINCES = ("Lang Son", "Ha Noi", "Gia Lai")


def cells(data: dict, province: str) -> dict:
    """The profile's report cells, as the notebook calls them."""
    from coopanalysis.reports import across, profile

    f, a, t, p, s, v = (data[k] for k in ("figures", "articles", "indicators", "panel", "series", "view"))
    links = "../articles/"
    return {
        "heading": lambda: profile.heading(f, a, province, article_links=links),
        "key figures": lambda: profile.key_figures(p, f, province, article_links=links),
        "targets": lambda: profile.targets(p, f, province, article_links=links),
        "indicators": lambda: profile.own_indicators(t, f, province, article_links=links),
        "merger": lambda: across.merger_comparison(v, p, f, province, article_links=links),
        "over time": lambda: profile.over_time(s, p, f, province, article_links=links),
        "where it stands": lambda: profile.standing(t, a, province),
        "read otherwise": lambda: profile.flagged_table(f, province, article_links=links),
        "bounds": lambda: profile.uncertain_table(f, province, article_links=links),
        "every figure": lambda: profile.all_figures(f, province, article_links=links),
    }


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="coopanalysis-profile-") as tmp:
        root = Path(tmp)
        build(root, 1000)
        os.environ["COOPANALYSIS_ROOT"] = str(root)
        import coopanalysis as ca

        figures = ca.load_figures(["corpus"], proposals=True)
        panel = ca.figure_panel(figures)
        data = {
            "figures": figures,
            "articles": ca.load_articles(["corpus"]),
            "indicators": ca.compute_indicators(figures),
            "panel": panel,
            "series": ca.series_across_articles(panel, figures),
            "view": ca.provinces_2025_view(panel),
        }
        formatter = DisplayFormatter()
        print(f"\nprofile report cells at 34 provinces (1,000 articles, {len(figures):,} figures), CPU seconds")
        for province in PROVINCES:
            times = {}
            for name, cell in cells(data, province).items():
                started = time.process_time()
                formatter.format(cell())
                times[name] = time.process_time() - started
            listed = ", ".join(f"{name} {seconds:.2f}" for name, seconds in times.items())
            print(f"  {province}: {sum(times.values()):.2f} s ({listed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
