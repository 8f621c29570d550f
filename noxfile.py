#!/usr/bin/env python3
# /// script
# dependencies = ["nox>=2025.2.9"]
# ///
"""Every task a person runs on backprop-derived.

``nox -s tests`` runs the proofs' freshness check and the test suite, ``nox -s docs``
builds the site, ``nox -s site`` builds it (and the PDF it offers) and checks it in a real
browser, ``nox -s coursework`` compiles every citation the site offers under TeX Live.
``nox -l`` lists the rest.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
# None: every session uses the interpreter nox runs on (any Python 3.11+), so a fresh
# machine needs no other Python than the one that installed nox.
PYTHON = None
DOCS_SOURCE = ROOT / "docs"
DOCS_BUILD = DOCS_SOURCE / "_build" / "html"


def _install(session: nox.Session, *groups: str) -> None:
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Check the generated tests are fresh, then run the test suite (not the site tests)."""
    _install(session, "test")
    node = _node(session)
    session.run("python", "-m", "derivations", "--check")
    session.run(
        "pytest", "--ignore=tests/site", "--doctest-modules", "tests", "backprop", *session.posargs,
        env={"NODE": node, "NODE_REQUIRED": "1"},
    )  # fmt: skip


def _node(session: nox.Session) -> str:
    """Return the path of Node.js (checks the playground's JavaScript): on PATH, or apt-get it."""
    found = os.environ.get("NODE") or shutil.which("node")
    if not found and shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", external=True, env=apt_env)
        session.run("apt-get", "install", "-y", "nodejs", external=True, env=apt_env)
        found = shutil.which("node")
    if not found:
        session.error("No Node.js found: install Debian's `nodejs` package (or set NODE=/path).")
    return str(found)


@nox.session(python=PYTHON, default=False)
def derive(session: nox.Session) -> None:
    """Prove every derivation and rewrite tests/generated/ (``-- --check`` only checks)."""
    _install(session, "derive")
    session.run("python", "-m", "derivations", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Ruff, mypy --strict, codespell, and the Scientific Python guide's checks (repo-review)."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")
    session.run("codespell")
    session.run("repo-review", ".")


# -- The documentation site -----------------------------------------------------------------

# -j auto: Sphinx reads the pages in parallel processes, and MyST-NB executes each
# uncached page in the process that reads it, so the pages run on every core.
SPHINX_BUILD = ("sphinx-build", "-n", "-W", "--keep-going", "-j", "auto", "-b", "html")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _install_compiled(session: nox.Session, *groups: str) -> None:
    """Install like ``_install``, with bytecode compiled at install time.

    uv does not compile by default, and where PYTHONDONTWRITEBYTECODE is set Python never
    caches it either: every notebook kernel would then recompile SymPy and friends from source
    (seconds per page, and seconds on every no-change rebuild).
    """
    session.env["UV_COMPILE_BYTECODE"] = "1"
    _install(session, *groups)


def _build_site(session: nox.Session, *extra: str) -> None:
    session.run(*SPHINX_BUILD, *extra, str(DOCS_SOURCE), str(DOCS_BUILD))


@nox.session(python=PYTHON, default=False)
def docs(session: nox.Session) -> None:
    """Build the site, strictly, into docs/_build/html (executed pages are cached)."""
    _install_compiled(session, "docs")
    _build_site(session, *session.posargs)


@nox.session(python=PYTHON, default=False)
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000, rebuilt on every edit (docs and the code it runs)."""
    _install_compiled(session, "docs")
    session.run(
        "sphinx-autobuild",
        "--host", "127.0.0.1",
        "--port", "8000",
        "--watch", str(ROOT / "backprop"),
        "--watch", str(ROOT / "derivations"),
        "--watch", str(ROOT / "selfcheck"),
        "--re-ignore", r"(^|/)(_build|\.ipynb_checkpoints|__pycache__)(/|$)",
        "-n", "--keep-going", "-j", "auto",
        *session.posargs,
        str(DOCS_SOURCE),
        str(DOCS_BUILD),
    )  # fmt: skip


def _chromium(session: nox.Session) -> str:
    """Return the path of a Chromium: $CHROMIUM, one on PATH, or (Debian, root) install one."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", external=True, env=apt_env)
        session.run("apt-get", "install", "-y", "chromium", external=True, env=apt_env)
        found = shutil.which("chromium")
        if found:
            return found
    session.error(
        "No Chromium found: install Debian's `chromium` package (or set CHROMIUM=/path/to/it). "
        "The site's browser test never skips in this session."
    )
    raise AssertionError  # unreachable: session.error raises


# -- TeX: the coursework citations and the PDF ----------------------------------------------

TEX_PROGRAMS = ("pdflatex", "xelatex", "bibtex", "biber", "latexmk", "pdftotext", "rsvg-convert")
# The smallest set of Debian packages with every program above, biblatex, the LaTeX
# packages Sphinx's LaTeX builder loads, and the fonts the PDF is set in (DejaVu carries σ′,
# ⊙ and the superscripts of the prose).
TEX_PACKAGES = (
    "texlive-latex-recommended",
    "texlive-latex-extra",
    "texlive-fonts-recommended",
    "texlive-xetex",
    "texlive-bibtex-extra",
    "biber",
    "latexmk",
    "poppler-utils",
    "librsvg2-bin",
    "fonts-dejavu-core",
    "fonts-dejavu-extra",
)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf")
LATEX_BUILD = DOCS_SOURCE / "_build" / "latex"
PDF = LATEX_BUILD / "backprop-derived.pdf"


def _tex(session: nox.Session) -> None:
    """Make sure TeX Live is there: find its programs, or (Debian, root) install them."""
    missing = [name for name in TEX_PROGRAMS if not shutil.which(name)]
    if not missing and (DEJAVU.is_file() or not shutil.which("apt-get")):
        return
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        apt_env = {"DEBIAN_FRONTEND": "noninteractive"}
        # Wait for another apt (a Chromium install, say) instead of failing on its lock.
        lock = ("-o", "DPkg::Lock::Timeout=900")
        session.run("apt-get", *lock, "update", external=True, env=apt_env)
        session.run(
            "apt-get", *lock, "install", "-y", "--no-install-recommends", *TEX_PACKAGES,
            external=True, env=apt_env,
        )  # fmt: skip
        missing = [name for name in TEX_PROGRAMS if not shutil.which(name)]
    if missing:
        session.error(
            f"TeX Live programs missing: {', '.join(missing)}. On Debian install "
            f"{' '.join(TEX_PACKAGES)} (the session does so when run as root)."
        )


def _build_pdf(session: nox.Session) -> None:
    """Sphinx's LaTeX builder, then xelatex (latexmk) in docs/_build/latex."""
    _tex(session)
    session.run(
        "sphinx-build", "-n", "-W", "--keep-going", "-b", "latex",
        str(DOCS_SOURCE), str(LATEX_BUILD),
    )  # fmt: skip
    with session.chdir(LATEX_BUILD):
        session.run(
            "latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error",
            "backprop-derived.tex", external=True,
        )  # fmt: skip


@nox.session(python=PYTHON)
def coursework(session: nox.Session) -> None:
    """Compile every citation the site offers in a coursework document, in six TeX set-ups."""
    _tex(session)
    _install(session, "test")
    session.run(
        "pytest", "tests/test_citation_latex.py", *session.posargs,
        env={"COURSEWORK_REQUIRE_TEX": "1"},
    )  # fmt: skip


@nox.session(python=PYTHON, default=False)
def pdf(session: nox.Session) -> None:
    """Build the PDF of the tutorial and the derivations, then read it back and check it."""
    _install_compiled(session, "docs", "test")
    _build_pdf(session)
    session.run(
        "pytest", "tests/test_citation_pdf.py", *session.posargs,
        env={"PDF_REQUIRED": "1"},
    )  # fmt: skip


def _check_wheel_site(session: nox.Session) -> None:
    """Build the wheel with the built site, install it in a fresh venv, follow a read link."""
    work = Path(session.create_tmp()).resolve() / "wheel-site"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    session.install("build>=1.2")
    session.run(
        "python", "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT),
        env={"BACKPROP_WHEEL_SITE": "require"},
    )  # fmt: skip
    (wheel,) = (work / "dist").glob("*.whl")
    session.log(f"wheel {wheel.name}: {wheel.stat().st_size / 1e6:.1f} MB")
    session.run("python", "-m", "venv", str(work / "venv"))
    python = str(work / "venv" / "bin" / "python")
    session.run(python, "-m", "pip", "install", "--quiet", str(wheel), external=True)
    submission = work / "submission.py"
    shutil.copy(
        ROOT / "tests" / "submissions" / "nielsen_sigma_prime_of_activation.py", submission
    )
    check = ROOT / "tests" / "site" / "check_wheel_site.py"
    with session.chdir(work):  # away from the checkout: nothing of it on sys.path
        session.run(
            python, "-I", str(check), str(submission), external=True, env={"PYTHONPATH": ""}
        )


@nox.session(python=PYTHON)
def site(session: nox.Session) -> None:
    """Build the PDF and the site (which offers it), then check the HTML in headless Chromium.

    Then build the wheel, which ships that site (hatch_build.py), install it in a fresh venv
    and check that a report's read link opens the installed copy.
    """
    chromium = _chromium(session)
    _install_compiled(session, "docs", "test", "site")
    _build_pdf(session)
    _build_site(session)
    _check_wheel_site(session)
    session.run(
        "pytest",
        "tests/site",
        "tests/test_citation_pdf.py",
        *session.posargs,
        env={"CHROMIUM": chromium, "SITE_REQUIRE_BROWSER": "1", "PDF_REQUIRED": "1"},
    )


@nox.session(python=PYTHON, default=False)
def mistakes(session: nox.Session) -> None:
    """Run every check against every mistake of the catalogue; fail unless all are caught."""
    _install(session, "test")
    session.run("python", "-m", "selfcheck", "--catalogue", *session.posargs)


@nox.session(python=PYTHON, default=False)
def mutation(session: nox.Session) -> None:
    """Mutation-test backprop/ with mutmut; fail below 95 % killed or on an unlisted survivor."""
    _install(session, "mutation")
    session.run("mutmut", "run", *session.posargs)
    session.run("mutmut", "export-cicd-stats")
    session.run("python", "-m", "selfcheck.mutation_gate")


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Time Ensemble and Network training against baselines run in the same process."""
    _install(session)
    session.run("python", "benchmarks/training_speed.py", *session.posargs)


@nox.session(name="bench-docs", python=PYTHON, default=False)
def bench_docs(session: nox.Session) -> None:
    """Time a cold build, a no-change rebuild and a prose-only edit, on a copy of docs/."""
    _install_compiled(session, "docs")
    session.run("python", "benchmarks/docs_build.py", *session.posargs)


@nox.session(python=PYTHON, default=False)
def intersphinx(session: nox.Session) -> None:
    """Refresh docs/_intersphinx/ with the projects' objects.inv (downloads; or -- --from KEY=.deb)."""
    # The script needs only the standard library (and dpkg-deb for a .deb source).
    session.run("python", "docs/_intersphinx/refresh.py", *session.posargs)


if __name__ == "__main__":
    nox.main()
