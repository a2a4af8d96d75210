"""The index's tile map of the 34 provinces: laid out as data, each tile its profile or "no figures yet"."""

from __future__ import annotations

import os
import shutil

import pytest

import coopanalysis as ca
from coopanalysis.reports.pages import page
from coopanalysis.reports.tiles import grid, province_tiles, tile_grid


def test_every_one_of_the_34_provinces_is_placed_once_on_its_own_tile():
    names = [name for name, _, _ in grid()]
    assert sorted(names) == sorted(ca.provinces_2025()["name"]) and len(names) == len(set(names)) == 34
    cells = [(row, column) for _, row, column in grid()]
    assert len(set(cells)) == 34 and all(row >= 1 and column >= 1 for row, column in cells)


def test_the_map_runs_north_to_south():
    place = {name: (row, column) for name, row, column in grid()}
    assert (
        place["Cao Bang"][0]
        < place["Ha Noi"][0]
        < place["Thanh Hoa"][0]
        < place["Da Nang"][0]
        < place["Ho Chi Minh City"][0]
        < place["Ca Mau"][0]
    )
    assert place["Dien Bien"][1] < place["Ha Noi"][1] < place["Quang Ninh"][1]  # west to east in the north


@pytest.fixture(scope="module")
def seeds():
    figures = ca.load_figures()
    return ca.load_articles(), ca.figure_panel(figures)


def test_a_tile_links_to_its_profile_or_says_no_figures_yet(seeds):
    articles, panel = seeds
    tiles = {t.name: t for t in province_tiles({"Vinh Long": "03-province-profile-vinh-long.html"}, articles, panel)}
    vinh_long = tiles["Vinh Long"]  # the seeds' Tra Vinh article of July 2023 is Vinh Long's since July 2025
    assert (vinh_long.label, vinh_long.href, vinh_long.articles, vinh_long.latest) == (
        "Vĩnh Long",
        "03-province-profile-vinh-long.html",
        1,
        "2023-07",
    )
    assert vinh_long.headline == "165 cooperatives (Trà Vinh (now Vĩnh Long), Jul 2023)"
    assert (tiles["Cao Bang"].href, tiles["Cao Bang"].articles) == ("", 0)
    html = str(tile_grid({"Vinh Long": "03-province-profile-vinh-long.html"}, articles, panel))
    assert html.count('<div class="tile') == 34 and html.count("no figures yet") == 33
    assert '<a href="03-province-profile-vinh-long.html">Vĩnh Long</a>' in html


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_the_tiles_lie_as_on_the_map_in_a_browser(seeds, tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed (Debian: apt-get install chromium)")
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    articles, panel = seeds
    profiles = {"Vinh Long": "vl.html", "Lang Son": "ls.html", "Nghe An": "na.html"}
    path = tmp_path / "index.html"
    path.write_text(page("Tiles", str(tile_grid(profiles, articles, panel))), encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        view = browser.new_page(viewport={"width": 1000, "height": 1400})
        requests = []
        view.on("request", lambda request: requests.append(request.url))
        view.goto(path.as_uri())
        boxes = {
            name: view.locator(".tile", has_text=name).first.bounding_box()
            for name in ("Hà Nội", "Cao Bằng", "Cà Mau", "Lạng Sơn", "Điện Biên", "Thành phố Hồ Chí Minh")
        }
        links = view.locator(".tile a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        view.screenshot(path=str(tmp_path / "tiles.png"), full_page=True)
        browser.close()
    assert requests == [path.as_uri()]  # offline: nothing but the page itself
    assert sorted(links) == ["ls.html", "na.html", "vl.html"]
    assert boxes["Cao Bằng"]["y"] < boxes["Hà Nội"]["y"] < boxes["Thành phố Hồ Chí Minh"]["y"] < boxes["Cà Mau"]["y"]
    assert boxes["Điện Biên"]["x"] < boxes["Hà Nội"]["x"] < boxes["Lạng Sơn"]["x"]
    assert (tmp_path / "tiles.png").stat().st_size > 0
