"""What the tests of the built site (``docs/_build/html``) share.

Build the site first (``nox -s docs``); ``nox -s site`` builds it and runs these tests.
Set ``SITE_HTML`` to check a site built elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("SITE_HTML", ROOT / "docs" / "_build" / "html")).resolve()
SCREENSHOTS = SITE.parent / "screenshots"

NOT_BUILT = (
    f"The site is not built: {SITE / 'index.html'} does not exist. "
    "Build it first with `nox -s docs` (or run `nox -s site`, which builds and tests it)."
)


# Folders of the build that hold assets, not pages.
ASSET_DIRS = ("_static", "_sources", "_images", "_downloads", "_sphinx_design_static")


@dataclass(frozen=True)
class Page:
    """One HTML page of the built site."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.relative_to(SITE).as_posix()

    @property
    def soup(self) -> BeautifulSoup:
        return _soup(self.path)

    def __str__(self) -> str:
        return self.name


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def is_external(url: str) -> bool:
    """True for a URL that points outside the site (any scheme but a relative path)."""
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc) or url.strip().startswith("//")


def local_target(page: Path, url: str) -> tuple[Path, str] | None:
    """The file and fragment a relative URL on ``page`` points at (None for external ones)."""
    if is_external(url):
        return None
    target, fragment = urldefrag(url)
    if not target:
        return page, fragment
    path = (page.parent / unquote(urlsplit(target).path)).resolve()
    if path.is_dir():
        path = path / "index.html"
    return path, fragment


def all_html_pages() -> list[Page]:
    """Every .html file of the build but the asset folders."""
    return [
        Page(path)
        for path in sorted(SITE.rglob("*.html"))
        if not path.relative_to(SITE).parts[0].startswith(ASSET_DIRS)
    ]


@dataclass
class Crawl:
    """The pages reachable from index.html by following links, and the links themselves."""

    reached: dict[Path, Page] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)


@cache
def crawl() -> Crawl:
    result = Crawl()
    todo = [SITE / "index.html"]
    while todo:
        path = todo.pop()
        if path in result.reached:
            continue
        page = Page(path)
        result.reached[path] = page
        for tag, attribute in (("a", "href"), ("form", "action")):
            for element in page.soup.find_all(tag):
                url = element.get(attribute)
                if not isinstance(url, str) or not url:
                    continue
                target = local_target(path, url)
                if target is None:
                    continue
                file, _ = target
                if not file.exists():
                    result.broken.append(f"{page.name}: {url}")
                elif file.suffix == ".html" and file not in result.reached:
                    todo.append(file)
    return result


def require_site() -> None:
    if not (SITE / "index.html").is_file():
        pytest.fail(NOT_BUILT, pytrace=False)
