"""``coopanalysis extract``: propose the figures of one or many articles, append them, or evaluate."""

from __future__ import annotations

import argparse
import glob
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd

from ..articles.corpora import corpus_name
from ..base.parallel import default_jobs
from ..base.paths import code_root, project_root, seeds_dir
from ..base.problems import BUG, SUCCESS, ConfigError, Problem, SeedError, one_line
from ..base.readers import not_a_file
from ..base.writers import csv_text
from ..extract import EXTRACT_COLUMNS
from ..figures.extracted import extract_files
from ..reports.formatting import format_stated
from ..review.proposals import append_proposals

__all__ = ["HARNESS", "evaluation_harness", "expand_articles", "extract_command"]

#: The exit code of a bug (:data:`coopanalysis.base.problems.EXIT_CODES`): the extractor raised on a file.


def expand_articles(arguments: list[str]) -> tuple[list[Path], list[Problem]]:
    """Files named, every ``*.txt`` of a folder, or the files a glob pattern matches; sorted, once each.

    Only regular files (or links to one) are articles: a named pipe, a device or a socket among
    them (``x.txt`` a link to ``/dev/zero``) is a problem, never opened.
    """
    files, problems = [], []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            matched = sorted(path.glob("*.txt"))
        elif any(c in argument for c in "*?["):
            matched = sorted(Path(p) for p in glob.glob(argument) if not Path(p).is_dir())
        else:
            matched = [path] if path.exists() else []
        if not matched:
            problems.append(
                Problem(argument, 0, "no such article file (give files, a folder of .txt files or a glob pattern)")
            )
        for match in matched:
            kind = _not_a_file(match)
            if kind:
                problems.append(Problem(str(match), 0, f"is {kind}, not an article file; skipped"))
            else:
                files.append(match)
    return list(dict.fromkeys(files)), problems


def _not_a_file(path: Path) -> str | None:
    try:
        return not_a_file(path.stat().st_mode)
    except OSError as error:  # a broken link, a loop
        return f"unreadable ({(error.strerror or str(error)).lower()})"


def extract_command(args: argparse.Namespace) -> int:
    if args.evaluate:
        return _evaluate()
    if not args.articles:
        raise SeedError.single("extract", 0, "give one or more ARTICLE files, a folder or a glob (or --evaluate)")
    files, problems = expand_articles(args.articles)
    for option, given in (("--article-id", args.article_id), ("--source", args.source)):
        if given and len(files) > 1:
            raise SeedError.single(option, 0, "names one article; give one file with it")
    fmt = args.format or ("table" if sys.stdout.isatty() else "csv")
    tables, failed = [], list(problems)
    if args.append:  # one article after the other: each append validates the corpus as the last one left it
        for path in _progress(files):
            try:
                _append_one(path, args)
            except SeedError as error:
                failed += error.problems
    else:
        for path, (proposals, read_problems) in zip(
            files, _extracted(files, args.jobs or default_jobs(), args.source or "")
        ):
            if proposals is None:
                failed += read_problems
            else:
                tables.append(_shown(path, proposals, fmt, len(files) > 1))
    if fmt == "csv" and tables:
        sys.stdout.write(csv_text(pd.concat(tables)))
    for problem in failed:
        print(f"coopanalysis extract: {problem}", file=sys.stderr)
    if any(problem.bug for problem in failed):
        return BUG  # the other files' proposals are written; this one is a bug to report
    return SeedError.exit_code if failed else SUCCESS


def _progress(files: list[Path]):
    if len(files) > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(files, unit="article", file=sys.stderr)
    return files


#: Fewer files than this per worker are extracted in this process: starting workers costs about a second.
_FILES_PER_WORKER = 16


def _extracted(files: list[Path], jobs: int, source: str = ""):
    """Each file's proposals, by ``jobs`` worker processes when there are enough files to share."""
    jobs = max(1, min(jobs, len(files) // _FILES_PER_WORKER))
    if jobs == 1:
        return (result for path in _progress(files) for result in extract_files([path], source=source))
    return extract_files(files, jobs)


def _shown(path: Path, proposals: pd.DataFrame, fmt: str, several: bool) -> pd.DataFrame:
    province = proposals["province"].iloc[0] if len(proposals) else ""
    basis = proposals["province_basis"].iloc[0] if len(proposals) else "no figures"
    summary = f"{one_line(path.name)}: {len(proposals)} proposed figures; province: {province or 'unknown'} ({basis})"
    columns = [*EXTRACT_COLUMNS, "province_basis", "evidence"]
    if fmt == "csv":
        print(summary, file=sys.stderr)
        table = proposals[columns]
        return table.assign(file=path.name) if several else table
    print(summary)
    if len(proposals):
        print(_table_view(proposals).to_string(index=False))
    return proposals[columns]


def _table_view(proposals: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "number": proposals["number"],
            "measure": proposals["measure"],
            "kind": proposals["kind"],
            "period": proposals["period"] + proposals["base_period"].map(lambda b: f" vs {b}" if b else ""),
            "scope": proposals["scope"],
            "value": [format_stated(r.value, r.low, r.high, r.qualifier, r.unit) for r in proposals.itertuples()],
            "conf": proposals["confidence"].map(lambda c: f"{c:.2f}"),
            "quote": proposals["quote"].map(lambda q: q if len(q) <= 60 else q[:57] + "..."),
        }
    )


def _append_one(path: Path, args: argparse.Namespace) -> None:
    # Relative to the project, as every --corpus; a folder that does not exist yet becomes a new corpus.
    corpus = (
        (Path(args.corpus) if Path(args.corpus).is_absolute() else project_root() / args.corpus)
        if args.corpus
        else seeds_dir()
    )
    name = corpus_name(corpus)
    article_id, count = append_proposals(
        path,
        args.article_id,
        seeds=corpus,
        province=args.province,
        published=args.published,
        source=args.source,
        waiting=lambda: print(f"waiting for another write to {name}/ to finish", file=sys.stderr, flush=True),
    )
    print(
        f"{one_line(path.name)}: appended {count} unreviewed figures as {article_id} to {one_line(name)}/figures.csv "
        f"(and the article to {name}/articles.csv); review them, then set status to 'reviewed'"
    )


#: Where a checkout keeps the evaluation harness, beside ``src/``: it reads ``tests/fixtures/`` and ``../shared/``.
HARNESS = "evaluation"


def evaluation_harness() -> ModuleType:
    """The checkout's evaluation harness (``evaluation/``), which the installed package does not ship.

    Raises :class:`ConfigError` saying what it needs where the package runs from no checkout.
    """
    folder = code_root() / HARNESS
    loaded = sys.modules.get(HARNESS)
    if loaded is not None and Path(getattr(loaded, "__file__", "") or "").parent == folder:
        return loaded
    if not (folder / "__init__.py").is_file():
        raise ConfigError(
            "extract --evaluate scores the extractor with the evaluation harness of a checkout of the "
            "repository (its evaluation/ and tests/fixtures/ folders, and the dev sets in ../shared/ "
            "where present); install coopanalysis from a clone (pip install -e .) and run it there"
        )
    spec = importlib.util.spec_from_file_location(
        HARNESS, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    assert spec is not None and spec.loader is not None  # a file location always has a loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[HARNESS] = module
    spec.loader.exec_module(module)
    return module


def _evaluate() -> int:
    harness = evaluation_harness()
    table = harness.evaluate_sets()
    for column in ("recall", "precision", "measure_agreement", "kind_agreement"):
        table[column] = table[column].map(lambda x: f"{x:.1%}")
    print(table.drop(columns="note").to_string(index=False))
    for row in table.itertuples():
        print(f"  {row.set}: {row.note}")
    sets = {one.name: one for one in harness.default_sets()}
    for title, names in (
        ("dev sets", ("dev set", "dev set vi")),
        ("held-out sets, never tuned to", ("held-out", "held-out vi")),
    ):
        chosen = [sets[name] for name in names if name in sets]
        if chosen:
            bands = harness.calibration(chosen)
            bands["share_right"] = bands["share_right"].map(lambda x: "-" if x != x else f"{x:.1%}")
            print(f"\nCalibration on the {title} (right: value, measure, kind, period and scope as the reader's):")
            print(bands.to_string(index=False))
    return SUCCESS
