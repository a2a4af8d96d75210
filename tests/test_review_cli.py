"""`coopanalysis review` for scripts: the page's actions as verbs, one-line errors, and the server stopped by Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request

import pytest

from conftest import run_cli as coopanalysis
from review_corpus import ARTICLE, TEXT, figure, rows


@pytest.fixture
def project(seed_copy, tmp_path):
    (tmp_path / "hagiang.txt").write_text(TEXT, encoding="utf-8")
    appended = coopanalysis(
        "extract",
        str(tmp_path / "hagiang.txt"),
        "--append",
        "--corpus",
        "corpora/test",
        "--published",
        "2024-01-05",
        root=seed_copy,
    )
    assert appended.returncode == 0, appended.stderr
    return seed_copy


def _review(project, *args: str):
    return coopanalysis("review", ARTICLE, "--corpus", "corpora/test", *args, root=project)


def test_a_review_from_a_script_through_every_verb(project):
    corpus = project / "corpora" / "test"
    result = _review(
        project,
        "--accept",
        f"{ARTICLE}-p02",
        f"{ARTICLE}-p03",
        "--set",
        f"{ARTICLE}-p05",
        "period=2023",
        "--delete",
        f"{ARTICLE}-p01",
        "--category",
        "period",
        "--reason",
        "The year of 'by the end of 2023'.",
        "--add",
        "The provincial union welcomed 2019 newcomers",
        "measure=union_members_admitted",
        "kind=level",
        "period=2023",
        "scope=province",
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0] == f"{ARTICLE}: added {ARTICLE}-f01 (its number was listed as a non-statistic "
        f"in 1 row(s), now taken out)"
    )
    assert result.stdout.splitlines()[-1] == f"{ARTICLE}: 4 of 9 reviewed"
    assert figure(corpus, f"{ARTICLE}-p05")["period"] == "2023" and figure(corpus, f"{ARTICLE}-p01") is None
    assert coopanalysis("check", "--corpus", "corpora/test", root=project).returncode == 0

    result = _review(project, "--accept-all", "--page", str(project / "review.html"))  # decided, then the page
    assert result.returncode == 0 and result.stdout.splitlines()[:2] == [
        f"{ARTICLE}: accepted 5 remaining",
        f"{ARTICLE}: 9 of 9 reviewed",
    ]
    page = (project / "review.html").read_text(encoding="utf-8")
    assert "9 of 9 reviewed" in page and "<script" not in page  # read-only: no keys, no token
    effort = coopanalysis("reviews", "--corpus", "corpora/test", root=project)
    assert (
        effort.returncode == 0
        and "9 proposals: 7 kept, 1 corrected, 1 deleted, 1 added by hand, 0 pending" in effort.stdout
    )
    assert "minutes of review over the 1 articles timed" in effort.stdout
    (row,) = rows(corpus / "reviews.csv")
    assert row["minutes"] != "" and row["started"] <= row["ended"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", f"{ARTICLE}-p05", "period"], "--set: 'period' is not COLUMN=VALUE"),
        (["--delete", f"{ARTICLE}-p01"], "--delete: say why: --category"),
        (["--set", f"{ARTICLE}-p05", "measure=colour"], "unknown measure 'colour'"),
        (["--accept", "ha-giang-2024-p42"], "ha-giang-2024 has no figure 'ha-giang-2024-p42'"),
        (["--non-statistic", "1804", "reason=why"], "--non-statistic: give QUOTE category=CATEGORY"),
        (["--non-statistic", "1804", "category=label", "colour=red"], "(colour is neither)"),
        (["--drop-non-statistic", "1804"], "1804"),
    ],
)
def test_a_refused_decision_is_one_message_and_exit_2(project, args, message):
    before = (project / "corpora" / "test" / "figures.csv").read_bytes()
    result = _review(project, *args)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert (project / "corpora" / "test" / "figures.csv").read_bytes() == before


def test_a_non_statistic_is_filed_anew_from_a_script(project):
    result = _review(project, "--non-statistic", "1804", "category=label", "reason=A label of the decision.")
    assert result.returncode == 0, result.stderr
    assert "filed" in result.stdout and "as label" in result.stdout
    (row,) = [r for r in rows(project / "corpora" / "test" / "non_statistics.csv") if "1804" in r["quote"]]
    assert (row["category"], row["reason"]) == ("label", "A label of the decision.")
    assert coopanalysis("check", "--corpus", "corpora/test", root=project).returncode == 0


def test_an_unknown_article_names_the_known_ones(project):
    result = coopanalysis("review", "ha-giang-2099", "--corpus", "corpora/test", "--accept-all", root=project)
    assert (
        result.returncode == 2
        and "no article 'ha-giang-2099' in corpora/test; the articles: ha-giang-2024" in result.stderr
    )


def test_the_server_prints_its_address_and_stops_on_ctrl_c(project):
    env = {**os.environ, "COOPANALYSIS_ROOT": str(project)}
    env.pop("DISPLAY", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "review", ARTICLE, "--corpus", "corpora/test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = server.stdout.readline()
        assert line.startswith(f"reviewing {ARTICLE} at http://127.0.0.1:"), line + server.stderr.read()
        url = line.split(" at ", 1)[1].strip()
        with urllib.request.urlopen(url, timeout=60) as response:
            assert response.status == 200 and b"0 of 9 reviewed" in response.read()
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=60)
    assert server.returncode == 0 and f"stopped reviewing {ARTICLE}; every decision made is saved" in stderr


def test_an_implausible_proposal_shows_its_check_on_the_page_and_the_live_page(seed_copy, tmp_path):
    # "120% of the cooperatives" is proposed as a share: no share is above 100%, so the page says so.
    (tmp_path / "implausible.txt").write_text(
        "HA GIANG - By the end of 2023, 120% of the cooperatives in Ha Giang province were rated good.\n",
        encoding="utf-8",
    )
    appended = coopanalysis(
        "extract",
        str(tmp_path / "implausible.txt"),
        "--append",
        "--corpus",
        "corpora/test",
        "--published",
        "2024-01-05",
        root=seed_copy,
    )
    assert appended.returncode == 0, appended.stderr
    flag = (
        '<p class="flag">share_out_of_range: Cooperatives rated good (share_pct) stated as &#39;120%&#39;: '
        "a share lies between 0% and 100%</p>"
    )
    result = _review(seed_copy, "--page", str(seed_copy / "review.html"))
    assert result.returncode == 0, result.stderr
    assert flag in (seed_copy / "review.html").read_text(encoding="utf-8")
    env = {**os.environ, "COOPANALYSIS_ROOT": str(seed_copy)}
    env.pop("DISPLAY", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "coopanalysis", "review", ARTICLE, "--corpus", "corpora/test"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = server.stdout.readline().split(" at ", 1)[1].strip()
        with urllib.request.urlopen(url, timeout=60) as response:
            assert flag in response.read().decode("utf-8")
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=60)


def test_a_plausible_proposal_has_no_flag(project):
    result = _review(project, "--page", str(project / "review.html"))
    assert result.returncode == 0 and 'class="flag"' not in (project / "review.html").read_text(encoding="utf-8")
