"""The review tool's decisions: each action on a real appended article, every refusal, and two reviewers at once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from conftest import ROOT, copy_seeds
from coopanalysis.articles.commit import corpus_lock
from coopanalysis.base.problems import SeedError
from coopanalysis.figures.check import check_seeds
from coopanalysis.figures.coverage import NON_STATISTIC_COLUMNS
from coopanalysis.figures.table import CORRECTION_COLUMNS, FIGURE_COLUMNS
from coopanalysis.review.actions import Accept, AcceptAll, Add, Delete, Drop, Edit, Refile
from coopanalysis.review.csvrows import read_table
from coopanalysis.review.decide import decide, find_article
from coopanalysis.review.effort import review_effort
from review_corpus import ARTICLE, TEXT, figure, review_project, rows

TABLES = ("figures.csv", "non_statistics.csv", "corrections.csv", "decisions.csv")


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    return review_project(tmp_path, monkeypatch)


def _snapshot(corpus: Path) -> dict[str, bytes | None]:
    return {name: (corpus / name).read_bytes() if (corpus / name).exists() else None for name in TABLES}


def _decide(corpus: Path, *decisions, **options):
    return decide(find_article(ARTICLE, [corpus]), list(decisions), **options)


def _clean(corpus: Path) -> None:
    _, problems = check_seeds(corpus)
    assert problems == []


def test_accept_reviews_the_row_and_rewrites_no_other_line(corpus):
    before = (corpus / "figures.csv").read_text(encoding="utf-8").splitlines()
    outcome = _decide(corpus, Accept(f"{ARTICLE}-p02"))
    after = (corpus / "figures.csv").read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(after) == len(before) and len(changed) == 1
    assert changed[0][1] == changed[0][0].removesuffix(",unreviewed") + ",reviewed"
    assert outcome.said == [f"accepted {ARTICLE}-p02"]
    (logged,) = rows(corpus / "decisions.csv")
    assert (logged["article_id"], logged["figure_id"], logged["action"]) == (ARTICLE, f"{ARTICLE}-p02", "accept")
    _clean(corpus)


def test_accepting_a_reviewed_row_writes_nothing(corpus):
    _decide(corpus, Accept(f"{ARTICLE}-p02"))
    before = _snapshot(corpus)
    assert _decide(corpus, Accept(f"{ARTICLE}-p02")).said == [f"{ARTICLE}-p02 was already reviewed"]
    assert _snapshot(corpus) == before


def test_accept_all_reviews_only_what_remains(corpus):
    _decide(corpus, Edit(f"{ARTICLE}-p05", (("period", "2023"),)))
    outcome = _decide(corpus, AcceptAll())
    assert outcome.said == ["accepted 8 remaining"]
    assert {row["status"] for row in rows(corpus / "figures.csv")} == {"reviewed"}
    assert figure(corpus, f"{ARTICLE}-p05")["period"] == "2023"
    _clean(corpus)


def test_edit_sets_the_fields_and_reviews_the_row(corpus):
    _decide(
        corpus,
        Edit(
            f"{ARTICLE}-p05",
            (
                ("period", "2023"),
                ("definition", "cooperatives of the programme"),
                ("note", "Supported under Decision No. 1804, in 2023."),
            ),
        ),
    )
    row = figure(corpus, f"{ARTICLE}-p05")
    assert (row["period"], row["definition"], row["status"]) == ("2023", "cooperatives of the programme", "reviewed")
    assert row["note"] == "Supported under Decision No. 1804, in 2023."
    _clean(corpus)
    effort = review_effort(corpus).iloc[0]
    assert (effort["corrected"], effort["corrected_period"], effort["corrected_definition"]) == (1, 1, 1)


def test_a_new_measure_keeps_the_correction_read_as_it(corpus):
    with open(corpus / "corrections.csv", "a", encoding="utf-8") as table:
        table.write(f"{ARTICLE}-p04,garbled_translation,members,members,The translation says members.\n")
    _decide(corpus, Edit(f"{ARTICLE}-p04", (("measure", "workers"),)))
    (correction,) = rows(corpus / "corrections.csv")
    assert correction["read_as"] == "workers" and figure(corpus, f"{ARTICLE}-p04")["measure"] == "workers"
    _clean(corpus)


def test_delete_makes_the_number_a_non_statistic_with_its_reason(corpus):
    outcome = _decide(corpus, Delete(f"{ARTICLE}-p01", "period", "The year of 'by the end of 2023', not an area."))
    assert figure(corpus, f"{ARTICLE}-p01") is None
    added = rows(corpus / "non_statistics.csv")[-1]
    assert (added["category"], added["reason"]) == ("period", "The year of 'by the end of 2023', not an area.")
    text = find_article(ARTICLE, [corpus]).text
    at = text.index(added["quote"])  # the quote covers the first "2023", the number deleted
    assert "2023" in added["quote"] and at <= text.index("2023") < at + len(added["quote"])
    assert "is now a non-statistic" in outcome.said[0]
    _clean(corpus)
    assert review_effort(corpus).iloc[0]["deleted"] == 1


def test_delete_also_removes_the_figures_correction(corpus):
    with open(corpus / "corrections.csv", "a", encoding="utf-8") as table:
        table.write(f"{ARTICLE}-p01,garbled_translation,area,cultivated_area,The text says area.\n")
    _decide(corpus, Delete(f"{ARTICLE}-p01", "period", "A year."))
    assert rows(corpus / "corrections.csv") == []
    _clean(corpus)


def test_add_takes_its_number_out_of_the_non_statistics(corpus):
    before = rows(corpus / "non_statistics.csv")
    outcome = _decide(
        corpus,
        Add(
            "The provincial union welcomed 2019 newcomers",
            (("measure", "union_members_admitted"), ("kind", "level"), ("period", "2023"), ("scope", "province")),
        ),
    )
    added = figure(corpus, f"{ARTICLE}-f01")
    assert (added["measure"], added["status"], added["quote"]) == (
        "union_members_admitted",
        "reviewed",
        "The provincial union welcomed 2019 newcomers",
    )
    after = rows(corpus / "non_statistics.csv")
    assert [r["quote"] for r in before if r not in after] == ["welcomed 2019"] and len(after) == len(before) - 1
    assert "taken out" in outcome.said[0]
    _clean(corpus)
    assert review_effort(corpus).iloc[0]["added"] == 1


def test_add_quotes_anew_the_other_numbers_a_removed_non_statistic_covered(corpus):
    text = (corpus / "non_statistics.csv").read_text(encoding="utf-8")
    # One row now covers two numbers: 2019 (the missed figure) and the 2023 after it.
    text = text.replace(f"{ARTICLE},welcomed 2019,", f"{ARTICLE},union welcomed 2019 newcomers in 2023.,")
    text = text.replace(f"{ARTICLE},in 2023,period,Proposed by the extractor: a year.\n", "")
    (corpus / "non_statistics.csv").write_text(text + f"{ARTICLE},billion in 2023,period,A year.\n", encoding="utf-8")
    _clean(corpus)
    _decide(
        corpus,
        Add(
            "welcomed 2019 newcomers",
            (("measure", "union_members_admitted"), ("kind", "level"), ("period", "2023"), ("scope", "province")),
        ),
    )
    quotes = {r["quote"]: r["category"] for r in rows(corpus / "non_statistics.csv")}
    assert "union welcomed 2019 newcomers in 2023." not in quotes
    assert any(
        q.endswith("2023") and "2019" not in q and quotes[q] == "period" for q in quotes if q != "billion in 2023"
    )
    _clean(corpus)


def test_an_added_figure_never_takes_the_id_of_a_deleted_one(corpus):
    add = Add(
        "The provincial union welcomed 2019 newcomers",
        (("measure", "union_members_admitted"), ("kind", "level"), ("period", "2023"), ("scope", "province")),
    )
    _decide(corpus, add, Delete(f"{ARTICLE}-f01", "period", "Added by mistake."), add)
    assert figure(corpus, f"{ARTICLE}-f02")["measure"] == "union_members_admitted"
    _clean(corpus)


# Refusals: nothing is written, and the reason names the file, the line and the fix.


@pytest.mark.parametrize(
    ("decision", "message"),
    [
        (Accept(f"{ARTICLE}-p99"), f"{ARTICLE} has no figure '{ARTICLE}-p99'"),
        (Accept("lang-son-2024-f01"), f"{ARTICLE} has no figure 'lang-son-2024-f01'"),  # another article's figure
        (Edit(f"{ARTICLE}-p02", (("status", "unreviewed"),)), "'status': not a column a reviewer sets"),
        (Edit(f"{ARTICLE}-p02", (("colour", "red"),)), "'colour': not a column a reviewer sets"),
        (Edit(f"{ARTICLE}-p02", (("measure", "colour"),)), "unknown measure 'colour'"),
        (Edit(f"{ARTICLE}-p02", (("period", "2023-13"),)), "2023-13"),
        (Edit(f"{ARTICLE}-p02", (("kind", "level"), ("base_period", "2022"))), "base_period is only for changes"),
        (Edit(f"{ARTICLE}-p02", (("quote", "650 cooperatives"),)), "widen the quote"),  # "over" outside the quote
        (Edit(f"{ARTICLE}-p02", (("scope", "district:Nowhere"),)), "district 'Nowhere' is not listed for Ha Giang"),
        (Delete(f"{ARTICLE}-p01", "period", " "), "say why it is not a statistic"),
        (Delete(f"{ARTICLE}-p01", "weather", "A year."), "unknown category 'weather'"),
        (
            Add(
                "admitted 2020 new members",
                (("measure", "members"), ("kind", "level"), ("period", "2023"), ("scope", "province")),
            ),
            "quote not found",
        ),
        (
            Add("in 2023", (("measure", "members"), ("kind", "level"), ("period", "2023"), ("scope", "province"))),
            "occurs 2 times",
        ),
        (
            Add("welcomed 2019 newcomers", (("kind", "level"), ("period", "2023"), ("scope", "province"))),
            "measure is empty",
        ),
    ],
)
def test_a_decision_check_refuses_writes_nothing(corpus, decision, message):
    before = _snapshot(corpus)
    with pytest.raises(SeedError) as refused:
        _decide(corpus, decision)
    assert message in str(refused.value)
    assert _snapshot(corpus) == before


def test_decisions_together_are_all_or_nothing(corpus):
    before = _snapshot(corpus)
    with pytest.raises(SeedError, match="unknown measure"):
        _decide(corpus, Accept(f"{ARTICLE}-p02"), Edit(f"{ARTICLE}-p03", (("measure", "colour"),)))
    assert _snapshot(corpus) == before


def test_a_refusal_names_the_line_the_row_is_on_in_the_corpus(corpus, tmp_path):
    from coopanalysis.review.proposals import append_proposals

    (tmp_path / "laichau.txt").write_text(
        "LAI CHAU - At the end of 2023 Lai Chau province had 250 cooperatives.\n", encoding="utf-8"
    )
    second, _ = append_proposals(tmp_path / "laichau.txt", seeds=corpus, published="2024-01-05")
    lines = (corpus / "figures.csv").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith(f"{second}-p01,"))
    assert line == 11
    with pytest.raises(SeedError) as refused:
        decide(find_article(second, [corpus]), [Edit(f"{second}-p01", (("measure", "colour"),))])
    assert f"corpora/test/figures.csv:{line}: {second}-p01: unknown measure 'colour'" in str(refused.value)


# Two reviewers at once: the corpus lock serializes their decisions, and neither loses the other's.


def test_a_second_reviewer_waits_for_the_first_and_both_decisions_land(corpus):
    waited, done = threading.Event(), threading.Event()

    def second() -> None:
        _decide(corpus, Edit(f"{ARTICLE}-p05", (("period", "2023"),)), waiting=waited.set)
        done.set()

    with corpus_lock(corpus):
        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(10) and not done.is_set()
        assert figure(corpus, f"{ARTICLE}-p05")["status"] == "unreviewed"  # nothing written while the first holds it
    thread.join(30)
    _decide(corpus, Accept(f"{ARTICLE}-p02"))
    assert (
        figure(corpus, f"{ARTICLE}-p05")["period"] == "2023"
        and figure(corpus, f"{ARTICLE}-p02")["status"] == "reviewed"
    )
    _clean(corpus)


def test_reviewers_racing_lose_no_decision(corpus):
    ids = [f"{ARTICLE}-p{n:02d}" for n in (2, 3, 4, 6, 7, 8)]
    errors = []

    def review(mine: list[str]) -> None:
        try:
            for figure_id in mine:
                _decide(corpus, Accept(figure_id))
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errors.append(error)

    threads = [threading.Thread(target=review, args=(ids[i::2],)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert all(figure(corpus, figure_id)["status"] == "reviewed" for figure_id in ids)
    assert len(rows(corpus / "decisions.csv")) == len(ids)
    _clean(corpus)


# The tables as text: an unchanged row is written back byte for byte.


@pytest.mark.parametrize("corpus_name", ["seeds", "corpora/news", "corpora/vi"])
def test_every_committed_table_reads_back_byte_for_byte(corpus_name):
    folder = ROOT / corpus_name
    for name, columns in (
        ("figures.csv", FIGURE_COLUMNS),
        ("corrections.csv", CORRECTION_COLUMNS),
        ("non_statistics.csv", NON_STATISTIC_COLUMNS),
    ):
        assert read_table(folder / name, columns, columns[:2]).text() == (folder / name).read_text(encoding="utf-8")


def test_a_changed_row_in_a_table_of_multi_line_quotes_changes_only_its_lines(tmp_path):
    path = tmp_path / "corpus" / "non_statistics.csv"
    path.parent.mkdir()
    original = (
        'article_id,quote,category,reason\r\na,"11:12\nTrà Vinh",date,"one, two"\r\n\r\n'
        "b,No. 5,document_number,x\r\nc,in 2023,period,y"
    )
    path.write_bytes(original.encode("utf-8"))
    table = read_table(path, NON_STATISTIC_COLUMNS, NON_STATISTIC_COLUMNS)
    assert table.text() == original and table.starts() == [2, 5, 6]
    table.rows[1].cells["reason"], table.rows[1].raw = "=1+1", ""
    assert table.text() == original.replace("b,No. 5,document_number,x\r\n", "b,No. 5,document_number,'=1+1\n")


# Non-statistics filed anew or dropped, and a deleted figure on a repeated line ---------------


def _appended(tmp_path: Path, monkeypatch, text: str, name: str) -> tuple[Path, str]:
    """A project (seeds/ copied) whose ``corpora/<name>`` holds ``text`` as the extractor appended it; the corpus and
    the article's id."""
    from coopanalysis.review.proposals import append_proposals

    root = tmp_path / "project"
    copy_seeds(root / "seeds")
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(root))
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    article_id, _ = append_proposals(tmp_path / f"{name}.txt", seeds=root / "corpora" / name, published="2024-01-05")
    return root / "corpora" / name, article_id


@pytest.fixture
def appended(tmp_path, monkeypatch) -> Path:
    """:data:`review_corpus.TEXT` appended, whatever the extractor now proposes in it."""
    corpus, _ = _appended(tmp_path, monkeypatch, TEXT, "test")
    return corpus


def _non_statistic(corpus: Path, words: str) -> dict[str, str]:
    (row,) = [r for r in rows(corpus / "non_statistics.csv") if r["article_id"] == ARTICLE and words in r["quote"]]
    return row


def test_a_non_statistic_is_filed_under_another_category(appended):
    quote = _non_statistic(appended, "1804")["quote"]
    outcome = _decide(appended, Refile("1804", "label", "The number of a label, not of a decision."))
    row = _non_statistic(appended, "1804")
    assert (row["quote"], row["category"], row["reason"]) == (
        quote,
        "label",
        "The number of a label, not of a decision.",
    )
    assert outcome.said == [f"filed {quote!r} as label"]
    assert rows(appended / "decisions.csv")[-1]["action"] == "refile"
    _clean(appended)


@pytest.mark.parametrize(
    "decision,message",
    [
        (Refile("1804", "stars", "?"), "unknown category 'stars'"),
        (Refile("no such words", "label"), "has no non-statistic quoted 'no such words'"),
        (Drop("1804"), "1804"),  # its number would be accounted for by nothing
    ],
)
def test_a_refile_or_drop_check_refuses_writes_nothing(appended, decision, message):
    before = _snapshot(appended)
    with pytest.raises(SeedError, match=message):
        _decide(appended, decision)
    assert _snapshot(appended) == before


def test_a_non_statistic_a_longer_one_also_covers_is_dropped(appended):
    row = _non_statistic(appended, "1804")
    wider = "Under Decision No. 1804, the province"
    with open(appended / "non_statistics.csv", "a", encoding="utf-8", newline="") as handle:
        handle.write(f'{ARTICLE},"{wider}",document_number,The decision\'s number.\n')
    _decide(appended, Drop(row["quote"]))
    assert [r["quote"] for r in rows(appended / "non_statistics.csv") if "1804" in r["quote"]] == [wider]
    _clean(appended)


REPEATED = (
    "CAO BANG - Provincial union news\n"
    "According to the report released by the provincial cooperative union this week the province counted "
    "140 cooperatives and 5,600 members at the end of last year as its chairman told the annual meeting\n"
    "The meeting in the provincial capital reviewed the work of the year.\n"
    "According to the report released by the provincial cooperative union this week the province counted "
    "140 cooperatives and 5,600 members at the end of last year as its chairman told the annual meeting\n"
    "The union plans more training in 2024.\n"
)


def test_deleting_the_figures_of_a_summary_line_the_body_repeats_quotes_past_the_line(tmp_path, monkeypatch):
    from coopanalysis.review.decide import inspect

    corpus, article_id = _appended(tmp_path, monkeypatch, REPEATED, "repeated")
    article = find_article(article_id, [corpus])
    figures = inspect(article).figures
    first_line_end = REPEATED.index("\nThe meeting")
    summary = sorted(figures.loc[figures["number_end"] <= first_line_end, "figure_id"])
    body = set(figures["figure_id"]) - set(summary)
    assert len(summary) == 2 and len(body) == 2
    decide(article, [Delete(figure_id, "site_boilerplate", "The summary repeats the body.") for figure_id in summary])
    assert set(inspect(article).figures["figure_id"]) == body
    _, problems = check_seeds(corpus)
    assert problems == []
