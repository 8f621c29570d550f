"""The keyboard and motion on the built site, in headless Chromium.

The keyboard reaches every control with a visible focus ring; with
``prefers-reduced-motion: reduce`` nothing animates.

The visits and the themed browser profiles are shared (``accessibility.py``,
``conftest.py``); the browser and the way a page is opened (network cut off) are those
of ``test_browser.py``. Run with ``nox -s site``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.site.accessibility import _wait_until_ready
from tests.site.helpers import SITE
from tests.site.test_browser import (  # noqa: F401 (fixtures, used by name)
    _open,
    browser,
    chromium_path,
    server,
)

KEYBOARD_PAGES = ("index.html", "tutorial/train-xor.html", "cite/index.html")

# Every visible control, tagged so that the Tab walk can say which it reached. The hidden
# cells are opened first, so the controls inside them (copy buttons) are walked too.
CONTROLS = """
() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const controls = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element.disabled || element.tabIndex < 0) continue;
    // Rendered and not visibility: hidden (a transparent control, such as a copy button
    // that shows on hover, still counts: it can take focus).
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    if (element.closest("[inert], [aria-hidden='true']")) continue;
    element.dataset.a11yControl = String(controls.length);
    controls.push(element.outerHTML.slice(0, 120));
  }
  return controls;
}
"""

FOCUSED = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
    || style.boxShadow !== "none";
  return {id: element.dataset.a11yControl ?? null, ring,
          html: element.outerHTML.slice(0, 120)};
}
"""


@pytest.mark.parametrize("name", KEYBOARD_PAGES)
def test_keyboard_reaches_every_control_with_a_visible_ring(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
    name: str,
) -> None:
    if not (SITE / name).is_file():
        pytest.fail(f"{name} was not built")
    page, visit = _open(themed_contexts["light"], server + name)
    try:
        _wait_until_ready(page)
        controls = page.evaluate(CONTROLS)
        reached: set[str] = set()
        no_ring = []
        for _ in range(len(controls) + 20):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUSED)
            if focused is None:
                continue
            if focused["id"] is not None:
                reached.add(focused["id"])
            if not focused["ring"]:
                no_ring.append(focused["html"])
    finally:
        page.close()
    missed = [html for index, html in enumerate(controls) if str(index) not in reached]
    assert controls, f"{name}: no control found"
    assert not missed, f"{name}: the keyboard never reaches:\n" + "\n".join(missed)
    assert not no_ring, f"{name}: focused without a visible ring:\n" + "\n".join(no_ring)
    assert not visit.errors, visit.errors


# Every element whose transitions or animations last longer than a millisecond.
MOVING = """
() => {
  const seconds = value => Math.max(...value.split(",").map(part =>
    part.trim().endsWith("ms") ? parseFloat(part) / 1000 : parseFloat(part)));
  const moving = [];
  for (const element of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const style = getComputedStyle(element, pseudo);
      const longest = Math.max(seconds(style.transitionDuration), seconds(style.animationDuration));
      if (longest > 0.001) moving.push(element.tagName + "." + element.className + (pseudo || ""));
    }
  }
  return moving;
}
"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_nothing_moves_when_the_reader_asks_for_less_motion(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
    motion: str,
) -> None:
    """With ``reduce`` no transition or animation lasts; without it some do (the check bites)."""
    context = browser.new_context(reduced_motion=motion)
    try:
        page, _ = _open(context, server + "tutorial/train-xor.html")
        _wait_until_ready(page)
        moving = page.evaluate(MOVING)
    finally:
        context.close()
    if motion == "reduce":
        assert not moving, moving[:20]
    else:
        assert moving, "nothing on the page has a transition: the reduced-motion check is void"
