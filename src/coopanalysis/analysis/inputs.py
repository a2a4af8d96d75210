"""What a report notebook reads: its parameters validated, its part of the analysis, where its links lead.

Every notebook loads through :func:`load_analysis`. Under a run, its ``analysis`` parameter is the
key of the analysis the run computed once for all its notebooks (a content digest, the same on
every machine); elsewhere it is empty and the analysis is computed from ``corpora``, as
:func:`coopanalysis.load_figures` computes the figures. A profile reads its province's part only.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..articles.snapshot import read_corpora
from ..base.paths import notebooks_dir, outputs_dir
from ..reports.params import choose_flag, choose_folders, choose_province, choose_text
from .build import Analysis, analyse
from .parts import province_part
from .store import StaleAnalysis, read_analysis, read_view

__all__ = ["article_pages", "load_analysis"]


def load_analysis(
    analysis: str = "", *, corpora: object = None, proposals: object = False, province: object = None
) -> Analysis:
    """The analysis of ``corpora`` (default ``seeds/``) with or without the unreviewed ``proposals``.

    ``analysis``: the key a run passes (its notebooks read what it computed once); empty, the
    analysis is computed here. ``province`` (any spelling :func:`coopanalysis.lookup_province`
    takes): only what a profile of it shows, with the province's canonical name as ``.province``.
    Raises :class:`~coopanalysis.reports.params.ParameterError` for a bad parameter, listing the
    valid values, and :class:`SeedError` for corpora that ``check`` rejects.
    """
    key, folders, proposals = (
        choose_text(analysis, "analysis"),
        choose_folders(corpora or []),
        choose_flag(proposals, "proposals"),
    )
    if province is not None:
        province = choose_text(province, "province")
    if key:
        view = read_view(key)
        if (folders and folders != view["corpora"]) or proposals != view["proposals"]:
            raise StaleAnalysis(
                f"analysis {key[:12]}… was computed from corpora {view['corpora']} with proposals="
                f"{view['proposals']}, not {folders} with proposals={proposals}; give the same, or leave "
                f"analysis empty to compute it"
            )
        chosen = None if province is None else choose_province(province, view["provinces"])
        if view["province"] is not None and chosen != view["province"]:
            raise StaleAnalysis(
                f"analysis {key[:12]}… holds what a profile of {view['province']} reads, not "
                f"{chosen or 'every province'}; leave analysis empty to compute it"
            )
        kept = read_analysis(view, key)
        return kept if chosen is None or view["province"] is not None else province_part(kept, chosen)
    whole = analyse(read_corpora(folders or None), proposals)
    return whole if province is None else province_part(whole, choose_province(province, whole.provinces))


def article_pages(article_links: object) -> str:
    """Where a notebook's links to the article pages lead: ``article_links`` if given; else from ``notebooks/``
    (JupyterLab, nbval) ``../outputs/articles/``, and from anywhere else the project's article pages by
    their full address, so that the links work wherever papermill writes the notebook."""
    given = choose_text(article_links, "article_links")
    if given:
        return given
    here = Path(os.getcwd()).resolve()
    if here == notebooks_dir().resolve():
        return "../outputs/articles/"
    return (outputs_dir() / "articles").resolve().as_uri() + "/"
