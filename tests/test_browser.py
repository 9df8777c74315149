"""The page in a real browser (Debian's chromium, via playwright): zero axe-core violations in light
and dark mode, desktop and mobile screenshots, filtering, search, the language switch, copy
buttons, and no console errors. The pages are served by `timeline serve` over loopback.

Screenshots go to ``$TIMELINE_SCREENSHOTS`` (default: the test's temporary folder).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import browser
from tests.serving import Served, serving

PAGES = [
    "index.html",
    "vi/index.html",
    "events/2025-11-20-bilateral-vn-my.html",
    "vi/events/2025-11-admm-plus-12.html",
    "filter?series=bilateral&participant=vn",
]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "mobile": {
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with serving(tmp_path_factory.mktemp("browser")) as s:
        yield s


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    executable = browser.require()
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=browser.ARGS)
        yield instance
        instance.close()


class Page:
    """A browser tab that records console errors and uncaught exceptions."""

    def __init__(
        self, chromium: Any, served: Served, path: str, scheme: str = "light", viewport: str = "desktop"
    ) -> None:
        self.errors: list[str] = []
        self.context = chromium.new_context(color_scheme=scheme, **VIEWPORTS[viewport])
        self.page = self.context.new_page()
        self.page.on(
            "console", lambda m: self.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        response = self.page.goto(served.url + path)
        assert response is not None
        assert response.status == 200

    def close(self) -> None:
        self.context.close()


def axe(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(browser.AXE))
    violations: list[dict[str, Any]] = page.evaluate("async () => (await axe.run(document)).violations")
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )


def shots() -> Path | None:
    folder = os.environ.get("TIMELINE_SCREENSHOTS")
    return Path(folder) if folder else None


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(chromium: Any, served: Served, path: str, scheme: str) -> None:
    tab = Page(chromium, served, path, scheme)
    try:
        tab.page.wait_for_load_state("load")
        violations = axe(tab.page)
        assert violations == [], describe(violations)
        assert tab.errors == []
    finally:
        tab.close()


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots(chromium: Any, served: Served, tmp_path: Path, viewport: str, scheme: str) -> None:
    folder = shots() or tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    for path in ("index.html", "events/2025-11-20-bilateral-vn-my.html"):
        tab = Page(chromium, served, path, scheme, viewport)
        try:
            name = path.replace("/", "_").removesuffix(".html")
            target = folder / f"{name}-{viewport}-{scheme}.png"
            tab.page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
            width = tab.page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["viewport"]["width"], "no horizontal scrolling"  # type: ignore[index]
            background = tab.page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == ("rgb(18, 20, 23)" if scheme == "dark" else "rgb(255, 255, 255)")
            assert tab.errors == []
        finally:
            tab.close()


def visible_ids(page: Any) -> list[str]:
    ids: list[str] = page.evaluate(
        "Array.from(document.querySelectorAll('article.event')).filter(a => a.offsetParent !== null).map(a => a.id)"
    )
    return ids


def test_filter_and_search(chromium: Any, served: Served) -> None:
    tab = Page(chromium, served, "index.html")
    page = tab.page
    try:
        form = page.locator("#_filter")
        assert form.is_visible()  # the script reveals it
        everything = visible_ids(page)
        assert len(everything) == 4
        page.select_option("#_f-series", "bilateral")
        assert sorted(visible_ids(page)) == ["2025-11-20-bilateral-vn-my", "2025-bilateral-dialogue"]
        assert page.locator("#_f-count").inner_text() == "2 of 4 events shown"
        assert "series=bilateral" in page.url
        page.select_option("#_f-country", "my")
        assert visible_ids(page) == ["2025-11-20-bilateral-vn-my"]
        page.click("button[type=reset]")
        page.wait_for_function("document.querySelectorAll('article.event').length === "
                               "Array.from(document.querySelectorAll('article.event')).filter(a => a.offsetParent).length")  # fmt: skip
        assert visible_ids(page) == everything
        page.fill("#_f-q", "adsom")
        assert visible_ids(page) == ["2025-11-19-adsom-plus"]
        page.fill("#_f-q", "nothing like this")
        assert visible_ids(page) == []
        assert page.locator("#_recent .no-match").is_visible()
        page.fill("#_f-q", "")
        page.select_option("#_f-year", "2025")
        assert visible_ids(page) == everything
        assert tab.errors == []
    finally:
        tab.close()
    # The filter in the address is applied on load, and a Vietnamese search ignores accents.
    tab = Page(chromium, served, "vi/index.html?series=admm-plus")
    try:
        assert visible_ids(tab.page) == ["2025-11-admm-plus-12"]
        tab.page.select_option("#_f-series", "")
        tab.page.fill("#_f-q", "doi thoai")
        assert visible_ids(tab.page) == ["2025-bilateral-dialogue"]
        assert tab.errors == []
    finally:
        tab.close()


def test_language_switch(chromium: Any, served: Served) -> None:
    tab = Page(chromium, served, "index.html")
    page = tab.page
    try:
        page.click("a[hreflang=vi]")
        page.wait_for_url("**/vi/index.html")
        assert page.evaluate("document.documentElement.lang") == "vi"
        assert page.locator("#_next-h").inner_text() == "Sắp tới"
        page.click("[id='2025-11-admm-plus-12'] a.name")
        page.wait_for_url("**/vi/events/2025-11-admm-plus-12.html")
        page.click("a[hreflang=en]")
        page.wait_for_url("**/events/2025-11-admm-plus-12.html")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert "/vi/" not in page.url
        assert tab.errors == []
    finally:
        tab.close()


def test_copy_button(chromium: Any, served: Served) -> None:
    tab = Page(chromium, served, "index.html")
    page = tab.page
    try:
        tab.context.grant_permissions(["clipboard-read", "clipboard-write"])
        button = page.locator("button[data-copy='_address-all']")
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelector(\"button[data-copy='_address-all']\").textContent === 'Copied'")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#_address-all").input_value()
        assert copied.endswith("/all.ics")
        assert tab.errors == []
    finally:
        tab.close()
