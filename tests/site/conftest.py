"""Fixtures for the tests of the built site (``docs/_build/html``).

Build the site first (``nox -s docs``); ``nox -s site`` builds it and runs these tests.
Set ``SITE_HTML`` to check a site built elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site.accessibility import THEMES
from tests.site.helpers import SITE, Page, all_html_pages, crawl, require_site


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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``site_page`` over every page reachable from the index."""
    if "site_page" in metafunc.fixturenames:
        if (SITE / "index.html").is_file():
            names = sorted(page.name for page in crawl().reached.values())
        else:
            names = ["<site not built>"]
        metafunc.parametrize("site_page", names)
