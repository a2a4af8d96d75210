"""A review through the page, in headless Chromium, with the keyboard: accept, edit, delete, add; then `check` passes.

Where Chromium is not installed the test cannot run: under CI that is a failure, elsewhere a skip
that says why (as in test_browser.py).
"""

from __future__ import annotations

import os
import shutil
import threading

import pytest

from conftest import copy_seeds
from coopanalysis.figures.check import check_seeds
from coopanalysis.review.decide import find_article
from coopanalysis.review.server import ReviewServer
from review_corpus import ARTICLE, figure, review_project, rows

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Selects a quote of the article on the page, as a reviewer does with the mouse.
_SELECT = """quote => {
  const text = document.getElementById("text");
  const full = [...text.children].map((piece) => piece.textContent).join("");
  const start = full.indexOf(quote);
  const point = (offset) => {
    for (const piece of text.children) {
      const at = Number(piece.dataset.at);
      if (offset >= at && offset <= at + piece.textContent.length) return [piece.firstChild, offset - at];
    }
  };
  const range = document.createRange();
  range.setStart(...point(start));
  range.setEnd(...point(start + quote.length));
  window.getSelection().removeAllRanges();
  window.getSelection().addRange(range);
}"""


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        message = "Chromium is not installed (Debian: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def served(tmp_path, monkeypatch):
    corpus = review_project(tmp_path, monkeypatch)
    server = ReviewServer(find_article(ARTICLE, [corpus]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, corpus
    server.shutdown()
    server.server_close()


def _current(page) -> str:
    return page.eval_on_selector("#figures tr.current", "row => row.dataset.figure")


def _go(page, figure_id: str) -> None:
    """Move the selection to a figure with j and k, as a reviewer does."""
    order = page.eval_on_selector_all("#figures tr.figure", "rows => rows.map((row) => row.dataset.figure)")
    steps = order.index(figure_id) - order.index(_current(page))
    for _ in range(abs(steps)):
        page.keyboard.press("j" if steps > 0 else "k")
    assert _current(page) == figure_id


def _progress(page, expected: str) -> None:
    page.wait_for_function(
        "text => document.getElementById('progress').textContent === text", arg=expected, timeout=30_000
    )


def test_a_reviewer_reviews_an_article_with_the_keyboard(browser, served):
    server, corpus = served
    page = browser.new_page()
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url)
    page.wait_for_load_state("networkidle")
    assert page.locator("#progress").inner_text() == "0 of 9 reviewed"
    marks = page.eval_on_selector_all("#text mark", "marks => marks.map((mark) => mark.dataset.figure)")
    assert len(set(marks)) == 9  # every proposal highlighted in the text

    # Ordered by confidence: the first two are 0.90 proposals, right as they stand.
    first, second = page.eval_on_selector_all("#figures tr.figure", "rows => rows.map((row) => row.dataset.figure)")[:2]
    assert _current(page) == first and page.locator("#figures tr.current .badge").inner_text() == "0.90"
    page.keyboard.press("a")
    _progress(page, "1 of 9 reviewed")
    assert _current(page) == second  # the selection goes on to the next one to review
    page.keyboard.press("a")
    _progress(page, "2 of 9 reviewed")

    # Edit: the 45 supported cooperatives are of 2023 ("in 2023"), not of the article's date.
    _go(page, f"{ARTICLE}-p05")
    page.keyboard.press("e")
    assert page.evaluate("document.activeElement.name") == "measure"
    page.keyboard.press("Tab")  # kind
    page.keyboard.press("Tab")  # period
    page.keyboard.press("Control+a")
    page.keyboard.type("2023")
    page.keyboard.press("Enter")
    _progress(page, "3 of 9 reviewed")

    # Delete with a reason: "2023" read as an area is the year of "by the end of 2023".
    _go(page, f"{ARTICLE}-p01")
    page.keyboard.press("d")
    page.keyboard.press("ArrowDown")  # from "date" to "period"
    page.keyboard.press("Tab")
    page.keyboard.type("The year of 'by the end of 2023', not an area.")
    page.keyboard.press("Enter")
    _progress(page, "3 of 8 reviewed")

    # A refusal shows its reason and saves nothing: an unknown measure.
    _go(page, f"{ARTICLE}-p04")
    page.keyboard.press("e")
    page.keyboard.press("Control+a")
    page.keyboard.type("colour")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('errors').textContent.includes(\"unknown measure 'colour'\")")
    assert page.locator("#progress").inner_text() == "3 of 8 reviewed"
    page.keyboard.press("Escape")

    # Add the figure the extractor missed, by selecting its words in the text.
    page.evaluate(_SELECT, "The provincial union welcomed 2019 newcomers")
    page.keyboard.press("n")
    page.keyboard.type("union_members_admitted")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Control+a")
    page.keyboard.type("2023")
    page.keyboard.press("Enter")
    _progress(page, "4 of 9 reviewed")
    assert _current(page) == f"{ARTICLE}-f01"
    assert page.locator("#text mark[data-figure='ha-giang-2024-f01']").inner_text() == "2019"
    page.close()

    assert errors == []
    assert all(url.startswith(f"http://127.0.0.1:{server.server_port}/") for url in requests), requests
    _, problems = check_seeds(corpus)
    assert problems == []
    assert {figure(corpus, first)["status"], figure(corpus, second)["status"]} == {"reviewed"}
    assert (figure(corpus, f"{ARTICLE}-p05")["period"], figure(corpus, f"{ARTICLE}-p05")["status"]) == (
        "2023",
        "reviewed",
    )
    assert figure(corpus, f"{ARTICLE}-p04")["measure"] == "members"
    assert figure(corpus, f"{ARTICLE}-p01") is None
    deleted = rows(corpus / "non_statistics.csv")[-1]
    assert (deleted["category"], deleted["reason"]) == ("period", "The year of 'by the end of 2023', not an area.")
    added = figure(corpus, f"{ARTICLE}-f01")
    assert (added["quote"], added["measure"], added["period"], added["status"]) == (
        "The provincial union welcomed 2019 newcomers",
        "union_members_admitted",
        "2023",
        "reviewed",
    )
    assert [row["action"] for row in rows(corpus / "decisions.csv")] == ["accept", "accept", "edit", "delete", "add"]


@pytest.fixture
def served_as_read(tmp_path, monkeypatch):
    """:data:`review_corpus.TEXT` appended as the extractor now reads it, served for review."""
    from coopanalysis.review.proposals import append_proposals
    from review_corpus import TEXT

    root = tmp_path / "project"
    copy_seeds(root / "seeds")
    monkeypatch.setenv("COOPANALYSIS_ROOT", str(root))
    (tmp_path / "hagiang.txt").write_text(TEXT, encoding="utf-8")
    corpus = root / "corpora" / "test"
    article_id, _ = append_proposals(tmp_path / "hagiang.txt", seeds=corpus, published="2024-01-05")
    server = ReviewServer(find_article(article_id, [corpus]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, corpus
    server.shutdown()
    server.server_close()


def test_a_reviewer_files_a_struck_number_anew_and_cannot_drop_one_nothing_covers(browser, served_as_read):
    server, corpus = served_as_read
    page = browser.new_page()
    page.goto(server.url)
    page.click("s.rejected[data-quote*='1804']")
    page.select_option("#refiler [name=category]", "label")
    page.fill("#refiler [name=reason]", "A label of the decision, read as one.")
    page.click("#refiler button[value=save]")
    page.wait_for_function("() => document.getElementById('status').textContent.startsWith('saved')", timeout=30_000)
    (row,) = [r for r in rows(corpus / "non_statistics.csv") if "1804" in r["quote"]]
    assert (row["category"], row["reason"]) == ("label", "A label of the decision, read as one.")
    assert page.get_attribute("s.rejected[data-quote*='1804']", "data-category") == "label"
    before = (corpus / "non_statistics.csv").read_bytes()
    page.click("s.rejected[data-quote*='1804']")
    page.click("#refiler button[value=drop]")
    page.wait_for_function("() => document.getElementById('status').textContent.startsWith('refused')", timeout=30_000)
    assert (corpus / "non_statistics.csv").read_bytes() == before
    _, problems = check_seeds(corpus)
    assert problems == []
    page.close()
