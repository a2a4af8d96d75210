"""The report run end to end: outputs, reproducibility, failures, links, escaping, and the reuse of
reports whose inputs are unchanged."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, add_article, read_rows, write_rows
from conftest import run_cli as coopanalysis
from coopanalysis.run.cache import CACHE
from coopanalysis.run.config import load_jobs
from coopanalysis.run.outputs import MARKER
from coopanalysis.run.verify import compare_trees

FIXTURES = Path(__file__).parent / "fixtures"


def executed(stderr: str) -> set[str]:
    """The reports a run executed, from its progress lines ("[2/7] name: ok (3.1 s)")."""
    return set(re.findall(r"^\[\d+/\d+\] (\S+): ok", stderr, re.MULTILINE))


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def full_run(first_run) -> Path:
    return first_run / "outputs"


def test_full_run_writes_every_output(full_run):
    jobs = load_jobs(ROOT / "notebooks" / "reports.toml")
    assert len(jobs) == 3 + 5  # one profile per province
    files = set(tree(full_run))
    for job in jobs:
        assert f"notebooks/{job.name}.ipynb" in files and f"reports/{job.name}.html" in files
    for article in ("nghe-an-2012", "lang-son-2024", "tra-vinh-2023", "quang-ninh-2024", "quang-tri-2024"):
        assert f"articles/{article}.html" in files
    assert {
        "reports/index.html",
        "SHA256SUMS",
        "tables/figures.csv",
        "tables/indicators.csv",
        "tables/indicators_wide.csv",
        "tables/datapackage.json",
        "charts/members_per_organization.png",
    } <= files


def test_checksums_cover_every_other_file(full_run):
    listed = {}
    for line in (full_run / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        listed[name] = digest
    assert set(listed) == set(tree(full_run)) - {"SHA256SUMS", CACHE}  # the run's cache is no output
    check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=full_run, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert all(hashlib.sha256((full_run / n).read_bytes()).hexdigest() == d for n, d in listed.items())


def test_outputs_carry_no_machine_paths_or_run_details(full_run):
    for name, data in tree(full_run).items():
        if name.endswith(".png"):
            continue
        text = data.decode("utf-8")
        for volatile in (str(full_run.parent), str(ROOT), "ipykernel_", '"start_time"', '"duration"', "/tmp/"):
            assert volatile not in text, f"{volatile!r} in {name}"


def test_a_run_writes_the_committed_outputs_byte_for_byte(full_run):
    """Reproducible: this run, on another machine at another time than the run that wrote outputs/,
    writes the same bytes (what `coopanalysis verify` checks, here without a run of its own)."""
    committed = ROOT / "outputs"
    assert compare_trees(committed, full_run) == [], "outputs/ is stale: run `make report` and commit it"
    assert {n: d for n, d in tree(full_run).items() if n != CACHE} == {
        n: d for n, d in tree(committed).items() if n != CACHE
    }


def test_only_reruns_one_report_and_keeps_the_rest_as_written(full_run, tmp_path):
    out = tmp_path / "outputs"
    shutil.copytree(full_run, out)
    (out / "notebooks" / "01-article-figures.ipynb").write_text("stale")  # edited since its run
    result = coopanalysis("run", "--out", str(out), "--only", "04-data-quality", "--rerun")
    assert result.returncode == 0, result.stderr
    # The others are kept as their run wrote them; one edited since is executed again, never vouched for.
    assert set(re.findall(r"\] (\S+): ok", result.stderr)) == {"04-data-quality", "01-article-figures"}
    assert "1 kept report(s) differ from what their run wrote: executed again" in result.stderr
    # --rerun executes the report; the pages that are no notebooks, unchanged and as recorded, are kept.
    assert "tables, charts and article pages unchanged since the last run: reused" in result.stderr
    assert tree(out) == tree(full_run)


def test_only_with_unknown_name_lists_known_reports(tmp_path):
    result = coopanalysis("run", "--out", str(tmp_path / "o"), "--only", "nope")
    assert result.returncode == 2
    assert "unknown report 'nope' for --only; known: 01-article-figures, 02-cross-province-indicators" in result.stderr
    assert not (tmp_path / "o").exists()


def test_bad_parameter_fails_clearly_and_keeps_previous_outputs(full_run, tmp_path):
    out = tmp_path / "outputs"
    shutil.copytree(full_run, out)
    before = tree(out)
    result = coopanalysis("run", "--out", str(out), "--config", str(FIXTURES / "unknown_province.toml"))
    assert result.returncode == 1
    assert (
        "report profile-of-atlantis (03-province-profile.ipynb) failed at In [3] ('import coopanalysis as ca'): "
        "ParameterError: unknown province 'Atlantis'; the articles name: Lang Son, Nghe An, Quang Ninh, Quang Tri, "
        "Vinh Long"
    ) in result.stderr
    assert tree(out) == before
    kept = tmp_path / "outputs.failed" / "profile-of-atlantis.ipynb"
    assert kept.is_file() and "ParameterError" in kept.read_text()


def test_misspelled_parameter_is_refused_before_running(tmp_path):
    result = coopanalysis("run", "--out", str(tmp_path / "o"), "--config", str(FIXTURES / "misspelled_parameter.toml"))
    assert result.returncode == 2
    assert (
        "unknown parameter(s) provinse for 03-province-profile.ipynb; it declares: analysis, article_links, "
        "corpora, proposals, province"
    ) in result.stderr


def test_notebook_failing_midway_names_cell_and_error(tmp_path):
    out = tmp_path / "outputs"
    out.mkdir()
    (out / MARKER).write_text("an earlier run's outputs")
    (out / "previous.txt").write_text("kept")
    result = coopanalysis("run", "--out", str(out), "--config", str(FIXTURES / "fails_in_second_cell.toml"))
    assert result.returncode == 1
    assert (
        "report fails-in-second-cell (fails_in_second_cell.ipynb) failed at In [4] "
        "('raise ZeroDivisionError(\"second cell divides by zero on purpose\")'): "
        "ZeroDivisionError: second cell divides by zero on purpose"
    ) in result.stderr
    assert tree(out) == {MARKER: b"an earlier run's outputs", "previous.txt": b"kept"}
    kept = (tmp_path / "outputs.failed" / "fails-in-second-cell.ipynb").read_text()
    assert "first cell ran" in kept and "never reached" in kept and kept.count('"output_type": "error"') == 1
    assert not list(tmp_path.glob(".outputs-build-*"))  # the temporary build is removed


def test_what_a_kernel_process_writes_itself_stays_out_of_the_log_unless_it_dies(tmp_path, monkeypatch):
    config = str(FIXTURES / "writes_to_its_process.toml")
    result = coopanalysis("run", "--out", str(tmp_path / "outputs"), "--config", config)
    assert result.returncode == 0, result.stderr
    # Nothing but progress: neither the kernel's own output nor papermill's warning of the parameters the
    # run gives every report (corpora, proposals, analysis) that this notebook does not declare.
    assert re.sub(r"\[1/1\] writes-to-its-process: ok \([\d.]+ s\)\n", "", result.stderr) == "", result.stderr
    monkeypatch.setenv("KERNEL_ENDS_HERE", "1")
    died = coopanalysis("run", "--out", str(tmp_path / "again"), "--config", config)
    assert died.returncode == 75, died.stderr
    # Whichever sees the death first (the run watching its kernels, or the worker) names the report and
    # quotes the kernel's log.
    assert re.search(
        r"report writes-to-its-process( \(writes_to_its_process\.ipynb\))?: its kernel died; killed, or out of "
        r"memory \(its kernel's last words: the last line before it was killed\)",
        died.stderr,
    ), died.stderr


def test_report_pages_are_html_with_no_empty_element_written_as_xml(full_run):
    # "<a ... />" is no empty link in HTML: a browser takes everything after it into the link.
    for page in (full_run / "reports").glob("*.html"):
        text = page.read_text()
        assert not re.search(r"<(?:a|div|span|p|td|th|h[1-6])\b[^>]*/>", text), page.name
        assert '<a class="anchor-link"' in text or page.name == "index.html", page.name


def test_every_report_link_resolves_to_an_anchor(full_run):
    pages = list((full_run / "reports").glob("*.html")) + list((full_run / "articles").glob("*.html"))
    anchors = {path.resolve(): set(re.findall(r'id="([^"]+)"', path.read_text())) for path in pages}
    links = 0
    for page in pages:
        for href in re.findall(r'href="([^"]+)"', page.read_text()):
            href = html.unescape(href)
            if href.startswith(("http", "https")) or (href.startswith("#") and page.parent.name != "articles"):
                continue
            target, _, anchor = href.partition("#")
            resolved = (page.parent / target).resolve() if target else page
            assert resolved.is_file(), f"{page.name}: {href}"
            if anchor:
                assert anchor in anchors[resolved], f"{page.name}: {href}"
                links += 1
    figures = len(read_rows(ROOT / "seeds" / "figures.csv")[1])
    assert links >= figures * 2  # every figure is linked from its article page and from the reports


def test_article_text_is_escaped_in_every_page(seed_copy, tmp_path):
    seeds = seed_copy / "seeds"
    text = "Province report <script>alert('x')</script> & more: the province has 12 cooperatives <b>now</b>.\n"
    (seeds / "articles" / "900_script.txt").write_text(text)
    with open(seeds / "articles.sha256", "a") as listing:
        listing.write(f"{hashlib.sha256(text.encode()).hexdigest()}  900_script.txt\n")
    header, rows = read_rows(seeds / "articles.csv")
    rows.append(
        {
            **rows[0],
            "article_id": "ha-giang-2024",
            "file": "900_script.txt",
            "province": "Ha Giang",
            "title": "<i>Title</i> & co",
            "source": "<script>src</script>",
        }
    )
    write_rows(seeds / "articles.csv", header, rows)
    header, rows = read_rows(seeds / "figures.csv")
    rows.append(
        {
            **rows[0],
            "figure_id": "ha-giang-2024-f01",
            "article_id": "ha-giang-2024",
            "number": "",
            "quote": "has 12 cooperatives <b>now",
            "measure": "cooperatives",
            "note": "<em>note</em>",
            "scope": "province",
        }
    )
    write_rows(seeds / "figures.csv", header, rows)
    out = tmp_path / "outputs"
    result = coopanalysis(
        "run", "--out", str(out), "--config", str(FIXTURES / "article_figures_only.toml"), root=seed_copy
    )
    assert result.returncode == 0, result.stderr
    for page in [
        out / "articles" / "ha-giang-2024.html",
        out / "reports" / "01-article-figures.html",
        out / "reports" / "index.html",
    ]:
        content = page.read_text()
        assert "<script>alert" not in content and "<script>src" not in content and "<b>now" not in content, page.name
        assert "<i>Title</i>" not in content, page.name
    article = (out / "articles" / "ha-giang-2024.html").read_text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in article  # as the templates escape it
    assert 'id="ha-giang-2024-f01"' in article


@pytest.mark.parametrize("switch", [[], ["--proposals"]], ids=["reviewed only", "with proposals"])
def test_proposals_are_left_out_and_counted_or_shown_marked(seed_copy, tmp_path, switch):
    seeds = seed_copy / "seeds"
    header, rows = read_rows(seeds / "figures.csv")
    rows.append(
        {
            **rows[0],
            "figure_id": "lang-son-2024-f90",
            "article_id": "lang-son-2024",
            "number": "",
            "quote": "over 26% are rated as good or excellent",
            "measure": "cooperatives_rated_good",
            "kind": "share_pct",
            "period": "2024",
            "scope": "district:Bac Son",
            "note": "",
            "status": "unreviewed",
        }
    )
    rows = [row for row in rows if row["figure_id"] != "lang-son-2024-f26"]  # the reviewed row of the same quote
    write_rows(seeds / "figures.csv", header, rows)
    out = tmp_path / "outputs"
    result = coopanalysis(
        "run", "--out", str(out), "--config", str(FIXTURES / "article_figures_only.toml"), *switch, root=seed_copy
    )
    assert result.returncode == 0, result.stderr
    report = (out / "reports" / "01-article-figures.html").read_text()
    index = (out / "reports" / "index.html").read_text()
    figures_table = (out / "tables" / "figures.csv").read_text()
    if switch:
        assert 'class="proposed"' in report and "lang-son-2024-f90" in figures_table
        assert "1 of them proposed by the extractor and not yet reviewed (marked)" in index
    else:
        assert "1 figure proposed by the extractor and not yet reviewed is left out" in report
        assert 'class="proposed"' not in report and "lang-son-2024-f90" not in figures_table
        assert "1 more proposed by the extractor and not yet reviewed is left out" in index


@pytest.mark.parametrize("depth,transport", [(1, "ipc"), (12, "tcp")])
def test_kernels_use_unix_sockets_unless_the_temporary_directory_is_too_deep(tmp_path, depth, transport):
    from coopanalysis.run.workers import RunKernelManager

    run_dir = tmp_path.joinpath(*["nested-folder"] * depth)  # 12 levels: past the 107 bytes of a socket path
    manager = RunKernelManager(run_dir=str(run_dir), job="01-article-figures")
    assert manager.transport == transport
    assert manager.connection_file.startswith(str(run_dir))


# A report whose inputs are unchanged is not executed again, and the outputs are those of a full run.

ARTICLE = "Ha Giang province has 230 cooperatives; the average revenue per cooperative reached 1.2 billion VND/year."


@pytest.fixture
def first_run_copy(first_run, tmp_path) -> Path:
    """This test's own copy of the project after the first run (its seeds, analysis store and outputs)."""
    shutil.copytree(first_run, tmp_path, dirs_exist_ok=True, symlinks=True)
    return tmp_path


def test_adding_an_article_reruns_only_the_reports_it_touches(first_run_copy, tmp_path):
    out = tmp_path / "outputs"

    add_article(first_run_copy, "ha_giang.txt", ARTICLE.encode())
    header, rows = read_rows(first_run_copy / "seeds" / "figures.csv")
    rows.append(
        {
            **dict.fromkeys(header, ""),
            "figure_id": "ha-giang-2024-f01",
            "article_id": "ha-giang-2024",
            "quote": "the average revenue per cooperative reached 1.2 billion VND/year",
            "measure": "avg_revenue_per_cooperative",
            "kind": "level",
            "period": "2024",
            "scope": "province",
        }
    )
    rows.append(
        {
            **dict.fromkeys(header, ""),
            "figure_id": "ha-giang-2024-f02",
            "article_id": "ha-giang-2024",
            "quote": "Ha Giang province has 230 cooperatives",
            "measure": "cooperatives",
            "kind": "level",
            "period": "2024",
            "scope": "province",
        }
    )  # every number accounted for, or the run refuses the corpus
    write_rows(first_run_copy / "seeds" / "figures.csv", header, rows)

    incremental = coopanalysis("run", "--out", str(out), root=first_run_copy)
    assert incremental.returncode == 0, incremental.stderr
    # The pooled reports and the new profile of Tuyen Quang (which Ha Giang became part of); and the profiles
    # whose "where it stands" chart of average revenue per cooperative now shows Ha Giang beside them. Nghe An
    # and Vinh Long (Tra Vinh's) have no such value.
    assert executed(incremental.stderr) == {
        "01-article-figures",
        "02-cross-province-indicators",
        "04-data-quality",
        "03-province-profile-tuyen-quang",
        "03-province-profile-lang-son",
        "03-province-profile-quang-ninh",
        "03-province-profile-quang-tri",
    }
    assert "2 of 9 reports unchanged since the last run: reused" in incremental.stderr

    full = tmp_path / "full"
    rerun = coopanalysis("run", "--out", str(full), "--rerun", root=first_run_copy)
    assert rerun.returncode == 0, rerun.stderr
    assert len(executed(rerun.stderr)) == 9
    assert compare_trees(out, full) == []
    assert tree(out) == tree(full)  # the kept keys too

    again = coopanalysis("run", "--out", str(out), root=first_run_copy)
    assert again.returncode == 0, again.stderr
    assert executed(again.stderr) == set()
    assert "9 of 9 reports unchanged since the last run: reused" in again.stderr
    assert tree(out) == tree(full)


def test_a_changed_notebook_or_a_missing_output_is_executed_again(first_run_copy, tmp_path):
    out = tmp_path / "outputs"
    (out / "reports" / "04-data-quality.html").unlink()
    shutil.copytree(ROOT / "notebooks", first_run_copy / "notebooks")  # the project's own notebooks, then one edited
    profile = first_run_copy / "notebooks" / "03-province-profile.ipynb"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Province profile", "A province profile"), encoding="utf-8"
    )
    result = coopanalysis("run", "--out", str(out), root=first_run_copy)
    assert result.returncode == 0, result.stderr
    assert executed(result.stderr) == {
        "04-data-quality",
        *(f"03-province-profile-{p}" for p in ("lang-son", "nghe-an", "quang-ninh", "quang-tri", "vinh-long")),
    }
