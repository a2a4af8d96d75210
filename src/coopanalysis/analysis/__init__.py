"""The analysis of a snapshot of corpora: figures checked, and every table computed from them, once.

:func:`.build.analyse` reduces a snapshot into an :class:`.build.Analysis`; :mod:`.parts` cuts it
into the parts a report reads (a province's, or everything); :mod:`.store` keeps it on disk as
typed tables (Parquet) under the content digest of what it was computed from, for the notebooks
of a run to read; :mod:`.inputs` is what a notebook loads through. The stage comes after
``review``: the review effort is one of the analysis's tables.
"""
