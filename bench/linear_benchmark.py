"""Show that every command's cost grows linearly with its input: 1, 4 and 16 MB of articles.

Run with `make bench`. Prints one line per command and size: seconds, MB/s, and the time relative
to the 1 MB input (linear work gives about 4 and 16). Asserts nothing.

Inputs, built from the seed articles with their numbers shifted so that no two copies are equal:

* one text of N MB for the functions (``extract_figures``, ``find_quantities``), and the same
  amount written the way hostile input is: one paragraph of list items, digits separated by
  no-break spaces, the same article repeated;
* a copy of the project whose seeds hold N MB of articles (each under the article size limit)
  for the commands ``check``, ``extract DIR`` and ``run`` (one report, the article pages and tables);
* ``check`` on one article with 500, 2,000 and 8,000 figure rows whose quotes are missing (each
  row a problem; the work is linear in the rows, x4 and x16 again).
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coopanalysis.articles.table import article_text, load_articles
from coopanalysis.base.paths import code_root, seeds_dir
from coopanalysis.extract import extract_figures
from coopanalysis.quantity.parse import find_quantities

SIZES_MB = (1, 4, 16)
MISSING_ROWS = (500, 2000, 8000)
ARTICLE_BYTES = 1024 * 1024  # each article of the command inputs: under the 2 MB limit


def seed_texts() -> list[tuple[str, str]]:
    return [(a.province, article_text(a.file)) for a in load_articles().itertuples()]


def text_of(megabytes: float, shape: str = "articles") -> str:
    """``megabytes`` of text in one of the shapes hostile or plain input takes."""
    size = int(megabytes * 1024 * 1024)
    if shape == "list":
        item, parts, total, i = "{} cooperatives, ", [], 0, 0
        while total < size:
            parts.append(item.format(i))
            total += len(parts[-1])
            i += 1
        return "The province has " + "".join(parts)
    if shape == "no-break digits":
        return "\u00a0".join(str(i % 1000) for i in range(size // 3))[:size]
    texts = [t for _, t in seed_texts()]
    if shape == "repeated":
        return (texts[1] * (size // len(texts[1]) + 1))[:size]
    parts, total, copy = [], 0, 0
    while total < size:
        for text in texts:
            shifted = re.sub(r"\d{1,3}\b", lambda m: str(int(m.group(0)) + copy), text)
            parts.append(shifted)
            total += len(shifted)
        copy += 1
    return "\n".join(parts)[:size]


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def project_of(megabytes: int, root: Path) -> Path:
    """A copy of the project whose seeds hold ``megabytes`` of articles (plus the five seeds)."""
    shutil.copytree(seeds_dir(), root / "seeds")
    text = text_of(megabytes)
    seeds = root / "seeds"
    with open(seeds / "articles.csv", "a", encoding="utf-8") as table, open(seeds / "articles.sha256", "a") as sums:
        for n, start in enumerate(range(0, len(text), ARTICLE_BYTES)):
            data = text[start:start + ARTICLE_BYTES].encode("utf-8")
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
            writer.writerow([f"bench-missing-f{i}", "bench-missing", f"a quote not in the text {i} cooperatives", "",
                             "cooperatives", "level", "2024", "", "province", "", "", ""])
    return root


def command(root: Path, *args: str) -> float:
    env = {**os.environ, "COOPANALYSIS_ROOT": str(root)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "coopanalysis", *args], env=env, capture_output=True, check=False)
    return time.perf_counter() - started


def report(name: str, seconds: dict[int, float]) -> None:
    base = seconds[SIZES_MB[0]]
    cells = "  ".join(f"{mb:>2} MB {s:7.2f} s {mb / s:6.2f} MB/s x{s / base:5.1f}" for mb, s in seconds.items())
    print(f"{name:<34} {cells}", flush=True)


def report_rows(name: str, seconds: dict[int, float]) -> None:
    base = seconds[MISSING_ROWS[0]]
    cells = "  ".join(f"{rows:>5} rows {s:7.2f} s x{s / base:5.1f}" for rows, s in seconds.items())
    print(f"{name:<34} {cells}", flush=True)


def main() -> int:
    print(f"time for 1, 4 and 16 MB (x = time relative to 1 MB; linear is x4 and x16); {os.cpu_count()} cores", flush=True)
    extract_figures("warm up: Lang Son province has 12 cooperatives.")
    for shape in ("articles", "list", "no-break digits", "repeated"):
        texts = {mb: text_of(mb, shape) for mb in SIZES_MB}
        report(f"extract_figures ({shape})", {mb: timed(lambda t=t: extract_figures(t)) for mb, t in texts.items()})
        if shape == "articles":
            report("find_quantities (articles)", {mb: timed(lambda t=t: find_quantities(t)) for mb, t in texts.items()})
    config = code_root() / "tests" / "fixtures" / "article_figures_only.toml"
    with tempfile.TemporaryDirectory(prefix="coopanalysis-bench-") as tmp:
        roots = {mb: project_of(mb, Path(tmp) / f"p{mb}") for mb in SIZES_MB}
        report("coopanalysis check", {mb: command(r, "check") for mb, r in roots.items()})
        report("coopanalysis extract DIR", {mb: command(r, "extract", str(r / "seeds" / "articles"), "--format", "csv")
                                            for mb, r in roots.items()})
        report("coopanalysis run (one report)", {mb: command(r, "run", "--config", str(config), "--out", str(r / "out"))
                                                 for mb, r in roots.items()})
    with tempfile.TemporaryDirectory(prefix="coopanalysis-bench-") as tmp:
        roots = {rows: project_with_missing_quotes(rows, Path(tmp) / f"r{rows}") for rows in MISSING_ROWS}
        report_rows("coopanalysis check (missing quotes)", {rows: command(r, "check") for rows, r in roots.items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
