"""Take a screenshot of a kg page in headless Chromium, once its layout has settled.

usage: python tools/screenshot.py graphs/seed.html graphs/seed.png [--size 1400x900]
       [--search NAME] [--hover-edge]

Uses the system Chromium and chromedriver (Debian's ``chromium`` and ``chromium-driver``)
through selenium, like the browser tests.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
TIMEOUT = 120


def screenshot(page: Path, png: Path, *, width: int, height: int,
               search: str | None = None) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.wait import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    with tempfile.TemporaryDirectory() as profile:
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                     f"--window-size={width},{height}", f"--user-data-dir={profile}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
            driver.get(page.resolve().as_uri())
            WebDriverWait(driver, TIMEOUT).until(
                lambda d: d.execute_script("return window.kgStabilized === true"))
            if search:
                box = driver.find_element(By.ID, "kg-search")
                box.send_keys(search, Keys.ENTER)
            driver.execute_script("return new Promise(function (r) { setTimeout(r, 600); });")
            png.write_bytes(driver.get_screenshot_as_png())
        finally:
            driver.quit()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--size", default="1400x900", help="window size WIDTHxHEIGHT")
    parser.add_argument("--search", default=None, help="search for an actor before the shot")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.lower().split("x"))
    screenshot(args.page, args.png, width=width, height=height, search=args.search)
    print(f"{args.png}: {args.png.stat().st_size} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
