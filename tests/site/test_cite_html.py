"""The built site's cite boxes and cite page: one entry per label, the same everywhere.

Every labelled equation is followed by its "Cite" box; each box's BibTeX and plain text are
exactly the entry the cite page lists for that key; each address is versioned and its
anchor exists on the page it names; the cite page offers the PDF when the build had one.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.site.helpers import SITE, require_site
from tests.support import DESIGN_LABELS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs"))

from _ext import citations

PDF = ROOT / "docs" / "_build" / "latex" / "backprop-derived.pdf"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _forms(box: Any) -> tuple[str, str]:
    bibtex, text = (pre.get_text() for pre in box.select("div.highlight pre"))
    return bibtex.strip(), text.strip()


@pytest.fixture(scope="module")
def boxes() -> dict[str, tuple[Path, Any]]:
    require_site()
    found: dict[str, tuple[Path, Any]] = {}
    for page in sorted(SITE.rglob("*.html")):
        for box in _soup(page).select("details.cite-box"):
            assert box["data-label"] not in found, f"two boxes for {box['data-label']}"
            found[box["data-label"]] = (page, box)
    return found


@pytest.fixture(scope="module")
def cite_page() -> BeautifulSoup:
    require_site()
    return _soup(SITE / "cite" / "index.html")


def test_every_stable_label_has_one_cite_box(boxes: dict[str, tuple[Path, Any]]) -> None:
    from derivations import REGISTRY

    assert set(DESIGN_LABELS) <= set(boxes)
    assert set(boxes) == set(REGISTRY)


def test_each_box_follows_its_equation(boxes: dict[str, tuple[Path, Any]]) -> None:
    for label, (page, box) in boxes.items():
        before = box.find_previous_sibling()
        assert before is not None, f"{page.name}: nothing before the box of {label}"
        assert before.select_one(f"#equation-{label}"), (
            f"{page.name}: the box of {label} is not right after its equation"
        )
        summary = box.find("summary")
        assert summary is not None
        assert label in summary.get_text()


def test_each_box_points_at_the_versioned_anchor_that_exists(
    boxes: dict[str, tuple[Path, Any]],
) -> None:
    project = citations.read_project(ROOT / "pyproject.toml")
    for label, (page, box) in boxes.items():
        bibtex, text = _forms(box)
        url = re.search(r"^\s*url\s*=\s*\{(\S+)\},$", bibtex, re.MULTILINE)
        assert url is not None, bibtex
        assert url[1].startswith(project.base_url)
        relative = url[1].removeprefix(project.base_url)
        assert relative == f"{page.relative_to(SITE).as_posix()}#equation-{label}"
        assert url[1] in text
        assert bibtex.isascii()


def test_boxes_and_cite_page_show_the_same_entries(
    boxes: dict[str, tuple[Path, Any]], cite_page: BeautifulSoup
) -> None:
    listed = {
        block.get_text().strip()
        for block in cite_page.select("div.highlight-bibtex pre, div.highlight-text pre")
    }
    for label, (_, box) in boxes.items():
        bibtex, text = _forms(box)
        assert bibtex in listed, f"{label}: the box's BibTeX is not the cite page's"
        assert text in listed, f"{label}: the box's plain text is not the cite page's"
        assert cite_page.select_one(f"#cite-{label}") is not None


def test_the_cite_page_says_to_cite_by_label(cite_page: BeautifulSoup) -> None:
    text = cite_page.get_text(" ")
    assert "Cite by the label, not the number" in text
    assert "backprop-derived:eq-hidden-delta" in text


def test_the_cite_page_offers_the_pdf_when_it_was_built(cite_page: BeautifulSoup) -> None:
    link = cite_page.select_one('a[href$="backprop-derived.pdf"]')
    if PDF.is_file():
        assert link is not None, "the PDF was built but the cite page does not offer it"
        assert (SITE / "cite" / link["href"]).resolve().is_file()
    else:
        assert link is None
        assert "nox -s pdf" in cite_page.get_text()
