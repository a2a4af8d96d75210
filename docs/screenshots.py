"""Take the documentation's screenshots of the committed outputs/ in headless Chromium: `make screenshots`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SHOTS = {  # file -> (report page, height of the part shown)
    "profile.png": ("03-province-profile-lang-son.html", 1500),
    "comparison.png": ("02-cross-province-indicators.html", 1700),
}


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: Chromium is not installed (Debian: apt-get install chromium)", file=sys.stderr)
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for name, (report, height) in SHOTS.items():
            page.goto((ROOT / "outputs" / "reports" / report).as_uri())
            page.wait_for_load_state("networkidle")
            target = ROOT / "docs" / "screenshots" / name
            page.screenshot(path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": 1200, "height": height})
            print(f"wrote {target.relative_to(ROOT)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
