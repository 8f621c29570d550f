"""The PDF of the tutorial and the derivations (``nox -s pdf``), read back.

Checks what a student relies on: every stable label is printed beside its equation, every
equation is the glued SymPy result (the LaTeX that ``glue:math`` put in, as on the site),
internal links are links, the code cells and plots are in, and no glyph went missing.
Skipped when the PDF has not been built, except under ``nox -s pdf`` (``PDF_REQUIRED``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
LATEX = ROOT / "docs" / "_build" / "latex"
PDF = LATEX / "backprop-derived.pdf"


@pytest.fixture(scope="module")
def built() -> Path:
    if not PDF.is_file():
        if os.environ.get("PDF_REQUIRED"):
            pytest.fail(f"{PDF} was not built")
        pytest.skip("the PDF is not built: python3 -m nox -s pdf")
    return PDF


@pytest.fixture(scope="module")
def text(built: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF back")
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(built), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    return result.stdout


@pytest.fixture(scope="module")
def tex(built: Path) -> str:
    return (built.with_suffix(".tex")).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def registry() -> Any:
    from derivations import REGISTRY

    return REGISTRY


def test_every_stable_label_is_printed(text: str, registry: Any) -> None:
    missing = [label for label in registry if label not in text]
    assert not missing, f"labels not in the PDF's text: {missing}"


def test_each_label_is_typeset_with_its_glued_equation(tex: str, registry: Any) -> None:
    """The equation beside each label is the LaTeX SymPy produced, as glued on the site."""
    equations = dict(
        re.findall(
            r"\\label\{equation:[^}]*:(eq-[a-z0-9-]+)\}\\begin\{split\}(.*?)\\end\{split\}",
            tex,
            re.DOTALL,
        )
    )
    assert set(equations) == set(registry)
    for label, result in registry.items():
        assert result.latex() in equations[label], f"{label}: {equations[label]!r}"


def test_the_label_stands_beside_the_number(text: str) -> None:
    # "... eq-hidden-delta (3.2)": the label to cite, then the PDF's own number.
    assert re.search(r"eq-hidden-delta\s*\(\d+\.\d+\)", text), "label not beside its number"


def test_no_glyph_is_missing(built: Path) -> None:
    log = built.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert "Unicode character" not in log


def test_internal_links_and_figures_are_in(built: Path, tex: str) -> None:
    pdfinfo = shutil.which("pdfinfo")
    assert pdfinfo is not None
    dests = subprocess.run(
        [pdfinfo, "-dests", str(built)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    # hyperref names a destination for every page, section and link target.
    assert len(dests.splitlines()) > 50, "the PDF has almost no link targets"
    assert tex.count("\\hyperref[") >= 5, "no internal links between pages"
    assert tex.count("\\sphinxincludegraphics") >= 2, "the plots are missing"
    assert tex.count("\\begin{sphinxVerbatim}") >= 10, "the code cells are missing"


def test_the_tutorial_and_every_derivation_page_are_in(text: str) -> None:
    for title in ("Train a 2-2-1 network", "The hidden delta", "The output delta"):
        assert title.lower() in text.lower(), title


def test_the_pdf_holds_more_than_ten_pages(built: Path) -> None:
    pdfinfo = shutil.which("pdfinfo")
    assert pdfinfo is not None
    info = subprocess.run(
        [pdfinfo, str(built)], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)[1])  # type: ignore[index]
    assert pages > 10
