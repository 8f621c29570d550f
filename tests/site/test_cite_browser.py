"""The "Cite" box in headless Chromium: keyboard, copy buttons, both themes.

Uses the browser fixtures of ``test_browser.py`` (Debian's Chromium, network cut off).
Screenshots of the open box, light and dark, go to ``docs/_build/screenshots/``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.site.helpers import SCREENSHOTS
from tests.site.test_browser import (  # noqa: F401  (fixtures used by name)
    WAIT_FOR_MATH,
    _open,
    browser,
    chromium_path,
    server,
)

PAGE = "derivations/hidden-delta.html"
BOX = 'details.cite-box[data-label="eq-hidden-delta"]'


def _context(browser: Any, theme: str) -> Any:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    return context


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_cite_box_opens_from_the_keyboard_and_copies(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
    theme: str,
) -> None:
    context = _context(browser, theme)
    try:
        page, visit = _open(context, server + PAGE)
        assert page.evaluate(WAIT_FOR_MATH) == "typeset"
        box = page.locator(BOX)
        assert box.evaluate("e => e.open") is False
        page.focus(f"{BOX} > summary")
        assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        assert box.evaluate("e => e.open") is True
        blocks = box.locator("div.highlight pre")
        assert blocks.count() == 2
        assert box.locator("button.copybtn").count() == 2, "each form needs a copy button"
        # The copy button copies the entry exactly.
        expected = blocks.nth(0).inner_text().strip()
        box.locator("div.highlight").nth(0).hover()
        box.locator("button.copybtn").nth(0).click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.strip() == expected
        assert copied.startswith("@misc{backprop-derived:eq-hidden-delta,")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        box.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / f"cite-box-{theme}.png"))
        assert page.evaluate("() => document.body.dataset.theme") == theme
    finally:
        context.close()
    assert not visit.errors + visit.blocked, visit
