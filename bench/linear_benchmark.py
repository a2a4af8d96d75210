"""Show that every command's cost grows linearly with its input: 1, 4 and 16 MB of articles.

Run with `make bench`. Prints one line per command and size: processor seconds (the work's own, so
that other work on a shared machine does not count), MB/s, and the time relative
to the 1 MB input (linear work gives about 4 and 16). Asserts nothing.

Inputs, built from the seed articles with their numbers shifted so that no two copies are equal:

* one text of N MB for the functions (``extract_figures``, ``find_quantities``), and the same
  amount written the way hostile input is: one paragraph of list items, digits separated by
  no-break spaces, the same article repeated, mostly one varied news sentence, "1 1 1 ...", a
  flattened table of small counts, "12, 12, ... respectively", "six hundred and ...", one sentence
  repeated, ranges chained "1-1-1-...", "compared to 2023 an increase of 5% ..." and eight varied
  numbers "... respectively." repeated (the last three were quadratic before every pattern was
  matched in a bounded window); and real articles of one kind in both languages (the English and
  the Vietnamese dev sets', where they are present), varied the same way;
* a copy of the project whose seeds hold N MB of articles (each under the article size limit)
  for the commands ``check``, ``extract DIR`` and ``run`` (one report, the article pages and tables);
* ``check`` on one article with 500, 2,000 and 8,000 figure rows whose quotes are missing (each
  row a problem; the work is linear in the rows, x4 and x16 again).
"""

from __future__ import annotations

import argparse
import csv
import gc
import hashlib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coopanalysis.articles.table import article_text, load_articles
from coopanalysis.base.paths import code_root, project_root, seeds_dir
from coopanalysis.base.text import normalize_text
from coopanalysis.extract import extract_figures
from coopanalysis.quantity.parse import find_quantities

SIZES_MB = (1, 4, 16)
MISSING_ROWS = (500, 2000, 8000)
ARTICLE_BYTES = 1024 * 1024  # each article of the command inputs: under the 2 MB limit


def seed_texts() -> list[tuple[str, str]]:
    return [(a.province, article_text(a.file)) for a in load_articles().itertuples()]


def dev_texts(folder: str) -> list[str]:
    """A dev set's articles (``devset``, ``devset-vi``), where it is present (its texts stay outside the project)."""
    articles = project_root().parent / "shared" / folder / "articles"
    return [normalize_text(path.read_text(encoding="utf-8")) for path in sorted(articles.glob("*.txt"))]


#: Real articles of one kind in both languages (search-tool captures of news pages): the same
#: density of statistics, so that their speeds per MB compare.
DEV_SHAPES = {"English dev articles": "devset", "Vietnamese dev articles": "devset-vi"}


# Clauses of one long news sentence: counts, money, shares and periods, with comparisons ("compared to").
_CLAUSES = (
    "{a} cooperatives in {y}, up {p}% compared to {y0}",
    "revenue of VND {m} billion in {y}, {p}% more than in {y0}",
    "{a} members compared to {b} in {y0}",
    "{a} new cooperative groups in the first half of {y}",
    "an average income of {m} million VND per person per month in {y}",
)


def _repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def hostile(shape: str, size: int) -> str | None:
    """``size`` characters of one of the shapes issue reports found slow (None: not a hostile shape)."""
    if shape == "one varied sentence":
        parts, total, i = ["In 2023 the province had "], 0, 0
        while total < size:
            year = 2000 + i % 25
            part = (
                _CLAUSES[i % len(_CLAUSES)].format(
                    a=10 + i * 7 % 9989, b=10 + i * 13 % 9989, p=1 + i % 98, m=1 + i * 3 % 998, y=year, y0=year - 1
                )
                + ", "
            )
            parts.append(part)
            total, i = total + len(part), i + 1
        return "".join(parts)[:size]
    if shape == "1 1 1 ...":
        return _repeated("1 ", size)
    if shape == "flattened table":
        rows, total, i = [], 0, 0
        while total < size:
            rows.append(" ".join(str(1 + (i * 7 + k * 13) % 59) for k in range(8)))
            total, i = total + len(rows[-1]) + 1, i + 1
        return "\n".join(rows)[:size]
    if shape == "12, 12, ... respectively":
        return "The provinces have " + _repeated("12, ", size) + "12 cooperatives respectively."
    if shape == "six hundred and ...":
        return _repeated("six hundred and ", size)
    if shape == "one sentence repeated":
        return _repeated("The province has 1,263 cooperatives with 44,377 members, up 5% compared to 2022. ", size)
    if shape == "1-1-1-...":
        return _repeated("1-", size)
    if shape == "compared to 2023 an increase of 5% ...":
        return _repeated("compared to 2023 an increase of 5% ", size)
    if shape == "eight varied numbers ... respectively.":
        numbers = ["12", "340", "5.6", "78", "9,100", "23", "4.5", "67"]
        return _repeated(
            "".join(
                f"The figures were {', '.join(numbers[k:] + numbers[:k][:-1])} and {numbers[k - 1]} "
                "cooperatives respectively. "
                for k in range(8)
            ),
            size,
        )
    return None


def text_of(megabytes: float, shape: str = "articles") -> str:
    """``megabytes`` of text in one of the shapes hostile or plain input takes."""
    size = int(megabytes * 1024 * 1024)
    made = hostile(shape, size)
    if made is not None:
        return made
    if shape == "list":
        item, parts, total, i = "{} cooperatives, ", [], 0, 0
        while total < size:
            parts.append(item.format(i))
            total += len(parts[-1])
            i += 1
        return "The province has " + "".join(parts)
    if shape == "no-break digits":
        return "\u00a0".join(str(i % 1000) for i in range(size // 3))[:size]
    texts = dev_texts(DEV_SHAPES[shape]) if shape in DEV_SHAPES else [t for _, t in seed_texts()]
    if shape == "repeated":
        return (texts[1] * (size // len(texts[1]) + 1))[:size]
    parts, total, copy = [], 0, 0
    while total < size:
        for text in texts:
            shifted = re.sub(r"\d{1,3}\b", lambda m, copy=copy: str(int(m.group(0)) + copy), text)
            parts.append(shifted)
            total += len(shifted)
        copy += 1
    return "\n".join(parts)[:size]


def timed(function) -> float:
    """The processor time ``function`` takes: other work on a shared machine does not count.

    The garbage of the work before is collected first, so that it is not counted in this one's."""
    gc.collect()
    started = time.process_time()
    function()
    return time.process_time() - started


def project_of(megabytes: int, root: Path) -> Path:
    """A copy of the project whose seeds hold ``megabytes`` of articles (plus the five seeds)."""
    shutil.copytree(seeds_dir(), root / "seeds")
    text = text_of(megabytes)
    seeds = root / "seeds"
    with open(seeds / "articles.csv", "a", encoding="utf-8") as table, open(seeds / "articles.sha256", "a") as sums:
        for n, start in enumerate(range(0, len(text), ARTICLE_BYTES)):
            data = text[start : start + ARTICLE_BYTES].encode("utf-8")
            name = f"bench_{n:03d}.txt"
            (seeds / "articles" / name).write_bytes(data)
            sums.write(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
            table.write(f"bench-{n:03d},{name},Lang Son,2024,benchmark,benchmark,,Benchmark article {n}\n")
    return root


def project_with_missing_quotes(rows: int, root: Path) -> Path:
    """A copy of the project with one article of ``rows`` sentences and as many figure rows whose quotes it lacks."""
    shutil.copytree(seeds_dir(), root / "seeds")
    seeds = root / "seeds"
    data = "".join(f"Sentence {i}: Ha Giang province has {i} cooperatives.\n" for i in range(rows)).encode("utf-8")
    (seeds / "articles" / "bench_missing.txt").write_bytes(data)
    with open(seeds / "articles.csv", "a", encoding="utf-8") as table, open(seeds / "articles.sha256", "a") as sums:
        sums.write(f"{hashlib.sha256(data).hexdigest()}  bench_missing.txt\n")
        table.write("bench-missing,bench_missing.txt,Ha Giang,2024,benchmark,benchmark,,Missing quotes,\n")
    with open(seeds / "figures.csv", "a", encoding="utf-8", newline="") as table:
        writer = csv.writer(table, lineterminator="\n")
        for i in range(rows):
            writer.writerow(
                [
                    f"bench-missing-f{i}",
                    "bench-missing",
                    f"a quote not in the text {i} cooperatives",
                    "",
                    "cooperatives",
                    "level",
                    "2024",
                    "",
                    "province",
                    "",
                    "",
                    "",
                ]
            )
    return root


def command(root: Path, *args: str) -> float:
    """The processor time a command takes (user and system, its own and its children's)."""
    env = {**os.environ, "COOPANALYSIS_ROOT": str(root)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "coopanalysis", *args], env=env, capture_output=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(name: str, seconds: dict[int, float]) -> None:
    base = next(iter(seconds.values()))
    cells = "  ".join(f"{mb:>2} MB {s:7.2f} s {mb / s:6.2f} MB/s x{s / base:5.1f}" for mb, s in seconds.items())
    print(f"{name:<44} {cells}", flush=True)


def report_rows(name: str, seconds: dict[int, float]) -> None:
    base = seconds[MISSING_ROWS[0]]
    cells = "  ".join(f"{rows:>5} rows {s:7.2f} s x{s / base:5.1f}" for rows, s in seconds.items())
    print(f"{name:<44} {cells}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shapes",
        nargs="+",
        metavar="SHAPE",
        help="measure only these shapes of extract_figures (e.g. '1 1 1 ...'), no command",
    )
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=int,
        default=SIZES_MB,
        metavar="MB",
        help="the sizes of the shapes, in MB (default 1 4 16; fewer on a busy machine)",
    )
    args = parser.parse_args()
    sizes = tuple(args.sizes)
    growth = f" (x = time relative to {sizes[0]} MB; linear is {', '.join(f'x{mb / sizes[0]:g}' for mb in sizes[1:])})"
    print(
        f"processor time for {', '.join(map(str, sizes))} MB{growth if len(sizes) > 1 else ''}; {os.cpu_count()} cores",
        flush=True,
    )
    extract_figures("warm up: Lang Son province has 12 cooperatives.")  # each language's tables compile once
    extract_figures("Tỉnh Lạng Sơn có 12 hợp tác xã.", lang="vi")
    shapes = [
        "articles",
        "list",
        "no-break digits",
        "repeated",
        "one varied sentence",
        "1 1 1 ...",
        "flattened table",
        "12, 12, ... respectively",
        "six hundred and ...",
        "one sentence repeated",
        "1-1-1-...",
        "compared to 2023 an increase of 5% ...",
        "eight varied numbers ... respectively.",
    ]
    shapes += [shape for shape, folder in DEV_SHAPES.items() if dev_texts(folder)]
    unknown = sorted(set(args.shapes or ()) - set(shapes))
    if unknown:
        parser.error(f"unknown shape {unknown[0]!r}; the shapes are: {', '.join(shapes)}")
    shapes = args.shapes or shapes
    for shape in shapes:
        texts = {mb: text_of(mb, shape) for mb in sizes}
        report(f"extract_figures ({shape})", {mb: timed(lambda t=t: extract_figures(t)) for mb, t in texts.items()})
        if shape == "articles":
            report("find_quantities (articles)", {mb: timed(lambda t=t: find_quantities(t)) for mb, t in texts.items()})
    if args.shapes:
        return 0
    config = code_root() / "tests" / "fixtures" / "article_figures_only.toml"
    with tempfile.TemporaryDirectory(prefix="coopanalysis-bench-") as tmp:
        roots = {mb: project_of(mb, Path(tmp) / f"p{mb}") for mb in SIZES_MB}
        report("coopanalysis check", {mb: command(r, "check") for mb, r in roots.items()})
        report(
            "coopanalysis extract DIR",
            {mb: command(r, "extract", str(r / "seeds" / "articles"), "--format", "csv") for mb, r in roots.items()},
        )
        report(
            "coopanalysis run (one report)",
            {mb: command(r, "run", "--config", str(config), "--out", str(r / "out")) for mb, r in roots.items()},
        )
    with tempfile.TemporaryDirectory(prefix="coopanalysis-bench-") as tmp:
        roots = {rows: project_with_missing_quotes(rows, Path(tmp) / f"r{rows}") for rows in MISSING_ROWS}
        report_rows("coopanalysis check (missing quotes)", {rows: command(r, "check") for rows, r in roots.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
