"""Benchmark the figure extractor: throughput and memory on a 5 MB corpus, against quantulum3.

Run with `make bench` (installs the `bench` extra). Prints figures; asserts nothing.

* ours: extract_figures over a synthetic corpus of at least 5 MB built from the seed articles
  (each article repeated with its numbers shifted, so no two copies are identical), article by
  article, on one core.
* a plain regular expression for numbers over the same corpus, as a floor for "just finding digits".
* quantulum3 over a sample of the corpus (it is about two orders of magnitude slower), and its
  number-detection recall and precision against seeds/figures.csv, beside ours.
"""

from __future__ import annotations

import re
import resource
import sys
import time
import tracemalloc
import warnings
from pathlib import Path

from coopanalysis.articles.table import article_text, load_articles
from coopanalysis.base.paths import seeds_dir
from coopanalysis.extract import extract_figures
from coopanalysis.figures.table import load_figures

TARGET_BYTES = 5 * 1024 * 1024
QUANTULUM_SAMPLE_BYTES = 64 * 1024


def corpus() -> list[str]:
    """Seed articles repeated with their numbers shifted until the corpus holds >= 5 MB."""
    texts = [article_text(a.file) for a in load_articles().itertuples()]
    documents, size, copy = [], 0, 0
    while size < TARGET_BYTES:
        for text in texts:
            shifted = re.sub(
                r"\d+",
                lambda m, copy=copy: str(int(m.group(0)) + copy % 7) if len(m.group(0)) < 4 else m.group(0),
                text,
            )
            documents.append(shifted)
            size += len(shifted.encode("utf-8"))
        copy += 1
    return documents


def megabytes(documents: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in documents) / 1024 / 1024


def timed(function, documents: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    found = sum(function(d) for d in documents)
    return time.perf_counter() - started, found


def quantulum_scores() -> tuple[float, float]:
    """Recall and precision of quantulum3's numbers against the curated figures (same span, same value)."""
    from quantulum3 import parser

    figures = load_figures()
    found = matched = proposed = 0
    for article in load_articles().itertuples():
        text = article_text(article.file)
        quantities = parser.parse(text)
        proposed += len(quantities)
        curated = figures[figures["article_id"] == article.article_id]
        for figure in curated.itertuples():
            hit = [q for q in quantities if q.span[0] < figure.number_end and figure.number_start < q.span[1]]
            values = {figure.value, figure.low, figure.high} - {float("nan")}
            if any(abs(q.value - v) <= 1e-9 * max(1.0, abs(v)) for q in hit for v in values if v == v):
                found += 1
        matched += sum(
            1
            for q in quantities
            if any(q.span[0] < f.number_end and f.number_start < q.span[1] for f in curated.itertuples())
        )
    return found / len(figures), matched / proposed


def main() -> int:
    documents = corpus()
    size = megabytes(documents)
    print(f"corpus: {len(documents)} articles, {size:.2f} MB")

    extract_figures(documents[0])  # warm caches (vocabulary, district table)
    seconds, figures = timed(lambda d: len(extract_figures(d)), documents)
    ours = size / seconds
    print(f"coopanalysis extract_figures: {seconds:.2f} s, {ours:.2f} MB/s, {figures} figures proposed")

    number = re.compile(r"\d[\d,.]*")
    seconds, numbers = timed(lambda d: len(number.findall(d)), documents)
    print(f"plain regular expression:     {seconds:.2f} s, {size / seconds:.2f} MB/s, {numbers} numbers found")

    tracemalloc.start()
    for document in documents[: max(1, len(documents) // 5)]:
        extract_figures(document)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    print(
        f"peak memory: {peak:.1f} MB traced while extracting (Python allocations), "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB maximum resident set of the process"
    )

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the checkout's evaluation/ harness
    from evaluation.scores import EvaluationSet, evaluate

    scores = evaluate(EvaluationSet("seeds", seeds_dir(), "corpus"))
    print(
        f"coopanalysis on the seeds: recall {scores['recall']:.1%}, precision {scores['precision']:.1%}, "
        f"measure agreement {scores['measure_agreement']:.1%}"
    )

    warnings.simplefilter("ignore")  # quantulum3 warns at import that its optional classifier is absent
    try:
        from quantulum3 import parser
    except ImportError:
        print("quantulum3 not installed: run `make bench` (installs the bench extra)")
        return 0
    parser.parse("warm up 12 cooperatives")
    sample, sample_size = [], 0
    for document in documents:
        if sample_size >= QUANTULUM_SAMPLE_BYTES:
            break
        sample.append(document)
        sample_size += len(document.encode("utf-8"))
    seconds, quantities = timed(lambda d: len(parser.parse(d)), sample)
    theirs = megabytes(sample) / seconds
    print(
        f"quantulum3 (on {megabytes(sample) * 1024:.0f} KB of the corpus): {seconds:.2f} s, {theirs:.4f} MB/s, "
        f"{quantities} quantities"
    )
    print(f"throughput ratio: coopanalysis / quantulum3 = {ours / theirs:.0f}x")
    recall, precision = quantulum_scores()
    print(
        f"quantulum3 on the seeds: number recall {recall:.1%} (same span and value), "
        f"precision {precision:.1%} (quantities that are curated figures)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
