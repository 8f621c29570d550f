"""Fixtures for the tests of the built site (``docs/_build/html``).

Build the site first (``nox -s docs``); ``nox -s site`` builds it and runs these tests.
Set ``SITE_HTML`` to check a site built elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.helpers import SITE, Page, all_html_pages, crawl, require_site


@pytest.fixture(scope="session")
def site() -> Path:
    require_site()
    return SITE


@pytest.fixture(scope="session")
def pages(site: Path) -> list[Page]:
    del site
    return all_html_pages()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``site_page`` over every page reachable from the index."""
    if "site_page" in metafunc.fixturenames:
        if (SITE / "index.html").is_file():
            names = sorted(page.name for page in crawl().reached.values())
        else:
            names = ["<site not built>"]
        metafunc.parametrize("site_page", names)
