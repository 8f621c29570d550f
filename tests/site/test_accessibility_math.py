"""Every typeset formula reaches a screen reader, and keeps its equation anchor.

Every formula exposes MathML (MathJax's assistive MathML) or a label to assistive
technology, and is not read twice; every labelled equation keeps its ``#equation-<label>``
anchor after typesetting, holding the formula.

The visits and the themed browser profiles are shared (``accessibility.py``,
``conftest.py``); the browser and the way a page is opened (network cut off) are those
of ``test_browser.py``. Run with ``nox -s site``.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

from tests.site.accessibility import _visit
from tests.site.helpers import SITE
from tests.site.test_browser import (  # noqa: F401 (fixtures, used by name)
    browser,
    chromium_path,
    server,
)


def _static_equation_anchors(name: str) -> list[str]:
    soup = BeautifulSoup((SITE / name).read_text(encoding="utf-8"), "html.parser")
    return [str(tag["id"]) for tag in soup.find_all(id=re.compile(r"^equation-"))]


def test_every_formula_reaches_a_screen_reader(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
    site_page: str,
) -> None:
    math = _visit(themed_contexts, server, site_page, "light")["math"]
    assert not math["problems"], f"{site_page}:\n" + "\n".join(math["problems"])
    assert math["anchors"] == _static_equation_anchors(site_page), (
        f"{site_page}: the equation anchors after typesetting differ from the built HTML's"
    )


def test_some_pages_have_formulas_with_mathml(
    themed_contexts: dict[str, Any],
    server: str,  # noqa: F811
) -> None:
    """The per-page check passes vacuously on a page without math: make sure math is seen."""
    page = "derivations/output-delta.html"
    math = _visit(themed_contexts, server, page, "light")["math"]
    assert math["formulas"] > 5, math
    assert any(anchor == "equation-eq-output-delta" for anchor in math["anchors"]), math
