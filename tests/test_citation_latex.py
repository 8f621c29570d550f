"""Every BibTeX entry the site offers compiles in each set-up students compile with.

``tests/latex/coursework.tex`` cites every key: the site, each stable label (rendered by
``docs/_ext/citations.py``, as the site renders them) and ``docs/references.bib``. Each
set-up runs the engine, the bibliography tool, and the engine twice more, and fails on a
LaTeX error, an undefined citation, any warning in the final log, or any warning or error
from BibTeX or biber. ``nox -s coursework`` runs this with TeX Live required; elsewhere it
is skipped when the programs are missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
COURSEWORK = ROOT / "tests" / "latex" / "coursework.tex"
sys.path.insert(0, str(DOCS))

from _ext import citations


@dataclass(frozen=True)
class Setup:
    engine: str  # pdflatex or xelatex
    tool: str  # bibtex or biber
    style: str  # the BibTeX style; biblatex's own style for biber

    @property
    def name(self) -> str:
        return f"{self.engine}-{self.tool}-{self.style}"

    @property
    def preamble(self) -> str:
        if self.tool == "biber":
            return r"\def\UseBiblatex{}"
        return rf"\def\BibStyle{{{self.style}}}"


SETUPS = [
    Setup("pdflatex", "bibtex", "plain"),
    Setup("pdflatex", "bibtex", "unsrt"),
    Setup("pdflatex", "bibtex", "alpha"),
    Setup("pdflatex", "biber", "numeric"),
    Setup("xelatex", "bibtex", "plain"),
    Setup("xelatex", "biber", "numeric"),
]

# Any of these in the final log is a failure: an undefined citation, a bibliography
# warning, a glyph the font lacks, or input the engine could not set.
_FINAL_LOG_PROBLEMS = re.compile(
    r"Warning|undefined|Missing character|Unicode character|^! ", re.MULTILINE
)


def _require(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        if os.environ.get("COURSEWORK_REQUIRE_TEX"):
            pytest.fail(f"{program} is not installed: nox -s coursework installs TeX Live")
        pytest.skip(f"{program} is not installed (nox -s coursework installs it)")
    return found


def _bib_entries() -> str:
    from derivations import REGISTRY

    project = citations.read_project(ROOT / "pyproject.toml")
    accessed = date(2026, 12, 1)
    pages = citations.label_pages(DOCS)
    missing = sorted(set(REGISTRY) - set(pages))
    assert not missing, f"labels with no page to point at: {missing}"
    entries = [citations.site_citation(project, accessed).bibtex]
    entries += [
        citations.label_citation(
            label, REGISTRY[label].title, pages[label], project, accessed
        ).bibtex
        for label in REGISTRY
    ]
    return "\n\n".join(entries) + "\n\n" + (DOCS / "references.bib").read_text(encoding="utf-8")


def _keys(bib: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,\s]+),", bib, re.MULTILINE)


@pytest.fixture(scope="module")
def bibliography() -> str:
    return _bib_entries()


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
        check=False,
    )


def compile_coursework(setup: Setup, bib: str, keys: list[str], workdir: Path) -> Path:
    """Compile the coursework in ``workdir``; return the final log. Fails on any problem."""
    engine = _require(setup.engine)
    tool = _require(setup.tool)
    shutil.copy(COURSEWORK, workdir / "coursework.tex")
    (workdir / "references.bib").write_text(bib, encoding="utf-8")
    items = "\n".join(rf"\item \texttt{{{key}}}~\cite{{{key}}}" for key in keys)
    (workdir / "cite-keys.tex").write_text(
        "\\begin{itemize}\n" + items + "\n\\end{itemize}\n", encoding="utf-8"
    )
    latex = [
        engine,
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-jobname=coursework",
        setup.preamble + r"\input{coursework}",
    ]
    first = _run(latex, workdir)
    assert first.returncode == 0, f"{setup.name}: first {setup.engine} run failed\n{first.stdout}"
    bibliography_run = _run([tool, "coursework"], workdir)
    log_name = "coursework.blg"
    blg = (workdir / log_name).read_text(encoding="utf-8", errors="replace")
    bib_problems = re.findall(r"^.*(?:Warning|WARN|ERROR|error message).*$", blg, re.MULTILINE)
    assert bibliography_run.returncode == 0, f"{setup.name}: {tool} failed\n{blg}"
    assert not bib_problems, f"{setup.name}: {tool} reported\n" + "\n".join(bib_problems)
    for _ in range(2):
        run = _run(latex, workdir)
        assert run.returncode == 0, f"{setup.name}: {setup.engine} failed\n{run.stdout}"
    log = workdir / "coursework.log"
    problems = [
        line
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if _FINAL_LOG_PROBLEMS.search(line)
    ]
    assert not problems, f"{setup.name}: the final log says\n" + "\n".join(problems)
    return log


@pytest.mark.parametrize("setup", SETUPS, ids=lambda setup: setup.name)
def test_every_entry_compiles(setup: Setup, bibliography: str, tmp_path: Path) -> None:
    compile_coursework(setup, bibliography, _keys(bibliography), tmp_path)
    aux = (tmp_path / "coursework.aux").read_text(encoding="utf-8", errors="replace")
    if setup.tool == "bibtex":
        bbl = (tmp_path / "coursework.bbl").read_text(encoding="utf-8")
        printed = set(re.findall(r"\\bibitem(?:\[[^\]]*\])?\{([^}]+)\}", bbl))
    else:
        bbl = (tmp_path / "coursework.bbl").read_text(encoding="utf-8")
        printed = set(re.findall(r"\\entry\{([^}]+)\}", bbl))
    assert printed == set(_keys(bibliography)), "not every key made it into the bibliography"
    assert "\\bibcite" in aux or setup.tool == "biber"


def test_the_harness_fails_on_raw_unicode(bibliography: str, tmp_path: Path) -> None:
    """The check bites: the old entries' raw δ in ``note`` must fail under pdflatex."""
    broken = bibliography.replace(
        "note         = {Version", "note         = {δ(1) = (W(2))ᵀ δ(2) ⊙ σ′(z(1)). Version", 1
    )
    assert broken != bibliography
    with pytest.raises(AssertionError, match="pdflatex"):
        compile_coursework(SETUPS[0], broken, _keys(bibliography), tmp_path)


def test_the_harness_fails_on_an_undefined_citation(bibliography: str, tmp_path: Path) -> None:
    missing = bibliography.replace("@misc{backprop-derived:eq-loss,", "@misc{renamed-key,", 1)
    assert missing != bibliography
    with pytest.raises(AssertionError, match="eq-loss"):
        compile_coursework(SETUPS[3], missing, _keys(bibliography), tmp_path)
