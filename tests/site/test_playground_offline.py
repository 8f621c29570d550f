"""The playground offline (file:// and a server that blocks outside requests), measured, pictured.

No console error and no outside request on the playground page and on the two pages with a
compact playground; the frame rate and the bytes the page loads go to
``docs/_build/screenshots/playground.json``, and light and dark screenshots beside it.
Shared pieces: ``tests/site/playground.py``.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.site.helpers import SCREENSHOTS, SITE, require_site
from tests.site.playground import PAGE
from tests.site.test_browser import (  # noqa: F401 (fixtures shared with the page checks)
    SETTLED,
    _open,
    browser,
    chromium_path,
    server,
)


@pytest.mark.parametrize("how", ["http", "file"])
def test_works_offline_without_console_errors(context: Any, server: str, how: str) -> None:  # noqa: F811
    require_site()
    for name in (PAGE, "tutorial/train-xor.html", "explanation/chain-rule.html"):
        url = server + name if how == "http" else (SITE / name).as_uri()
        page, visit = _open(context, url)
        try:
            page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
            root = page.locator(".bp-playground").first
            root.locator("[data-control=next]").click()
            if name == PAGE:
                root.locator("[data-control=play]").click()
                page.wait_for_timeout(300)
                root.locator("[data-control=play]").click()
            else:
                assert root.get_attribute("data-variant") == "compact"
                assert root.locator("a[href*='playground']").count() == 1
        finally:
            page.close()
        assert not visit.errors, (name, visit.errors)
        assert not visit.blocked, (name, visit.blocked)


def test_frame_rate_and_page_weight_are_measured(browser: Any, server: str) -> None:  # noqa: F811
    require_site()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sizes: dict[str, int] = {}
    context.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page, visit = _open(context, server + PAGE)
    try:
        assert page.evaluate(SETTLED) in {"typeset", "no math"}
        page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
        page.locator(".bp-full [data-control=play]").click()
        page.wait_for_timeout(3000)
        fps = page.evaluate("() => globalThis.backpropPlayground.instances[0].framesPerSecond()")
        epochs = page.evaluate("() => globalThis.backpropPlayground.instances[0].history.length")
        page.locator(".bp-full [data-control=play]").click()
    finally:
        context.close()
    measured = {
        "frames_per_second": round(fps, 1),
        "epochs_in_3_s": epochs,
        "bytes_loaded": sum(sizes.values()),
        "bytes_by_file": dict(sorted(sizes.items())),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "playground.json").write_text(json.dumps(measured, indent=2) + "\n")
    print(json.dumps({k: v for k, v in measured.items() if k != "bytes_by_file"}))
    assert not visit.errors + visit.blocked
    # The aim is 60 (headless Chromium paces frames at most at 60); on a shared, loaded machine
    # it measures lower, so this only catches a frame that has become far too slow.
    assert fps >= 10, measured


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot(browser: Any, server: str, theme: str) -> None:  # noqa: F811
    require_site()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page, visit = _open(context, server + PAGE)
    try:
        page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
        assert page.evaluate("() => document.body.dataset.theme") == theme
        full = page.locator(".bp-full")
        full.locator("[data-control=play]").click()
        page.wait_for_function(
            "() => globalThis.backpropPlayground.instances[0].history.length > 2000"
        )
        full.locator("[data-control=play]").click()
        full.locator("[data-control=stage-5]").click()
        full.locator("[data-control=check]").click()
        full.locator("[data-control=param-1]").fill("oops")
        full.locator("[data-control=param-1]").press("Enter")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".bp-full").screenshot(path=str(SCREENSHOTS / f"playground-{theme}.png"))
    finally:
        context.close()
    assert not visit.errors + visit.blocked
