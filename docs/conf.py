"""Sphinx configuration for the backprop-derived site: settings only.

Build (strict, as CI does): ``nox -s docs``. The few extensions of our own live in
``_ext/``, one concern per module (see ``_ext/__init__.py``).

The site is built to work with no network at all, at build time and in the reader's browser:
math is typeset by the MathJax copy in ``_static/mathjax``, and intersphinx reads the
projects' own inventories, committed in ``_intersphinx/`` (see the README files in both
folders).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path
from typing import Any

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
# Our extensions are imported as _ext.<module>, from this folder.
sys.path.insert(0, str(DOCS))
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# -- Project -------------------------------------------------------------------------------

project = "backprop-derived"
author = "The backprop-derived authors"
copyright = "2026, The backprop-derived authors"
release = PYPROJECT["project"]["version"]
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
    "_ext.execution_cache",
    "_ext.doctree_owner",
    "_ext.notebook_download",
    "_ext.unique_ids",
    "_ext.playground",
    "_ext.accessibility",  # WCAG 2.1 AA fixes (issue 15)
    "_ext.cite_box",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = [
    "_build",
    "_static",
    "_templates",
    "_intersphinx",
    "_ext",
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

# Executed pages are cached (jupyter-cache): a prose-only edit re-executes nothing.
# _ext/execution_cache.py points the cache at a folder named after the hash of the code
# the pages import, beside the output folder; this value is only its fallback.
nb_execution_mode = "cache"
nb_execution_cache_path = str(DOCS / "_build" / ".jupyter_cache")
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

# The projects' own objects.inv files, committed (no network at build time); refreshed by
# `nox -s intersphinx`. docs/_intersphinx/README.md says where each one came from.
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
