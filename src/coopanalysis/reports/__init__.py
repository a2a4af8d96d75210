"""The reports: what the notebooks show, the charts, and the HTML pages of a run.

Notebooks only load data, call these functions and show what they return; every function that
returns HTML escapes the text it is given and brings its own heading where a section can be
empty, so that nothing empty is shown. The modules, by page:

* :mod:`.comparison`: the cross-province report; :mod:`.profile`: a province profile;
  :mod:`.quality`: the data-quality report; :mod:`.figures_view`: figures by article;
  :mod:`.across`: series, conflicts and the 34-province view, shared by them;
* :mod:`.charts`: charts that stand alone (:class:`~.charts.Chart` displays as a PNG);
* :mod:`.pages`, :mod:`.article_page`, :mod:`.index_page`: the HTML pages of a run;
* :mod:`.labels`, :mod:`.values`, :mod:`.html`, :mod:`.params`: words, cells and names.
"""

from .params import ParameterError, choose, choose_province, choose_provinces

__all__ = ["Chart", "ParameterError", "chartable", "choose", "choose_province", "choose_provinces",
           "indicator_chart"]

_CHARTS = ("Chart", "chartable", "indicator_chart")


def __getattr__(name: str):
    # The charts load matplotlib and seaborn (about 0.3 s): only when asked for, so that the pages
    # of a run and the review command do not pay for them.
    if name in _CHARTS:
        from . import charts

        return getattr(charts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
