"""Bring a corpus's article texts from the folders its ``sources.toml`` names, checked against its checksums.

Other publishers' texts stay out of git: a corpus such as ``corpora/news/`` keeps what was
written about them (metadata, reviewed figures with their short quotes, checksums), and this step
copies the texts themselves into its ``articles/`` folder, which git ignores, the way a
data-versioning tool pulls what its pointer files name.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path

from ..base.paths import PathEscape, inside, project_root
from ..base.problems import Problem, SeedError, display_path
from ..base.readers import read_text
from ..base.writers import write_bytes
from .corpora import corpus_name, resolve_corpora

__all__ = ["fetch_texts", "fetched_corpora"]


def fetched_corpora() -> list[Path]:
    """Every corpus under ``corpora/`` whose texts come from elsewhere (it has a ``sources.toml``)."""
    return sorted(path.parent for path in (project_root() / "corpora").glob("*/sources.toml"))


def _sources(corpus: Path) -> list[Path]:
    listing = corpus / "sources.toml"
    text, problems = read_text(listing, corpus.parent)
    if text is None:
        raise SeedError(problems)
    try:
        folders = tomllib.loads(text).get("sources")
    except tomllib.TOMLDecodeError as error:
        raise SeedError([Problem(display_path(listing, corpus.parent), 0, f"not valid TOML: {error}")]) from None
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise SeedError([Problem(display_path(listing, corpus.parent), 0,
                                 'needs sources = ["folder", ...] (folders relative to the project)')])
    return [(project_root() / folder).resolve() for folder in folders]


def fetch_texts(corpora=None) -> list[str]:
    """Copy every text a corpus's ``articles.sha256`` lists from its sources; one line per corpus.

    A text already in place with the right checksum is left alone. Raises :class:`SeedError`
    naming each text that no source has, or that differs from its checksum at the source.
    """
    corpora = resolve_corpora(corpora) if corpora else fetched_corpora()
    lines, problems = [], []
    for corpus in corpora:
        if not (corpus / "sources.toml").is_file():
            lines.append(f"{corpus_name(corpus)}: its texts are its own (no sources.toml): nothing to fetch")
            continue
        sources = _sources(corpus)
        listing = corpus / "articles.sha256"
        name = display_path(listing, corpus.parent)
        text, found = read_text(listing, corpus.parent)
        if text is None:
            raise SeedError(found)
        copied = kept = 0
        for line_no, line in enumerate(text.splitlines(), start=1):
            digest, _, file = line.partition("  ")
            try:
                target = inside(corpus / "articles", file, "article file")
            except PathEscape as error:
                problems.append(Problem(name, line_no, str(error)))
                continue
            if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest:
                kept += 1
                continue
            data = _from_sources(sources, file)
            if data is None:
                problems.append(Problem(name, line_no, f"{file} is in none of the sources of {corpus_name(corpus)}/sources.toml; "
                                                       f"add the folder that holds it, then run `make corpus`"))
            elif hashlib.sha256(data).hexdigest() != digest:
                problems.append(Problem(name, line_no, f"{file} differs at its source from the text that was reviewed "
                                                       f"(checksum); restore the original text"))
            else:
                write_bytes(target, data)
                copied += 1
        lines.append(f"{corpus_name(corpus)}: {copied} texts fetched, {kept} already in place")
    if problems:
        raise SeedError(problems)
    return lines


def _from_sources(sources: list[Path], file: str) -> bytes | None:
    for source in sources:
        try:
            path = inside(source, file, "article file")
        except PathEscape:
            continue
        if path.is_file():
            return path.read_bytes()
    return None
