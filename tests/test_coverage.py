"""No number in the articles is silently missed: each is a figure or a listed non-statistic."""

from __future__ import annotations

from conftest import read_rows, write_rows
from coopanalysis import check_coverage, check_figures, load_figures
from coopanalysis.figures.coverage import number_tokens


def test_every_number_in_every_seed_article_is_accounted_for():
    uncovered, problems = check_coverage(load_figures())
    assert problems == []
    assert uncovered == [], "\n".join(f"{u.article_id}:{u.line} {u.token!r} in …{u.context}…" for u in uncovered)


def test_number_tokens_finds_digits_and_words():
    tokens = [t for _, _, t in number_tokens("six members, 1,981 groups, Z121 and double")]
    assert tokens == ["six", "1", "981", "121", "double"]


def test_a_dropped_figure_is_reported_as_uncovered(seed_copy):
    path = seed_copy / "seeds" / "figures.csv"
    header, rows = read_rows(path)
    write_rows(path, header, [r for r in rows if r["figure_id"] != "quang-tri-2024-f05"])
    figures, _ = check_figures(seed_copy / "seeds")
    uncovered, _ = check_coverage(figures, seed_copy / "seeds")
    assert [(u.article_id, u.line, u.token) for u in uncovered] == [("quang-tri-2024", 5, "27")]


def test_a_non_statistic_may_not_hide_a_figure(seed_copy):
    path = seed_copy / "seeds" / "non_statistics.csv"
    header, rows = read_rows(path)
    rows.append({"article_id": "quang-tri-2024", "quote": "loans to 27 projects", "category": "label", "reason": "x"})
    write_rows(path, header, rows)
    figures, _ = check_figures(seed_copy / "seeds")
    _, problems = check_coverage(figures, seed_copy / "seeds")
    assert [str(p) for p in problems] == [
        (
            f"seeds/non_statistics.csv:{len(rows) + 1}: quote covers the number of figure quang-tri-2024-f05; "
            "make it more specific"
        )
    ]


def test_a_bare_number_is_not_a_valid_non_statistic(seed_copy):
    path = seed_copy / "seeds" / "non_statistics.csv"
    header, rows = read_rows(path)
    rows.append({"article_id": "quang-tri-2024", "quote": "2023", "category": "period", "reason": "year"})
    write_rows(path, header, rows)
    _, problems = check_coverage(load_figures(), seed_copy / "seeds")
    assert any("needs the words around the number" in str(p) for p in problems)


def test_every_category_the_extractor_writes_is_one_check_accepts():
    """A non-statistic the extractor proposes must pass `check`: else an append is refused."""
    import csv

    from coopanalysis.base.paths import DATA_DIR
    from coopanalysis.figures.coverage import NON_STATISTIC_CATEGORIES

    with open(DATA_DIR / "extract" / "non_statistics.csv", encoding="utf-8", newline="") as f:
        written = {row["category"] for row in csv.DictReader(f)}
    assert written and written <= set(NON_STATISTIC_CATEGORIES), written - set(NON_STATISTIC_CATEGORIES)
