"""The ``{playground}`` directive: the in-page 2-2-1 network of the playground.

``python -m derivations`` prints the arithmetic (``_static/playground/network.js``); the
interface (the other scripts of ``_static/playground/``, listed in ``SCRIPTS``, and
``playground.css``) only calls it.
What the page needs from the build is written here, into the page, while it is built:

* every offered seed's initial weights and biases, from ``backprop.Network`` (NumPy's
  random draws are not reproduced in JavaScript), and the XOR data from ``backprop.xor``;
* for each equation the interface highlights, its number and the URL of its derivation
  (``#equation-<label>``), read from Sphinx's math domain once every page is read.

Options: ``:compact:`` draws the graph and the step-by-step stages only (for the tutorial
and the explanation pages); without it the page gets train mode, the live views and the
gradient check too.
"""

from __future__ import annotations

import html
import json
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

import backprop as bp

#: The seeds a reader can pick; 3 is the tutorial's documented seed, 0 stops on a plateau.
SEEDS = tuple(range(10))
DEFAULT_SEED = 3
#: The equations the stages highlight, in the order of the stages.
LABELS = (
    "eq-forward-hidden",
    "eq-forward-output",
    "eq-loss",
    "eq-cross-entropy",
    "eq-output-delta",
    "eq-output-delta-cross-entropy",
    "eq-hidden-delta",
    "eq-grad-w2",
    "eq-grad-b2",
    "eq-grad-w1",
    "eq-grad-b1",
    "eq-update-w2",
    "eq-update-b2",
    "eq-update-w1",
    "eq-update-b1",
)
#: In load order: the generated arithmetic, then the interface's classic scripts (they share
#: the one global ``backpropPlayground``, which state.js defines and playground.js, last,
#: starts).
SCRIPTS = (
    "playground/network.js",
    "playground/state.js",
    "playground/graph.js",
    "playground/controls.js",
    "playground/training.js",
    "playground/charts.js",
    "playground/playground.js",
)
STYLE = "playground/playground.css"


class playground_node(nodes.General, nodes.Element):
    """Where the interface goes; rendered by :func:`visit_playground_html`."""


def seeds() -> dict[str, Any]:
    """Return the XOR data and each seed's initial parameters, as ``backprop`` draws them."""
    X, y = bp.xor()
    offered = {}
    for seed in SEEDS:
        net = bp.Network([2, 2, 1], seed=seed)
        offered[str(seed)] = {
            "weights": [w.tolist() for w in net.weights],
            "biases": [b.tolist() for b in net.biases],
        }
    return {"X": X.tolist(), "y": y.tolist(), "seeds": offered, "defaultSeed": DEFAULT_SEED}


class PlaygroundDirective(SphinxDirective):
    """``{playground}`` with an optional ``:compact:`` flag."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"compact": directives.flag}

    def run(self) -> list[nodes.Node]:
        node = playground_node()
        node["variant"] = "compact" if "compact" in self.options else "full"
        return [node]


def _equations(translator: HTML5Translator) -> dict[str, dict[str, Any]]:
    builder = translator.builder
    here = builder.current_docname
    math = builder.env.get_domain("math")
    found = {}
    for label in LABELS:
        if label not in math.equations:  # type: ignore[attr-defined]
            message = f"the playground highlights {label}, which no page defines"
            raise KeyError(message)
        docname, number = math.equations[label]  # type: ignore[attr-defined]
        url = builder.get_relative_uri(here, docname) + f"#equation-{label}"
        found[label] = {"number": number, "url": url}
    return found


def visit_playground_html(translator: HTML5Translator, node: playground_node) -> None:
    """Write the container, the build's data and (once per page) the scripts and style."""
    here = translator.builder.get_target_uri(translator.builder.current_docname)
    static = [relative_uri(here, f"_static/{path}") for path in (STYLE, *SCRIPTS)]
    data = {**seeds(), "equations": _equations(translator)}
    data["playgroundUrl"] = translator.builder.get_relative_uri(
        translator.builder.current_docname, "playground/index"
    )
    payload = json.dumps(data, sort_keys=True).replace("</", "<\\/")
    parts = [
        f'<div class="bp-playground" data-variant="{html.escape(node["variant"])}">',
        f'<script type="application/json" class="bp-playground-data">{payload}</script>',
        (
            "<noscript><p>The playground needs JavaScript: it trains the network in your "
            "browser. Everything it shows is also computed on the tutorial page.</p></noscript>"
        ),
        "</div>",
    ]
    if not getattr(translator, "_playground_assets", False):
        translator._playground_assets = True  # type: ignore[attr-defined]
        parts.insert(0, f'<link rel="stylesheet" href="{html.escape(static[0])}">')
        parts += [f'<script src="{html.escape(src)}"></script>' for src in static[1:]]
    translator.body.append("\n".join(parts) + "\n")
    raise nodes.SkipNode


def _skip(_translator: Any, _node: playground_node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive and its node (HTML only; other builders skip it)."""
    app.add_node(
        playground_node,
        html=(visit_playground_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_directive("playground", PlaygroundDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
