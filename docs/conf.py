"""Sphinx configuration for the backprop-derived site.

Build (strict, as CI does): ``nox -s docs``, which runs
``sphinx-build -n -W --keep-going -b html docs docs/_build/html``.

The site is built to work with no network at all, at build time and in the reader's browser:
math is typeset by the MathJax copy in ``_static/mathjax``, and intersphinx reads the
inventories in ``_intersphinx/`` (see the README files in both folders).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import suppress
from pathlib import Path, PurePosixPath
from typing import Any

import nbformat
from docutils import nodes
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from myst_nb.core.read import create_nb_reader
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging as sphinx_logging

try:
    from sphinx.util._pathlib import _StrPath as _SourcePath
except ImportError:  # Sphinx < 8.2 used plain strings
    _SourcePath = str  # type: ignore[assignment,misc]

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

# derivations/ is not installed: it runs from the checkout. Sphinx (autodoc) imports it from
# sys.path; the Jupyter kernels that execute the pages are separate processes and inherit
# PYTHONPATH from this one, so set both before anything is executed.
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(DOCS / "_ext"))  # the site's own Sphinx extensions
_paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT), *(p for p in _paths if Path(p).resolve() != ROOT)]
)

# -- Project -------------------------------------------------------------------------------

project = "backprop-derived"
author = "The backprop-derived authors"
copyright = "2026, The backprop-derived authors"
release = "0.1.0"
version = release

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",
    "playground",
    "accessibility",  # docs/_ext/accessibility.py: WCAG 2.1 AA fixes (issue 15)
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "_static",
    "_templates",
    "_intersphinx",
    "**/.ipynb_checkpoints",
    "**/README.md",
]
templates_path = ["_templates"]
nitpicky = True

# -- MyST and MyST-NB ----------------------------------------------------------------------

myst_enable_extensions = [
    "amsmath",
    "colon_fence",
    "deflist",
    "dollarmath",
    "fieldlist",
    "substitution",
]
myst_heading_anchors = 3
myst_dmath_double_inline = True


def _code_fingerprint() -> str:
    """Hash the Python code the pages import (jupyter-cache only hashes the cells)."""
    digest = hashlib.sha256()
    for package in ("backprop", "derivations", "selfcheck", "tests/generated"):
        for path in sorted((ROOT / package).rglob("*.py")):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


# A page is re-executed when its cells change (jupyter-cache) *or* when the code it imports
# changes (backprop/, derivations/, selfcheck/ and the generated checks selfcheck runs): the cache lives in a folder named after the code's hash, and a
# changed path is a changed config value, so Sphinx re-reads every page. The cache sits
# beside the output folder (docs/_build/.jupyter_cache for docs/_build/html): see
# _cache_beside_output below. Stale caches are removed.
_CACHE_KEY = _code_fingerprint()

nb_execution_mode = "cache"
nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache" / _CACHE_KEY)
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_execution_timeout = 300
nb_merge_streams = True
# No widget JavaScript from a CDN: the site loads nothing from outside itself.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}

# -- Math ----------------------------------------------------------------------------------

numfig = True
math_numfig = True
math_eqref_format = "({number})"
# MathJax 3, vendored (see _static/mathjax/README.md): SVG output needs no web fonts, so
# equations render from file:// too.
mathjax_path = "mathjax/tex-svg-full.js"
mathjax3_config = {
    # Without noerrors/noundefined, bad TeX shows as a MathJax error (which the browser test
    # catches) instead of quietly rendering as red source text.
    "tex": {"packages": {"[-]": ["noerrors", "noundefined"]}},
    "svg": {"fontCache": "global"},
    # Hidden MathML beside each SVG formula, for screen readers (the vendored build includes
    # a11y/assistive-mml; on by default, stated here because the browser tests rely on it).
    "options": {"menuOptions": {"settings": {"assistiveMml": True}}},
}

# -- API reference -------------------------------------------------------------------------

autodoc_member_order = "bysource"
# numpydoc loads autosummary; nothing here uses it, and its stub scan imports every module
# named in the sources on each build (seconds, even when nothing changed).
autosummary_generate = False
autodoc_typehints = "none"  # numpydoc docstrings give the types, with shapes
autodoc_default_options = {"members": True}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

# Local inventories (no network at build time); docs/_intersphinx/make_inventories.py
# writes them with the real URLs of the objects the pages refer to.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3/", str(DOCS / "_intersphinx" / "python-objects.inv")),
    "numpy": ("https://numpy.org/doc/stable/", str(DOCS / "_intersphinx" / "numpy-objects.inv")),
    "sympy": ("https://docs.sympy.org/latest/", str(DOCS / "_intersphinx" / "sympy-objects.inv")),
}

# -- Bibliography --------------------------------------------------------------------------

bibtex_bibfiles = ["references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- Citations and the PDF (docs/_ext/cite_box, docs/_ext/citations.py; nox -s pdf) -------

extensions.append("cite_box")
cite_pdf = str(DOCS / "_build" / "latex" / "backprop-derived.pdf")  # offered when built
latex_engine = "xelatex"  # DejaVu carries σ′, ⊙ and the superscripts of the prose
latex_documents = [
    ("cite/pdf", "backprop-derived.tex", "backprop-derived", author, "manual"),
]
latex_use_xindy = False
# The pages draw their plots as SVG, which LaTeX cannot include: rsvg-convert makes PDFs.
extensions.append("sphinxcontrib.rsvgconverter")
nb_mime_priority_overrides = [("latex", "image/svg+xml", 15)]
latex_elements = {
    "fontpkg": "\\setmainfont{DejaVu Serif}\\setsansfont{DejaVu Sans}"
    "\\setmonofont{DejaVu Sans Mono}[Scale=0.9]",
    "printindex": "",
}

# -- Copy button ---------------------------------------------------------------------------

copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_exclude = ".linenos, .gp, .go"

# -- HTML ----------------------------------------------------------------------------------

html_theme = "furo"
html_title = "backprop-derived"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_last_updated_fmt = None
html_show_sphinx = True
html_copy_source = True
html_theme_options: dict[str, Any] = {
    "top_of_page_buttons": ["view"],
    "light_css_variables": {
        "color-brand-primary": "#1f5f8b",
        "color-brand-content": "#1f5f8b",
        "color-brand-visited": "#5b4a9e",
        "color-admonition-title--note": "#1f5f8b",
        "color-admonition-title-background--note": "rgba(31, 95, 139, 0.1)",
    },
    "dark_css_variables": {
        "color-brand-primary": "#7cb7e3",
        "color-brand-content": "#7cb7e3",
        "color-brand-visited": "#b3a4e8",
        "color-admonition-title--note": "#7cb7e3",
        "color-admonition-title-background--note": "rgba(124, 183, 227, 0.12)",
    },
}


def _notebook_download_name(pagename: str) -> str:
    parts = pagename.split("/")
    if len(parts) > 1 and parts[-1] == "index":
        parts = parts[:-1]
    return "backprop-derived-" + "-".join(parts) + ".ipynb"


def _offer_notebook(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Put the executed notebook of a page beside its HTML and tell the template about it.

    MyST-NB writes each page's notebook to ``jupyter_execute/``, but when the outputs came
    from the cache that copy has none; so the outputs are merged in from the cache here.
    """
    del templatename, doctree
    if "kernelspec" not in app.env.metadata.get(pagename, {}):
        return
    written = Path(app.env.mystnb_config.output_folder) / f"{pagename}.ipynb"  # type: ignore[attr-defined]
    if not written.is_file():
        return
    notebook = nbformat.read(written, as_version=4)
    if app.config.nb_execution_mode == "cache":
        with suppress(KeyError):
            _, notebook = get_cache(app.config.nb_execution_cache_path).merge_match_into_notebook(
                notebook
            )
    # Cell ids are random when a page is converted to a notebook; number them instead, so
    # that two builds of the same sources offer the same file.
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
    target = Path(app.outdir) / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["nb_download"] = f"{pagename}.ipynb"
    context["nb_download_name"] = _notebook_download_name(pagename)


_BACKLINK = re.compile(r'href="(?P<page>[^"#]*)#(?P<target>[\w.]+)"')


def _fix_source_backlinks(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Point viewcode's "[docs]" links at the page and id where each object is documented.

    sphinx.ext.viewcode builds every back link of a module's source page from the first
    module name it met the code under, and the page it met it on: ``backprop.Gradients``
    (documented under the package) makes it write ``#backprop.bias_gradient`` for
    ``backprop.gradients.bias_gradient``. Each back link is resolved again here through the
    Python domain: the name as written, else the name in the module the page shows.
    """
    del templatename, doctree
    if not pagename.startswith("_modules/") or "body" not in context:
        return
    module = pagename.removeprefix("_modules/").replace("/", ".")
    objects = app.env.get_domain("py").objects  # type: ignore[attr-defined]

    def fix(match: re.Match[str]) -> str:
        target = match["target"]
        for name in (target, f"{module}.{target.rpartition('.')[2]}"):
            entry = objects.get(name)
            if entry is not None and not getattr(entry, "aliased", False):
                uri = app.builder.get_relative_uri(pagename, entry.docname)
                return f'href="{uri}#{entry.node_id}"'
        return match[0]

    context["body"] = _BACKLINK.sub(fix, context["body"])


class UniqueWrapperIds(SphinxPostTransform):
    """Keep each HTML id once: furo's wrapper div copies the ids of the math/table it wraps.

    Without this, ``id="equation-<label>"`` appears twice on a page (invalid HTML).
    Runs just after furo's ``WrapTableAndMathInAContainerTransform`` (priority 500).
    """

    formats = ("html",)
    default_priority = 501

    def run(self, **kwargs: Any) -> None:
        del kwargs
        for wrapper in self.document.findall(nodes.container):
            classes = wrapper.get("classes", [])
            if "math-wrapper" in classes or "table-wrapper" in classes:
                wrapper["ids"] = []
                wrapper["names"] = []


def _cache_beside_output(app: Sphinx, config: Any) -> None:
    """Keep the execution cache next to the output, so two build folders never share one."""
    cache_root = Path(app.outdir).parent / ".jupyter_cache"
    if cache_root.is_dir():
        for stale in cache_root.iterdir():
            database = stale / "global.db"
            # Unused for ten minutes: no build that is still running can be writing to it.
            idle = time.time() - (database.stat().st_mtime if database.exists() else 0)
            if stale.name != _CACHE_KEY and idle > 600:
                shutil.rmtree(stale, ignore_errors=True)
    config.nb_execution_cache_path = str(cache_root / _CACHE_KEY)


#: Pages whose cells train many networks (seconds, not a fraction of one): started first.
_LONG_RUNNING_PAGES = frozenset({"convergence", "cross-entropy", "common-mistakes"})


def _execute_in_parallel(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Run the pages' notebooks that are not cached yet on every core, before Sphinx reads.

    MyST-NB executes a page while Sphinx reads it, one at a time (or one per reading process
    under ``-j``, in fixed chunks). Here every notebook page about to be read that has no
    cached result is executed first, in a pool as wide as the machine, exactly as MyST-NB's
    "cache" mode would (same reader, same ``single_nb_execution``), and put in the cache;
    MyST-NB then only reads the cache. This is only a shortcut: a notebook that fails here is
    left out and MyST-NB executes it again, and reports its error, the usual way.
    """
    if app.config.nb_execution_mode != "cache" or len(docnames) < 2:
        return
    md_config, nb_config = env.myst_config, env.mystnb_config
    cache = get_cache(app.config.nb_execution_cache_path)
    pending = []
    for docname in docnames:
        path = Path(env.doc2path(docname))
        excluded = nb_config.execution_excludepatterns
        if path.suffix != ".md" or any(PurePosixPath(path).match(p) for p in excluded):
            continue
        text = path.read_text(encoding="utf-8")
        reader = create_nb_reader(str(path), md_config, nb_config, text)
        if reader is None:
            continue
        notebook = reader.read(text)
        overrides = notebook.metadata.get(nb_config.metadata_key, {})
        if any(key.startswith("execution_") for key in overrides):
            continue  # the page changes how it runs: leave it to MyST-NB
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            pending.append((path, notebook, reader.read_fmt))
    if len(pending) < 2:
        return
    # Longest first, so no long page starts last: the pages that train thousands of networks,
    # then by size, which is a fair guess at the cost of the rest.
    pending.sort(
        key=lambda item: (
            PurePosixPath(item[0]).stem in _LONG_RUNNING_PAGES,
            item[0].stat().st_size,
        ),
        reverse=True,
    )
    logger = sphinx_logging.getLogger(__name__)
    workers = min(len(pending), os.cpu_count() or 1)
    logger.info("executing %d notebooks on %d processes", len(pending), workers)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {
            pool.submit(
                single_nb_execution,
                notebook,
                cwd=str(path.parent),
                timeout=nb_config.execution_timeout,
                allow_errors=nb_config.execution_allow_errors,
                meta_override=True,
            ): (path, read_fmt)
            for path, notebook, read_fmt in pending
        }
        for future in as_completed(futures):
            path, read_fmt = futures[future]
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 (any failure: MyST-NB runs it again)
                logger.info("%s: parallel execution failed (%r); retrying serially", path, error)
                continue
            if result.err is not None:
                continue
            if read_fmt is not None:
                cache.add_nb_to_project(str(path), read_data=read_fmt)
            else:
                cache.add_nb_to_project(str(path))
            cache.cache_notebook_bundle(
                CacheBundleIn(
                    result.nb,
                    str(path),
                    data={"execution_seconds": result.time},
                ),
                check_validity=False,
                overwrite=True,
            )
            logger.info("%s: executed in %.2f s", path, result.time)


_module_source = ModuleAnalyzer.get_module_source


def _project_module_source(modname: str) -> tuple[Any, str | None]:
    """Find backprop/ and derivations/ sources by path instead of importing them.

    viewcode asks for every module's source on every build, even when nothing changed, and
    Sphinx finds it by importing the module: ``derivations`` then derives all its results
    again (seconds of SymPy) just to learn a file name.
    """
    parts = modname.split(".")
    if parts[0] in {"backprop", "derivations"}:
        base = ROOT.joinpath(*parts)
        for path in (base.with_suffix(".py"), base / "__init__.py"):
            if path.is_file():
                return _SourcePath(path), path.read_text(encoding="utf-8")
    return _module_source(modname)


ModuleAnalyzer.get_module_source = staticmethod(_project_module_source)  # type: ignore[method-assign]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _cache_beside_output)
    app.connect("env-before-read-docs", _execute_in_parallel)
    app.connect("html-page-context", _offer_notebook)
    app.connect("html-page-context", _fix_source_backlinks)
    app.add_post_transform(UniqueWrapperIds)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
