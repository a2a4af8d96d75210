"""The reports: what the notebooks show, the charts, and the HTML pages of a run.

Each function a notebook calls returns one thing to show over a DataFrame the analyst can reuse
(``.data``): a :class:`~.display.Table`, a :class:`~.charts.Chart` or a :class:`~.display.Section`
of them. It displays as HTML in a notebook (rendered from ``templates/``, text escaped) and as
plain text in a terminal; a section with nothing to show says so in a sentence. Arguments come
in one order: the data (what is shown first, then what links or dates it), then the province or
provinces as the tables key them (what :func:`choose_province` returns), then keyword options
(``article_links=``, ``names=``, ``highlight=``). The modules, by page:

* :mod:`.comparison`: the cross-province report; :mod:`.profile`: a province profile;
  :mod:`.quality`: the data-quality report; :mod:`.figures_view`: figures by article;
  :mod:`.across`: series, conflicts and the 34-province view, shared by them;
* :mod:`.charts`: one indicator across provinces; :mod:`.standing`: where one province stands;
  :mod:`.marks`: bounds drawn with seaborn's objects interface, for both;
* :mod:`.pages`, :mod:`.article_page`, :mod:`.index_page`: the HTML pages of a run;
* :mod:`.display`, :mod:`.cells`, :mod:`.templates`: what is shown, what a cell holds, the HTML;
* :mod:`.labels`, :mod:`.values`, :mod:`.formatting`, :mod:`.params`, :mod:`.place`: words,
  values, numbers, parameters and province names.
"""

from .params import ParameterError, choose, choose_province, choose_provinces

__all__ = ["Chart", "ParameterError", "chartable", "choose", "choose_province", "choose_provinces", "indicator_chart"]

_CHARTS = ("Chart", "chartable", "indicator_chart")


def __getattr__(name: str):
    # The charts load matplotlib and seaborn (about 0.3 s): only when asked for, so that the pages
    # of a run and the review command do not pay for them.
    if name in _CHARTS:
        from . import charts

        return getattr(charts, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
