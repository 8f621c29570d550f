r"""Pictures drawn from data: a network with every parameter labelled, a computational graph.

The docs pages pass in the numbers the code computed (``net.weights``, the values of a
forward and a backward pass) and get back a :class:`Picture`: an inline SVG whose every
label is one of those numbers, and an alt text that states them. Nothing here computes a
derivative or knows about ``backprop``; the pictures only lay out what they are given.

The SVG draws its lines and text in ``currentColor`` and its label halos in the page's
background colour (furo's ``--color-background-primary``), so it follows the light and the
dark theme. Plain Python, no plotting library: the output is deterministic text, which the
tests parse.

Notation (the notation page): :math:`W^{(l)}_{jk}` is the weight from neuron :math:`k` of
layer :math:`l - 1` to neuron :math:`j` of layer :math:`l`, numbered from 1 on the page
(``weights[l - 1][j - 1][k - 1]`` in the code).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["Edge", "Node", "Picture", "computational_graph", "network_diagram", "symbol"]

#: Colours that read on a white and on a near-black background alike.
GRADIENT_COLOUR = "#d9730d"
LOCAL_COLOUR = "#3a86c8"
_HALO = (
    "paint-order:stroke;stroke:var(--color-background-primary, #ffffff);"
    "stroke-width:4px;stroke-linejoin:round"
)
_SUB = {"-": "₋", **{str(d): "₀₁₂₃₄₅₆₇₈₉"[d] for d in range(10)}}
_SUP = {"(": "⁽", ")": "⁾", "-": "⁻", **{str(d): "⁰¹²³⁴⁵⁶⁷⁸⁹"[d] for d in range(10)}}


@dataclass(frozen=True)
class Picture:
    """An inline SVG and the alt text that says what it shows.

    Attributes
    ----------
    svg : str
        The ``<svg>`` element, with ``role="img"``, an ``aria-label`` and a ``<title>``.
    alt : str
        The same description in plain text.
    labels : tuple of str
        Every text label drawn, in drawing order (what the tests compare with the data).
    """

    svg: str
    alt: str
    labels: tuple[str, ...]

    def _repr_html_(self) -> str:
        """Return the SVG, so a notebook cell whose value is a Picture shows it."""
        return self.svg


def symbol(name: str, superscript: str = "", subscript: str = "") -> str:
    """Return ``name`` with a Unicode superscript and subscript, e.g. ``W⁽²⁾₁₂``.

    Raises
    ------
    ValueError
        When a character of ``superscript`` or ``subscript`` has no Unicode form.
    """
    for text, table, where in ((superscript, _SUP, "superscript"), (subscript, _SUB, "subscript")):
        missing = sorted({c for c in text if c not in table})
        if missing:
            message = f"{where} {text!r} has characters with no Unicode {where}: {missing}"
            raise ValueError(message)
    return name + "".join(_SUP[c] for c in superscript) + "".join(_SUB[c] for c in subscript)


def _number(value: float, digits: int) -> str:
    if not math.isfinite(value):
        message = f"a picture label must be a finite number, got {value!r}"
        raise ValueError(message)
    text = f"{value:.{digits}f}"
    return "0." + "0" * digits if text.strip("-0.") == "" else text.replace("-", "−")


def _text(
    x: float,
    y: float,
    content: str,
    *,
    size: int = 13,
    colour: str = "currentColor",
    anchor: str = "middle",
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{colour}" font-weight="{weight}" style="{_HALO}">{escape(content)}</text>'
    )


def _svg(width: float, height: float, alt: str, body: Sequence[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(alt)}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'style="max-width:{width:.0f}px;color:inherit;font-family:inherit">'
        f"<title>{escape(alt)}</title>" + "".join(body) + "</svg>"
    )


def _check_layers(
    weights: Sequence[Sequence[Sequence[float]]], biases: Sequence[Sequence[Sequence[float]]]
) -> list[int]:
    if not weights or len(weights) != len(biases):
        message = (
            f"expected one weight matrix and one bias column per layer, got {len(weights)} "
            f"weight matrices and {len(biases)} bias columns"
        )
        raise ValueError(message)
    sizes = [len(weights[0][0])] if weights[0] else [0]
    for layer, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
        if not w or any(len(row) != sizes[-1] for row in w) or len(b) != len(w):
            shape = [len(row) for row in w]
            message = (
                f"layer {layer}: expected W({layer}) with {sizes[-1]} columns and b({layer}) "
                f"with one row per row of W; got rows of lengths {shape} and {len(b)} biases"
            )
            raise ValueError(message)
        sizes.append(len(w))
    return sizes


def network_diagram(
    weights: Sequence[Sequence[Sequence[float]]],
    biases: Sequence[Sequence[Sequence[float]]],
    *,
    digits: int = 2,
) -> Picture:
    """Draw a fully connected network with every weight and bias labelled with its value.

    Parameters
    ----------
    weights : sequence of matrices
        ``weights[l - 1]`` is :math:`W^{(l)}`, shape ``(n_l, n_{l-1})`` as nested lists.
    biases : sequence of columns
        ``biases[l - 1]`` is :math:`b^{(l)}`, shape ``(n_l, 1)`` as nested lists.
    digits : int, optional
        Decimals shown.

    Returns
    -------
    Picture
        Neurons in columns (inputs :math:`x_k` on the left), one labelled line per weight
        (``W⁽ˡ⁾ⱼₖ = value``) and each neuron's bias (``b⁽ˡ⁾ⱼ = value``) beside it.

    Raises
    ------
    ValueError
        When the shapes do not chain (the columns of each W are the rows of the one before)
        or a value is not finite.
    """
    sizes = _check_layers(weights, biases)
    column_gap, row_gap, top, left, radius = 250.0, 120.0, 50.0, 60.0, 20.0
    height = top + row_gap * max(sizes) + 10
    width = left * 2 + column_gap * (len(sizes) - 1) + 60

    def centre(layer: int, j: int) -> tuple[float, float]:
        offset = (max(sizes) - sizes[layer]) * row_gap / 2
        return left + column_gap * layer, top + offset + row_gap * (j + 0.5) - 20

    body: list[str] = []
    labels: list[str] = []
    described: list[str] = []
    for layer in range(1, len(sizes)):
        w, count = weights[layer - 1], len(weights[layer - 1])
        for j in range(count):
            for k in range(sizes[layer - 1]):
                (x0, y0), (x1, y1) = centre(layer - 1, k), centre(layer, j)
                body.append(
                    f'<line x1="{x0 + radius:.1f}" y1="{y0:.1f}" x2="{x1 - radius:.1f}" '
                    f'y2="{y1:.1f}" stroke="currentColor" stroke-width="1.5" opacity="0.7"/>'
                )
                # Label each line near its receiving end, where the lines into one neuron
                # fan apart; the sending index decides how far along.
                t = 0.72 - 0.14 * k
                label = (
                    f"{symbol('W', f'({layer})', f'{j + 1}{k + 1}')} = {_number(w[j][k], digits)}"
                )
                body.append(_text(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t - 4, label, size=12))
                labels.append(label)
                described.append(label)
    for layer, size in enumerate(sizes):
        for j in range(size):
            x, y = centre(layer, j)
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.0f}" fill="none" '
                f'stroke="currentColor" stroke-width="2"/>'
            )
            name = (
                symbol("x", "", f"{j + 1}")
                if layer == 0
                else symbol("a", f"({layer})", f"{j + 1}")
            )
            body.append(_text(x, y + 5, name, size=14))
            labels.append(name)
            if layer:
                bias = biases[layer - 1][j][0]
                label = f"{symbol('b', f'({layer})', f'{j + 1}')} = {_number(bias, digits)}"
                body.append(_text(x, y + radius + 18, label, size=12, colour=LOCAL_COLOUR))
                labels.append(label)
                described.append(label)
    shape = "-".join(str(n) for n in sizes)
    alt = f"The {shape} network drawn from its parameters: " + "; ".join(described) + "."
    return Picture(_svg(width, height, alt, body), alt, tuple(labels))


@dataclass(frozen=True)
class Node:
    r"""One quantity of a computational graph.

    Attributes
    ----------
    name : str
        How the page writes it, e.g. ``"z⁽¹⁾"``.
    value : float
        Its value in the forward pass.
    gradient : float
        :math:`\partial L/\partial` (this quantity), from the backward pass.
    column, row : float
        Where it is drawn: columns run from the inputs (0) to the loss.
    """

    name: str
    value: float
    gradient: float
    column: float
    row: float


@dataclass(frozen=True)
class Edge:
    r"""A dependence of ``target`` on ``source``, labelled with the local derivative.

    Attributes
    ----------
    source, target : str
        Node names.
    local : float
        :math:`\partial\,\text{target}/\partial\,\text{source}` at the forward values.
    """

    source: str
    target: str
    local: float


def computational_graph(
    nodes: Sequence[Node], edges: Sequence[Edge], *, digits: int = 4
) -> Picture:
    """Draw a computational graph: each node's value and gradient, each edge's local derivative.

    Parameters
    ----------
    nodes : sequence of Node
        The quantities, with their forward values and their gradients ∂L/∂(node).
    edges : sequence of Edge
        Which node feeds which, with the local derivative.
    digits : int, optional
        Decimals shown.

    Returns
    -------
    Picture
        Each node as a box with its name and ``= value`` in the text colour and
        ``∂L/∂· = gradient`` in orange below; each edge as an arrow with the local derivative
        in blue at its middle.

    Raises
    ------
    ValueError
        When two nodes share a name, an edge names a node that is not given, or a number is
        not finite.
    """
    by_name = {node.name: node for node in nodes}
    if len(by_name) != len(nodes):
        names = [node.name for node in nodes]
        message = f"node names must be unique, got {names}"
        raise ValueError(message)
    for edge in edges:
        for end in (edge.source, edge.target):
            if end not in by_name:
                message = f"edge {edge.source!r} → {edge.target!r} names {end!r}, not a node"
                raise ValueError(message)
    if not nodes:
        message = "a computational graph needs at least one node"
        raise ValueError(message)
    column_gap, row_gap, box_w, box_h, margin = 170.0, 96.0, 120.0, 50.0, 20.0
    columns = max(node.column for node in nodes)
    rows = max(node.row for node in nodes)
    width = margin * 2 + box_w + column_gap * columns
    height = margin * 2 + box_h + row_gap * rows + 20

    def centre(node: Node) -> tuple[float, float]:
        return (
            margin + box_w / 2 + column_gap * node.column,
            margin + box_h / 2 + row_gap * node.row,
        )

    body = [
        (
            '<defs><marker id="ARROW" viewBox="0 0 10 10" refX="10" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path d="M 0 0 L 10 5 L 0 10 z" fill="currentColor"/></marker></defs>'
        )
    ]
    labels: list[str] = []
    for edge in edges:
        (x0, y0), (x1, y1) = centre(by_name[edge.source]), centre(by_name[edge.target])
        dx, dy = x1 - x0, y1 - y0
        # Start and end the arrow at the boxes' edges, not their centres.
        scale = min(
            (box_w / 2) / abs(dx) if dx else math.inf, (box_h / 2) / abs(dy) if dy else math.inf
        )
        sx, sy, ex, ey = x0 + dx * scale, y0 + dy * scale, x1 - dx * scale, y1 - dy * scale
        body.append(
            f'<line x1="{sx:.1f}" y1="{sy:.1f}" x2="{ex:.1f}" y2="{ey:.1f}" '
            f'stroke="currentColor" stroke-width="1.4" opacity="0.75" '
            f'marker-end="url(#ARROW)"/>'
        )
        label = _number(edge.local, digits)
        body.append(_text((sx + ex) / 2, (sy + ey) / 2 - 5, label, size=12, colour=LOCAL_COLOUR))
        labels.append(label)
    described = []
    for node in nodes:
        x, y = centre(node)
        body.append(
            f'<rect x="{x - box_w / 2:.1f}" y="{y - box_h / 2:.1f}" width="{box_w:.0f}" '
            f'height="{box_h:.0f}" rx="8" fill="none" stroke="currentColor" stroke-width="1.6"/>'
        )
        value = f"{node.name} = {_number(node.value, digits)}"
        grad = f"∂L/∂{node.name} = {_number(node.gradient, digits)}"
        body.append(_text(x, y - 5, value, size=13, weight="bold"))
        body.append(_text(x, y + 15, grad, size=11, colour=GRADIENT_COLOUR))
        labels += [value, grad]
        described.append(f"{value} with {grad}")
    local = [f"∂{e.target}/∂{e.source} = {_number(e.local, digits)}" for e in edges]
    alt = (
        "Computational graph. Nodes: " + "; ".join(described) + ". Local derivatives on the "
        "edges: " + "; ".join(local) + "."
    )
    # One arrow-head id per graph, from what it shows: two graphs on a page never share an id.
    arrow = "arrow-" + hashlib.sha256(alt.encode()).hexdigest()[:12]
    body = [part.replace("ARROW", arrow) for part in body]
    return Picture(_svg(width, height, alt, body), alt, tuple(labels))
