r"""Brute force: differentiate the whole loss of complete networks, parameter by parameter.

The results in :data:`derivations.REGISTRY` each prove one step of
backpropagation. This module checks the whole recursion at once, on complete
networks, without assuming any of it. For each architecture in
:data:`ARCHITECTURES` (2-2-1, 3-4-2, 2-3-3-1 and the all-square 2-2-2) and
:data:`DEEP_ARCHITECTURES` (2-2-2-2, 2-2-2-2-1 and 1-3-2-1-2: depth 3 and 4), each with a
batch of more than one sample, it

1. composes the full scalar loss :math:`L = \frac{1}{2}\sum (a^{(D)} - y)^2` from
   symbols for the inputs, targets, every weight and every bias, neuron by
   neuron (:func:`derivations.network.neuron_layer`), by
   :func:`~derivations.composed_loss.compose` (module :mod:`derivations.composed_loss`);
2. differentiates it with ``sympy.diff`` with respect to every parameter (the
   2-2-1 network has 9), and with respect to every weighted sum :math:`z^{(l)}_{ji}`
   (through a perturbation :math:`\varepsilon^{(l)}_{ji}` added to it and then set
   to 0), which gives every delta of every sample;
3. builds the δ-rule values from the *closed forms* of the registry, instantiated
   at this architecture's shapes: ``eq-output-delta`` for the last layer,
   ``eq-hidden-delta`` for every hidden layer (the recursion), and
   ``eq-grad-*`` for the gradients;
4. proves each derivative equal to its δ-rule entry: σ′ is replaced by
   σ(1 − σ) (``eq-sigmoid-derivative``), each σ value by an independent symbol,
   and the difference expands to exactly 0.

For :data:`CROSS_ENTROPY_ARCHITECTURES` the composed loss is the cross-entropy
:math:`-\sum [y \log a^{(D)} + (1 - y) \log(1 - a^{(D)})]` (``eq-cross-entropy``) and the
last layer's δ rule is ``eq-output-delta-cross-entropy``; differentiating the logarithms
produces σ′/σ and σ′/(1 − σ), which the same replacement reduces exactly.

The docs can tabulate :attr:`BruteForceReport.rows`: one :class:`Row` per
parameter (and per delta entry) with the architecture, the parameter, the
derivative of the composed loss, the δ-rule entry and their reduced difference.
Each architecture has a stable label such as ``"brute-force-2-2-1"`` or
``"brute-force-cross-entropy-2-2-1"``
(:data:`PROOFS`), printed by ``python -m derivations``.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import sympy as sp

# The composed loss is built (and documented) in derivations.composed_loss.
from derivations.composed_loss import ComposedNetwork, compose, symbol_entries
from derivations.notation import latex, sigma, sigma_prime
from derivations.result import Proof

__all__ = [
    "ARCHITECTURES",
    "CROSS_ENTROPY_ARCHITECTURES",
    "DEEP_ARCHITECTURES",
    "PROOFS",
    "BruteForce",
    "BruteForceReport",
    "Row",
    "latex_row",
]

#: (layer sizes, batch size m) of every architecture the brute force runs on.
ARCHITECTURES: tuple[tuple[tuple[int, ...], int], ...] = (
    ((2, 2, 1), 3),
    ((3, 4, 2), 2),
    ((2, 3, 3, 1), 2),
    # Square everywhere (2 units per layer, 2 samples): a transposed weight matrix or a
    # matrix product in place of an elementwise one cannot survive on shapes alone.
    ((2, 2, 2), 2),
)

#: Deeper networks for the recursion ``eq-delta-recursion`` (depth 3 and 4, batch above 1):
#: square layers (a missing transpose cannot hide behind a shape error), and a depth-4
#: network whose adjacent widths all differ, with two outputs.
DEEP_ARCHITECTURES: tuple[tuple[tuple[int, ...], int], ...] = (
    ((2, 2, 2, 2), 2),
    ((2, 2, 2, 2, 1), 2),
    ((1, 3, 2, 1, 2), 2),
)

#: Networks whose composed loss is the cross-entropy (``eq-cross-entropy``): the output delta
#: is then ``eq-output-delta-cross-entropy``; one output, and two outputs on square layers.
CROSS_ENTROPY_ARCHITECTURES: tuple[tuple[tuple[int, ...], int], ...] = (
    ((2, 2, 1), 3),
    ((2, 2, 2), 2),
)


@dataclass(frozen=True)
class Row:
    """One derivative of the composed loss next to its δ-rule entry.

    Attributes
    ----------
    architecture : str
        Layer sizes joined by dashes, e.g. ``"2-2-1"``.
    kind : str
        ``"weight"``, ``"bias"`` or ``"delta"``.
    layer : int
        The layer l (1-based, as in the equations).
    index : tuple of int
        The 0-based entry (row, column) in the matrix of that quantity.
    parameter : str
        A readable name with 1-based indices, e.g. ``"W(1)[1,2]"`` or ``"δ(2)[1,3]"``.
    parameter_latex : str
        The same name in LaTeX, e.g. ``W^{(1)}_{12}``.
    from_loss : sympy.Expr
        ``sympy.diff`` of the composed loss with respect to that parameter.
    delta_rule : sympy.Expr
        The entry given by the δ rule (the registry's closed forms).
    difference : sympy.Expr
        ``from_loss - delta_rule`` reduced exactly: 0 when proved.
    """

    architecture: str
    kind: str
    layer: int
    index: tuple[int, int]
    parameter: str
    parameter_latex: str
    from_loss: Any = field(repr=False)
    delta_rule: Any = field(repr=False)
    difference: Any

    @property
    def proved(self) -> bool:
        """True when the difference is exactly 0."""
        return bool(self.difference == 0)


@dataclass(frozen=True)
class BruteForceReport:
    """The rows of one architecture and the overall proof."""

    label: str
    layer_sizes: tuple[int, ...]
    m: int
    rows: tuple[Row, ...]
    proof: Proof
    loss: str = "squared_error"


def _difference(derivative: Any, rule: Any, atoms: Mapping[Any, Any], ring: Any) -> Any:
    """Apply the σ, σ′ replacements of :func:`_atoms`; subtract as exact sparse polynomials.

    ``ring`` is a polynomial ring over the rationals in every symbol (parameters, inputs,
    targets and the σ values): converting both sides into it expands them exactly, much
    faster than ``sympy.expand``.
    """
    difference = ring(derivative.xreplace(atoms)) - ring(rule.xreplace(atoms))
    return difference.as_expr()


def _atoms(net: ComposedNetwork) -> dict[Any, Any]:
    """σ(z) → an independent symbol s, σ′(z) → s(1 − s), for every weighted sum z."""
    atoms: dict[Any, Any] = {}
    for l in range(1, len(net.z)):
        for n, entry in enumerate(net.z[l]):
            s = sp.Symbol(f"s^{{({l})}}_{{{n}}}")
            atoms[sigma(entry)] = s
            atoms[sigma_prime(entry)] = s * (1 - s)
    return atoms


@dataclass(frozen=True)
class BruteForce:
    """The brute-force proof for one architecture and loss (see the module docstring)."""

    label: str
    layer_sizes: tuple[int, ...]
    m: int
    loss: str = "squared_error"

    @property
    def architecture(self) -> str:
        """The layer sizes joined by dashes, then the loss unless it is the squared error.

        ``"2-2-1"``, or ``"2-2-1, cross-entropy"`` for the cross-entropy loss.
        """
        sizes = "-".join(str(n) for n in self.layer_sizes)
        return sizes if self.loss == "squared_error" else f"{sizes}, cross-entropy"

    def composed(self) -> ComposedNetwork:
        """Return the composed network (cached)."""
        return _composed(self.layer_sizes, self.m, self.loss)

    def derivatives(self) -> tuple[tuple[str, int, tuple[int, int], Any, Any], ...]:
        """Return ``(kind, layer, index, from_loss, delta_rule)`` for every parameter and delta entry.

        ``from_loss`` is ``sympy.diff`` of the composed loss at zero perturbation.
        """
        return _derivatives(self.layer_sizes, self.m, self.loss)

    def report(self) -> BruteForceReport:
        """Run the proof and return every row (cached)."""
        return _report(self.label, self.layer_sizes, self.m, self.loss)

    def prove(self) -> Proof:
        """Run the proof (cached) and return its :class:`~derivations.result.Proof`."""
        return self.report().proof


@functools.cache
def _composed(sizes: tuple[int, ...], m: int, loss_name: str = "squared_error") -> ComposedNetwork:
    return compose(sizes, m, loss_name)


@functools.cache
def _derivatives(
    sizes: tuple[int, ...], m: int, loss_name: str = "squared_error"
) -> tuple[tuple[str, int, tuple[int, int], Any, Any], ...]:
    net = _composed(sizes, m, loss_name)
    zero = {e: 0 for l in range(1, len(sizes)) for e in net.epsilon[l]}
    out: list[tuple[str, int, tuple[int, int], Any, Any]] = []
    for l in range(1, len(sizes)):
        for kind, wrt, rule in (
            ("weight", symbol_entries(net.symbols.w[l]), net.weight_gradients[l]),
            ("bias", symbol_entries(net.symbols.b[l]), net.bias_gradients[l]),
        ):
            for r in range(wrt.shape[0]):
                for c in range(wrt.shape[1]):
                    derivative = sp.diff(net.loss, wrt[r, c])
                    out.append((kind, l, (r, c), derivative, rule[r, c]))
        eps = net.epsilon[l]
        for r in range(eps.shape[0]):
            for c in range(eps.shape[1]):
                derivative = sp.diff(net.sample_losses[c], eps[r, c]).xreplace(zero)
                out.append(("delta", l, (r, c), derivative, net.deltas[l][r, c]))
    return tuple(out)


def _name(kind: str, layer: int, index: tuple[int, int]) -> tuple[str, str]:
    r, c = index[0] + 1, index[1] + 1
    if kind == "weight":
        return f"W({layer})[{r},{c}]", f"W^{{({layer})}}_{{{r}{c}}}"
    if kind == "bias":
        return f"b({layer})[{r}]", f"b^{{({layer})}}_{{{r}}}"
    return f"δ({layer})[{r},{c}]", rf"\delta^{{({layer})}}_{{{r}{c}}}"


@functools.cache
def _report(
    label: str, sizes: tuple[int, ...], m: int, loss_name: str = "squared_error"
) -> BruteForceReport:
    start = time.perf_counter()
    net = _composed(sizes, m, loss_name)
    atoms = _atoms(net)
    generators = sorted(
        {
            symbol
            for row in _derivatives(sizes, m, loss_name)
            for side in row[3:]
            for symbol in side.xreplace(atoms).free_symbols
        },
        key=sp.default_sort_key,
    )
    ring, *_ = sp.ring(generators, sp.QQ)
    architecture = "-".join(str(n) for n in sizes)
    rows = []
    for kind, layer, index, derivative, rule in _derivatives(sizes, m, loss_name):
        difference = _difference(derivative, rule, atoms, ring)
        name, name_latex = _name(kind, layer, index)
        rows.append(
            Row(architecture, kind, layer, index, name, name_latex, derivative, rule, difference)
        )
    proved = all(row.proved for row in rows)
    differences = sp.ImmutableMatrix([row.difference for row in rows])
    proof = Proof(label, proved, differences, time.perf_counter() - start)
    return BruteForceReport(label, sizes, m, tuple(rows), proof, loss_name)


def _label(sizes: tuple[int, ...], loss_name: str = "squared_error") -> str:
    kind = "brute-force-" if loss_name == "squared_error" else "brute-force-cross-entropy-"
    return kind + "-".join(str(n) for n in sizes)


#: Every brute-force proof, keyed by its stable label: ``"brute-force-2-2-1"``, ... for
#: :data:`ARCHITECTURES` and :data:`DEEP_ARCHITECTURES` (squared error), then
#: ``"brute-force-cross-entropy-2-2-1"``, ... for :data:`CROSS_ENTROPY_ARCHITECTURES`.
PROOFS: Mapping[str, BruteForce] = MappingProxyType(
    {
        **{
            _label(sizes): BruteForce(_label(sizes), sizes, m)
            for sizes, m in (*ARCHITECTURES, *DEEP_ARCHITECTURES)
        },
        **{
            _label(sizes, "cross_entropy"): BruteForce(
                _label(sizes, "cross_entropy"), sizes, m, "cross_entropy"
            )
            for sizes, m in CROSS_ENTROPY_ARCHITECTURES
        },
    }
)


def latex_row(row: Row) -> str:
    """Return ``∂L/∂θ = (δ-rule entry)`` for a row, in LaTeX (for small networks)."""
    return rf"\frac{{\partial L}}{{\partial {row.parameter_latex}}} = {latex(row.delta_rule)}"
