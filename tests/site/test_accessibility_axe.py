"""WCAG 2.1 AA on every page of the built site, light and dark: the axe-core scan.

axe-core (shipped by the ``axe-playwright-python`` package, dependency group ``site``;
nothing is fetched) runs its WCAG 2.0 and 2.1 level A and AA rules on every page in both
furo themes, after MathJax has typeset the page; any violation fails, and no rule is
turned off. A planted page shows that the check catches violations.

The visits and the themed browser profiles are shared (``accessibility.py``,
``conftest.py``); the browser and the way a page is opened (network cut off) are those
of ``test_browser.py``. Run with ``nox -s site``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.site.accessibility import _VISITS, THEMES, _visit
from tests.site.helpers import SITE, require_site
from tests.site.test_browser import (  # noqa: F401 (fixtures, used by name)
    browser,
    chromium_path,
    server,
)


def _report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node}" for node in violation["nodes"][:5]]
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("theme", THEMES)
def test_axe_finds_no_wcag_violation(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
    site_page: str,
    theme: str,
) -> None:
    result = _visit(themed_contexts, server, site_page, theme)
    assert result["theme"] == theme, f"furo did not switch to the {theme} theme"
    assert not result["errors"], f"{site_page} ({theme}): {result['errors']}"
    assert not result["violations"], f"{site_page} ({theme}):\n" + _report(result["violations"])


def test_axe_check_fails_on_planted_violations(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
) -> None:
    """A copy of a page with an image without alt and a heading role without a level: axe
    reports both, so the check bites. (A bare sideways-scrolling box was planted too at
    first, but axe 4.12 in Chromium 156 does not report one: it is keyboard-reachable
    there; the site's own code blocks are made focusable and named by accessibility.js.)"""
    require_site()
    source = SITE / "index.html"
    html = source.read_text(encoding="utf-8")
    planted = '<img src="_static/missing.png"><p role="heading">A caption</p>'
    html = html.replace('<article role="main"', planted + '<article role="main"', 1)
    target = SITE / "_selftest-accessibility.html"
    target.write_text(html, encoding="utf-8")
    try:
        result = _visit(themed_contexts, server, target.name, "light")
    finally:
        target.unlink()
        _VISITS.pop((target.name, "light"), None)
    found = {violation["id"] for violation in result["violations"]}
    assert {"image-alt", "aria-required-attr"} <= found, found
