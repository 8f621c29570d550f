"""Fixtures for the tests of the built site (``docs/_build/html``).

Build the site first (``nox -s docs``); ``nox -s site`` builds it and runs these tests.
Set ``SITE_HTML`` to check a site built elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site import test_browser
from tests.site.accessibility import THEMES
from tests.site.helpers import SITE, Page, all_html_pages, crawl, require_site
from tests.site.playground import PAGE as PLAYGROUND_PAGE


@pytest.fixture(scope="session")
def site() -> Path:
    require_site()
    return SITE


@pytest.fixture(scope="session")
def pages(site: Path) -> list[Page]:
    del site
    return all_html_pages()


# The accessibility tests of several modules share it. Its `browser` is the fixture of
# test_browser.py, which every module that asks for these profiles imports.
@pytest.fixture(scope="module")
def themed_contexts(browser: Any) -> Iterator[dict[str, Any]]:
    """A browser profile per furo theme: furo reads ``localStorage.theme`` when a page opens."""
    contexts = {}
    for theme in THEMES:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=theme)
        context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
        contexts[theme] = context
    try:
        yield contexts
    finally:
        for context in contexts.values():
            context.close()


# The page checks of test_browser.py and the playground tests of several modules share these
# two. Their `browser` and `server` are the fixtures of test_browser.py, which every module
# that asks for them imports.
@pytest.fixture(scope="module")
def context(browser: Any) -> Iterator[Any]:
    """One browser profile per module (its cache keeps MathJax between pages)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def playground(context: Any, server: str) -> Iterator[tuple[Any, Any]]:
    require_site()
    page, visit = test_browser._open(context, server + PLAYGROUND_PAGE)
    page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
    try:
        yield page, visit
    finally:
        page.close()
    assert not visit.errors, visit.errors
    assert not visit.blocked, visit.blocked


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``site_page`` over every page reachable from the index."""
    if "site_page" in metafunc.fixturenames:
        if (SITE / "index.html").is_file():
            names = sorted(page.name for page in crawl().reached.values())
        else:
            names = ["<site not built>"]
        metafunc.parametrize("site_page", names)
