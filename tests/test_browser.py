"""The reports as a reader opens them: headless Chromium (Debian's package) on the committed outputs/.

Asserts what a reader needs: the province in the profile's heading, no request to any other host,
every link and anchor resolving, no table showing a pandas index, and the search of long tables
working offline. Where Chromium is not installed the test cannot run: under CI that is a failure,
elsewhere a skip that says why.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT

OUTPUTS = ROOT / "outputs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def _open(browser, page_path: Path):
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_path.as_uri())
    page.wait_for_load_state("networkidle")
    return page, requests


def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["index", "03-province-profile-lang-son", "01-article-figures"])
def test_a_page_loads_nothing_from_another_host_and_every_link_resolves(browser, name):
    path = OUTPUTS / "reports" / f"{name}.html"
    page, requests = _open(browser, path)
    assert all(url.startswith(("file://", "blob:")) for url in requests), requests
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    assert hrefs
    for href in hrefs:
        url = urlparse(href)
        if url.scheme in ("http", "https"):
            continue  # the articles' sources: links for the reader, never loaded
        target = Path(unquote(url.path))
        assert target.is_file(), f"{name}: {href}"
        assert not url.fragment or url.fragment in _ids(target), f"{name}: {href}"
    assert page.locator("table.dataframe, tbody th").count() == 0  # no pandas index anywhere
    page.close()


def test_the_profile_is_headed_by_its_province(browser):
    # Profiles are of the 34 provinces since July 2025: the seeds' Tra Vinh article is Vinh Long's.
    page, _ = _open(browser, OUTPUTS / "reports" / "03-province-profile-vinh-long.html")
    assert page.locator("h1").all_inner_texts() == ["Province profile"]
    assert page.locator("p.subject").inner_text() == "Vĩnh Long (since July 2025: former Bến Tre, Trà Vinh, Vĩnh Long)"
    headings = page.locator("h2").all_inner_texts()
    assert headings[0] == "Key figures" and {"Indicators", "Across the July 2025 merger", "Every figure"} <= set(
        headings
    )
    # A section with nothing to show says so in a sentence: no value of Trà Vinh's is on another province's basis.
    assert page.locator("p.none", has_text="No other province has a value comparable").count() == 1
    page.close()
    page, _ = _open(browser, OUTPUTS / "reports" / "03-province-profile-lang-son.html")
    images = page.locator("figure.chart img")
    assert images.count() == 1 and images.get_attribute("alt").startswith("Where Lạng Sơn stands")
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
    page.close()


def test_the_index_maps_the_34_provinces_each_to_its_profile_or_no_figures_yet(browser):
    page, _requests = _open(browser, OUTPUTS / "reports" / "index.html")
    tiles = page.locator("nav.tiles .tile")
    assert tiles.count() == 34
    linked = page.locator("nav.tiles .tile a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert linked and all((OUTPUTS / "reports" / href).is_file() for href in linked)
    assert page.locator("nav.tiles .tile.empty", has_text="no figures yet").count() == 34 - len(linked)
    above = {
        name: page.locator("nav.tiles .tile", has_text=name).first.bounding_box()["y"] for name in ("Hà Nội", "Cà Mau")
    }
    assert above["Hà Nội"] < above["Cà Mau"]
    page.close()


def test_long_tables_are_searchable_offline(browser):
    page, _ = _open(browser, OUTPUTS / "reports" / "01-article-figures.html")
    page.wait_for_selector("table.dataTable")
    search = page.locator("input[type=search]").first
    search.fill("Bac Son")
    rows = page.locator("table.dataTable").first.locator("tbody tr:visible")
    assert 0 < rows.count() < 52 and all("Bac Son" in text for text in rows.all_inner_texts())
    page.close()
