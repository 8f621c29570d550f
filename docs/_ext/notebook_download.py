"""Offer every executed page as a notebook: ``<page>.ipynb`` beside its HTML, with outputs.

Upstream gap: MyST-NB offers no download of the notebook a text-based (MyST Markdown)
page becomes, https://github.com/executablebooks/MyST-NB/issues/124 (open). It does write
each page's notebook to ``jupyter_execute/``, but when the outputs came from the cache that
copy has none.

What this does: at ``html-page-context``, for each page with a kernel, it reads that
notebook, merges the cached outputs into it, numbers the cells (their ids are random
otherwise, and two builds of the same sources should offer the same file), writes it
beside the page's HTML, and tells the template (``_templates/components/view-this-page.html``)
its file and download name through ``nb_download`` and ``nb_download_name``.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Any

import nbformat
from jupyter_cache import get_cache
from sphinx.application import Sphinx

#: Prefix of every downloaded file's name, so a student's downloads folder says whose it is.
DOWNLOAD_PREFIX = "backprop-derived-"


def download_name(pagename: str) -> str:
    """Return the file name offered for a page: ``derivations/index`` -> ``...-derivations.ipynb``."""
    parts = pagename.split("/")
    if len(parts) > 1 and parts[-1] == "index":
        parts = parts[:-1]
    return DOWNLOAD_PREFIX + "-".join(parts) + ".ipynb"


def _offer_notebook(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    del templatename, doctree
    if "kernelspec" not in app.env.metadata.get(pagename, {}):
        return
    written = Path(app.env.mystnb_config.output_folder) / f"{pagename}.ipynb"  # type: ignore[attr-defined]
    if not written.is_file():
        return
    notebook = nbformat.read(written, as_version=4)
    if app.config.nb_execution_mode == "cache":
        with suppress(KeyError):  # not in the cache: the written copy is all there is
            cache = get_cache(app.config.nb_execution_cache_path)
            _, notebook = cache.merge_match_into_notebook(notebook)
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"
    target = Path(app.outdir) / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)
    context["nb_download"] = f"{pagename}.ipynb"
    context["nb_download_name"] = download_name(pagename)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handler (after MyST-NB, which writes ``jupyter_execute/``)."""
    app.setup_extension("myst_nb")
    app.connect("html-page-context", _offer_notebook)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
