"""Keep every HTML id once: furo's wrapper ``div`` copies the ids of the math or table it wraps.

Upstream gap: furo's ``WrapTableAndMathInAContainerTransform`` (priority 500) wraps each
table and display equation in a ``div.table-wrapper`` or ``div.math-wrapper`` for
horizontal scrolling, and copies every attribute of the wrapped node onto the wrapper with
``update_all_atts``, ids included; so ``id="equation-<label>"`` appears twice on a page,
which is invalid HTML and makes the anchor ambiguous. We found no furo issue that reports
it (to file: the transform is in https://github.com/pradyunsg/furo/blob/main/src/furo/__init__.py).

What this does: a post-transform that runs just after furo's (priority 501) and takes the
ids and names off those wrappers, leaving them on the equation or table itself, where
Sphinx put them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: The classes furo gives its wrappers.
WRAPPER_CLASSES = frozenset({"math-wrapper", "table-wrapper"})


class UniqueWrapperIds(SphinxPostTransform):
    """Remove the ids and names furo's wrappers copied from the node they wrap."""

    formats = ("html",)
    default_priority = 501

    def run(self, **kwargs: Any) -> None:
        """Clear ``ids`` and ``names`` of every furo wrapper in the document."""
        del kwargs
        for wrapper in self.document.findall(nodes.container):
            if WRAPPER_CLASSES.intersection(wrapper.get("classes", [])):
                wrapper["ids"] = []
                wrapper["names"] = []


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the post-transform."""
    app.add_post_transform(UniqueWrapperIds)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
