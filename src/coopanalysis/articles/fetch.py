"""Bring a corpus's article texts from the folders its ``sources.toml`` names, checked against its checksums.

Other publishers' texts stay out of git: a corpus such as ``corpora/news/`` keeps what was
written about them (metadata, reviewed figures with their short quotes, checksums), and this step
copies the texts themselves into its ``articles/`` folder, which git ignores, the way a
data-versioning tool pulls what its pointer files name.
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from collections.abc import Sequence
from pathlib import Path

from ..base.paths import PathEscape, inside, project_root
from ..base.problems import Problem, SeedError, display_path
from ..base.readers import read_bytes, read_text
from ..base.writers import write_bytes
from .commit import corpus_lock, corpus_reading
from .corpora import corpus_name

__all__ = ["fetch_texts", "fetched_corpora"]


def fetched_corpora() -> list[Path]:
    """Every corpus under ``corpora/`` whose texts come from elsewhere (it has a ``sources.toml``)."""
    return sorted(path.parent for path in (project_root() / "corpora").glob("*/sources.toml"))


def _sources(corpus: Path) -> list[Path]:
    """The folders ``sources.toml`` names: relative to the project, inside it or the folder that holds it
    (where shared data sits beside the project); any other place (``/etc``, ``../../..``) is refused.

    The name is judged as written (``..`` taken away, links not followed): a data folder reached
    through a symbolic link the user made (``../shared`` a link to another disk) is used, and a
    text is then taken only from inside the folder the link leads to (never through a further link out).
    """
    listing = corpus / "sources.toml"
    text, problems = read_text(listing, corpus.parent)
    if text is None:
        raise SeedError(problems)
    try:
        folders = tomllib.loads(text).get("sources")
    except tomllib.TOMLDecodeError as error:
        raise SeedError([Problem(display_path(listing, corpus.parent), 0, f"not valid TOML: {error}")]) from None
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise SeedError(
            [
                Problem(
                    display_path(listing, corpus.parent),
                    0,
                    'needs sources = ["folder", ...] (folders relative to the project)',
                )
            ]
        )
    resolved = []
    for folder in folders:
        path, refusal = _source(folder)
        if path is None:
            raise SeedError([Problem(display_path(listing, corpus.parent), 0, refusal)])
        resolved.append(path)
    return resolved


def _source(folder: str) -> tuple[Path | None, str]:
    """One source folder, resolved, or why it is refused.

    Its root is the entry of the folder that holds the project that it is reached through (the
    project itself, or ``shared`` for ``../shared/articles``), with that entry's symbolic link
    followed: a link beside the project is the machine's set-up (data on another disk), made by
    its owner, while the project's own files come from its repository, so a link among them, or
    deeper in a source, that leads out of that root is refused.
    """
    project = Path(os.path.abspath(project_root()))
    holder = project.parent
    place = Path(os.path.normpath(project / folder))  # where the name leads before any link is followed
    if Path(folder).is_absolute() or not place.is_relative_to(holder):
        return None, (
            f"source {folder!r} is outside the project and the folder that holds it; "
            f'name a folder relative to the project, such as "../shared/articles"'
        )
    parts = place.relative_to(holder).parts
    root = (holder / parts[0]) if parts else holder
    try:
        path, allowed = place.resolve(), root.resolve()
    except (RuntimeError, OSError):  # a symbolic link loop
        return None, f"source {folder!r} is a symbolic link that leads back to itself (a loop)"
    if not path.is_relative_to(allowed):
        return None, (
            f"source {folder!r} leads outside {root.name}/ through a symbolic link inside it; "
            f"link {root.name} itself to the folder that holds the texts"
        )
    return path, ""


def fetch_texts(corpora: Sequence[Path] | None = None) -> list[str]:
    """Copy every text a corpus's ``articles.sha256`` lists from its sources; one line per corpus.

    ``corpora``: the corpus folders, resolved by the caller (:func:`coopanalysis.resolve_corpora`);
    default: every corpus under ``corpora/`` with a ``sources.toml``.

    A text already in place with the right checksum is left alone. A corpus with texts to bring is
    written under its lock (:func:`~coopanalysis.articles.commit.corpus_lock`), as an append writes
    it; one with every text in place is only read (it may be in a place nobody can write). Raises
    :class:`SeedError` naming each text that no source holds with its checksum (one message either
    way: nothing about other files).
    """
    corpora = list(corpora) if corpora else fetched_corpora()
    lines, problems = [], []
    for corpus in corpora:
        if not (corpus / "sources.toml").is_file():
            lines.append(f"{corpus_name(corpus)}: its texts are its own (no sources.toml): nothing to fetch")
            continue
        with corpus_reading(corpus):
            line, missing, to_copy = _fetch(corpus, write=False)
        if to_copy:
            with corpus_lock(corpus):
                line, missing, _ = _fetch(corpus, write=True)
        lines.append(line)
        problems += missing
    if problems:
        raise SeedError(problems)
    return lines


def _fetch(corpus: Path, write: bool) -> tuple[str, list[Problem], int]:
    """What fetching ``corpus`` says, the texts no source holds and how many texts are (or would be) copied."""
    sources = _sources(corpus)
    listing = corpus / "articles.sha256"
    name = display_path(listing, corpus.parent)
    text, problems = read_text(listing, corpus.parent)
    if text is None:
        raise SeedError(problems)
    copied = kept = 0
    for line_no, line in enumerate(text.splitlines(), start=1):
        digest, _, file = line.partition("  ")
        try:
            target = inside(corpus / "articles", file, "article file")
        except PathEscape as error:
            problems.append(Problem(name, line_no, str(error)))
            continue
        if target.is_file() and _digest(target, corpus) == digest:
            kept += 1
            continue
        data = _from_sources(sources, file, digest)
        if data is None:  # one message whether or not a file of that name exists: nothing is said about it
            problems.append(
                Problem(
                    name,
                    line_no,
                    f"{file}: none of the sources of {corpus_name(corpus)}/sources.toml "
                    f"holds the text that was reviewed (with this checksum); add the "
                    f"folder that holds it, then run `make corpus`",
                )
            )
        else:
            if write:
                write_bytes(target, data)
            copied += 1
    return f"{corpus_name(corpus)}: {copied} texts fetched, {kept} already in place", problems, copied


def _from_sources(sources: list[Path], file: str, digest: str) -> bytes | None:
    """The text of ``file`` from the first source that holds it with this checksum."""
    for source in sources:
        try:
            path = inside(source, file, "article file")
        except PathEscape:
            continue
        data, _ = read_bytes(path, source) if path.is_file() else (None, [])
        if data is not None and hashlib.sha256(data).hexdigest() == digest:
            return data
    return None


def _digest(path: Path, corpus: Path) -> str | None:
    data, _ = read_bytes(path, corpus.parent)  # a regular file within the size limit of an article, or none
    return hashlib.sha256(data).hexdigest() if data is not None else None
