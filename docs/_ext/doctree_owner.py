"""Keep the build environment out of the pickled doctrees of pages that use ``{eval-rst}``.

Upstream gap: MyST-Parser's ``{eval-rst}`` (``render_restructuredtext`` in
``myst_parser/mdit_to_docutils/base.py``, MyST-Parser 5.2) parses the block into a temporary
docutils document that shares the page's settings, then moves the parsed nodes into the page.
docutils records on each node the document it was built in (``Node.document``), so every
node below the moved ones still points at the temporary document, and through its settings
at the whole ``BuildEnvironment``. Sphinx clears ``settings.env`` only on the copy of the
settings it pickles with the page, so each of those doctrees is pickled with a full copy of
the environment, intersphinx inventories included: 5.7 MB for ``reference/derivations``
(0.1 MB without it). Every build then unpickles them again (``numfig`` makes Sphinx walk
every doctree to number the figures, even when nothing changed), and under ``-j`` each
read worker sends them back to the main process. We found no MyST-Parser issue for it
(to file: https://github.com/executablebooks/MyST-Parser/issues).

What this does: at ``doctree-read``, the last event before Sphinx pickles the page, every
node of the page is told that it belongs to the page's own document.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def foreign_nodes(doctree: nodes.document) -> list[nodes.Node]:
    """Return the nodes of ``doctree`` that record another document as theirs.

    Parameters
    ----------
    doctree : docutils.nodes.document
        A page's doctree.

    Returns
    -------
    list of docutils.nodes.Node
        The nodes whose ``document`` is not ``doctree`` (empty once :func:`adopt` ran).
    """
    return [node for node in doctree.findall() if node.document is not doctree]


def adopt(doctree: nodes.document) -> int:
    """Make ``doctree`` the document of every node in it; return how many nodes changed.

    Parameters
    ----------
    doctree : docutils.nodes.document
        A page's doctree, as read.

    Returns
    -------
    int
        The number of nodes that pointed at another document (those built by ``{eval-rst}``).
    """
    foreign = foreign_nodes(doctree)
    for node in foreign:
        node.document = doctree
    return len(foreign)


def _adopt_after_reading(app: Sphinx, doctree: nodes.document) -> None:
    del app
    adopt(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the ``doctree-read`` handler."""
    app.connect("doctree-read", _adopt_after_reading)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
