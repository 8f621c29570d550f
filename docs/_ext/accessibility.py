"""Accessibility fixes the theme and Sphinx do not make themselves (WCAG 2.1 AA).

1. Toctree captions get a heading level. Sphinx writes each toctree caption (the sidebar's
   "Tutorial", "Derivations", ...) as ``<p class="caption" role="heading">``; WAI-ARIA 1.2
   requires ``aria-level`` with that role, so axe-core reports ``aria-required-attr`` on
   every page. Reported upstream as sphinx-doc/sphinx#14030 (open), with a fix proposed in
   sphinx-doc/sphinx#14437 (open): level 2, the value ARIA 1.1 implied when it was left
   out. The translator below adds that same level and stops doing anything once Sphinx
   writes an ``aria-level`` itself.
2. Citations are list items. docutils (0.22) writes a group of citations as
   ``<div role="list">`` holding ``<div role="doc-biblioentry">`` entries: DPUB-ARIA 1.1
   deprecates that role (w3c/dpub-aria#22, because a list may only own list items), so
   axe-core reports ``aria-deprecated-role`` and ``aria-required-children`` on the page with
   the bibliography. Each entry gets ``role="listitem"``, which the deprecation note asks for.
3. ``_static/accessibility.js`` (loaded on every page) makes every region that scrolls
   sideways (code, cell outputs, tables, equations) focusable and named, so a keyboard can
   scroll it (axe-core's ``scrollable-region-focusable``, WCAG 2.1.1); ``custom.css`` gives
   every focusable element a visible focus ring and honours ``prefers-reduced-motion``.
4. ``_static/drawer-toggles.js`` lets a keyboard open and close furo's navigation and
   table-of-contents drawers on a narrow window: furo opens them through ``<label>``
   elements, which cannot take focus (WCAG 2.1.1; pradyunsg/furo#660, open, would make them
   focusable). The script puts a named ``<button>`` with ``aria-expanded`` in each label's
   place and keeps a closed, off-screen drawer out of the Tab order.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

#: The level of a toctree caption: ARIA 1.1's implicit default, and upstream's proposal.
CAPTION_LEVEL = 2
ROLE = 'role="heading"'


def _is_toctree_caption(node: nodes.Element) -> bool:
    parent = node.parent
    return isinstance(parent, addnodes.compact_paragraph) and bool(parent.get("toctree"))


class AccessibleHTML5Translator(HTML5Translator):
    """Sphinx's HTML5 translator: toctree captions with a level, citations as list items."""

    def visit_citation(self, node: nodes.Element) -> None:
        """Write the citation as docutils does, with the role a list's child may have."""
        start = len(self.body)
        super().visit_citation(node)
        for index in range(start, len(self.body)):
            self.body[index] = self.body[index].replace(
                'role="doc-biblioentry"', 'role="listitem"'
            )

    def visit_title(self, node: nodes.title) -> None:
        """Write the title as Sphinx does, then give a toctree caption its level."""
        start = len(self.body)
        super().visit_title(node)
        if not _is_toctree_caption(node):
            return
        for index in range(start, len(self.body)):
            tag = self.body[index]
            if ROLE in tag and "aria-level" not in tag:
                self.body[index] = tag.replace(ROLE, f'{ROLE} aria-level="{CAPTION_LEVEL}"', 1)
                return


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the translator and the page scripts."""
    for builder in ("html", "dirhtml", "singlehtml"):
        app.set_translator(builder, AccessibleHTML5Translator, override=True)
    app.add_js_file("accessibility.js", defer="defer")
    app.add_js_file("drawer-toggles.js", defer="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
