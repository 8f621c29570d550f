"""What the accessibility tests share: one visit per page and theme, read by several tests.

A visit opens a page in one furo theme, waits until MathJax has typeset it, and records what
the accessibility tests check: axe-core's WCAG 2.0 and 2.1 level A and AA violations, what
assistive technology gets of each formula, and which figure copies show. Each page and theme
is visited once per session, whichever test asks first. The browser profiles it opens pages
in are the ``themed_contexts`` fixture of ``conftest.py``; the browser, and the way a page
is opened (network cut off), are those of ``test_browser.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.site.test_browser import WAIT_FOR_MATH, _open

THEMES = ("light", "dark")
#: axe-core's tags for the WCAG 2.0 and 2.1 success criteria of levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
READY_TIMEOUT_MS = 30_000

RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ") + "  " + n.html.slice(0, 160)),
  }));
}
"""

# What assistive technology gets of each typeset formula, and what a labelled equation keeps.
MATH_EXPOSURE = """
() => {
  const problems = [];
  let formulas = 0;
  for (const container of document.querySelectorAll("mjx-container")) {
    formulas += 1;
    const mathml = container.querySelector("mjx-assistive-mml math");
    const label = (container.getAttribute("aria-label") || "").trim();
    if (!(mathml && mathml.textContent.trim()) && !label) {
      problems.push("formula without MathML or label: " + container.outerHTML.slice(0, 120));
    }
    const svg = container.querySelector("svg");
    if (mathml && svg && svg.getAttribute("aria-hidden") !== "true") {
      problems.push("formula read twice (SVG not aria-hidden): " + mathml.textContent.slice(0, 60));
    }
  }
  const anchors = [];
  for (const element of document.querySelectorAll('[id^="equation-"]')) {
    anchors.push(element.id);
    if (!element.querySelector("mjx-assistive-mml math")) {
      problems.push("#" + element.id + " holds no formula with MathML");
    }
  }
  return {formulas, anchors, problems};
}
"""

# Which figure copies are showing, and on what background.
FIGURES_SHOWN = """
() => [...document.querySelectorAll("img.themed-figure")].map(img => ({
  theme: img.classList.contains("only-dark") ? "dark" : "light",
  shown: img.getClientRects().length > 0 && getComputedStyle(img).visibility !== "hidden",
  background: getComputedStyle(img).backgroundColor,
}))
"""


# -- One visit per page and theme, shared by the tests that read it ---------------------------


def _wait_until_ready(page: Any) -> None:
    state = page.evaluate(WAIT_FOR_MATH)
    assert state in {"typeset", "no math"}, state
    page.wait_for_function(
        "() => document.documentElement.dataset.scrollRegions === 'ready'",
        timeout=READY_TIMEOUT_MS,
    )


def _axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_SCRIPT
    except ImportError:
        pytest.fail("axe-playwright-python is not installed (dependency group `site`)")
    return AXE_SCRIPT


_VISITS: dict[tuple[str, str], dict[str, Any]] = {}


def _visit(contexts: dict[str, Any], base: str, name: str, theme: str) -> dict[str, Any]:
    """Open ``name`` in ``theme`` once: axe's violations, math exposure, figures shown."""
    key = (name, theme)
    if key not in _VISITS:
        page, visit = _open(contexts[theme], base + name)
        try:
            _wait_until_ready(page)
            result = {
                "theme": page.evaluate("() => document.body.dataset.theme"),
                "errors": visit.errors + visit.blocked,
                "math": page.evaluate(MATH_EXPOSURE),
                "figures": page.evaluate(FIGURES_SHOWN),
            }
            page.evaluate(_axe_script())
            result["violations"] = page.evaluate(RUN_AXE, WCAG_TAGS)
        finally:
            page.close()
        _VISITS[key] = result
    return _VISITS[key]
