"""furo's two drawers open and close from the keyboard (``docs/_static/drawer-toggles.js``).

On a phone-sized window furo hides the site navigation and the page's contents in drawers
that open through ``<label>`` elements, which a keyboard cannot reach. The page script puts
a named button with ``aria-expanded`` in their place. In headless Chromium, as a keyboard
user would: Tab reaches the button without ever entering the closed drawer, Enter or Space
opens it and moves the focus inside, Escape closes it and gives the focus back. On a wide
window nothing is hidden, so nothing may be inert.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.site.helpers import require_site
from tests.site.test_browser import (  # noqa: F401 (fixtures, used by name)
    SETTLED,
    _open,
    browser,
    chromium_path,
    server,
)

PAGE = "tutorial/train-xor.html"
DRAWERS = {
    "navigation": ("__navigation", ".sidebar-drawer", "site navigation"),
    "toc": ("__toc", ".toc-drawer", "table of contents"),
}

STATE = """
([checkbox, panel]) => {
  const region = document.querySelector(panel);
  const rect = region.getBoundingClientRect();
  const active = document.activeElement;
  return {
    open: document.getElementById(checkbox).checked,
    inert: region.inert,
    onScreen: rect.right > 0 && rect.left < window.innerWidth,
    focusInside: region.contains(active),
    focusedButton: active.matches("button.nav-overlay-icon, button.toc-overlay-icon")
      && active.getAttribute("aria-controls") === region.id && active.checkVisibility(),
    label: active.getAttribute("aria-label"),
    expanded: active.getAttribute("aria-expanded"),
  };
}
"""


def _page(browser: Any, server: str, width: int) -> tuple[Any, Any, Any]:  # noqa: F811
    require_site()
    context = browser.new_context(viewport={"width": width, "height": 800})
    page, visit = _open(context, server + PAGE)
    assert page.evaluate(SETTLED) in {"typeset", "no math"}
    return context, page, visit


@pytest.mark.parametrize("key", ["Enter", " "], ids=["enter", "space"])
@pytest.mark.parametrize("which", sorted(DRAWERS))
def test_a_keyboard_opens_and_closes_the_drawer(
    browser: Any,  # noqa: F811
    server: str,  # noqa: F811
    which: str,
    key: str,
) -> None:
    checkbox, panel, name = DRAWERS[which]
    context, page, visit = _page(browser, server, 390)
    try:
        walked = []
        for _ in range(40):
            page.keyboard.press("Tab")
            state = page.evaluate(STATE, [checkbox, panel])
            walked.append(state)
            if state["focusedButton"]:
                break
        assert state["focusedButton"], f"Tab never reached the button of the {name}"
        assert not any(step["focusInside"] for step in walked), "Tab entered a closed drawer"
        assert not state["open"], state
        assert state["inert"], "the closed drawer is not inert"
        assert (state["label"], state["expanded"]) == (f"Open {name}", "false")

        page.keyboard.press(key)
        page.wait_for_timeout(400)  # furo slides the drawer in
        opened = page.evaluate(STATE, [checkbox, panel])
        assert opened["open"], opened
        assert not opened["inert"], opened
        assert opened["onScreen"], f"the opened {name} is not on the screen"
        assert opened["focusInside"], f"the focus stayed outside the opened {name}"

        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
        closed = page.evaluate(STATE, [checkbox, panel])
        assert not closed["open"], closed
        assert closed["inert"], "the closed drawer is not inert"
        assert closed["focusedButton"], "Escape did not give the focus back to the button"
        assert (closed["label"], closed["expanded"]) == (f"Open {name}", "false")
    finally:
        context.close()
    assert not visit.errors + visit.blocked, visit


def test_nothing_is_inert_on_a_wide_window(browser: Any, server: str) -> None:  # noqa: F811
    context, page, visit = _page(browser, server, 1440)
    try:
        states = {
            which: page.evaluate(STATE, [checkbox, panel])
            for which, (checkbox, panel, _) in DRAWERS.items()
        }
        buttons = page.evaluate(
            "() => [...document.querySelectorAll('button.nav-overlay-icon,"
            " button.toc-overlay-icon')].map(b => b.checkVisibility())"
        )
    finally:
        context.close()
    assert len(buttons) == 3, "drawer-toggles.js did not replace furo's three drawer labels"
    assert not any(buttons), "a drawer button shows on a window wide enough for both sidebars"
    assert not any(state["inert"] for state in states.values()), states
    assert not visit.errors + visit.blocked, visit
