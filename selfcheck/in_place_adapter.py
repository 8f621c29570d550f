"""A class with attributes ``W1 b1 W2 b2`` and an in-place ``backward(X, y, learning_rate)``.

The shape of the tutorial this site grew from: ``forward(X)`` keeps ``z1 a1 z2 a2``, and
``backward`` moves the parameters itself. The gradients are read from that move on a copy
(:func:`selfcheck.gradient_recovery.recover_gradients`), the deltas from the bias gradients of
one-sample calls. Samples as rows (X of shape (m, n_in), W1 of shape (n_in, n_hidden)) or as
columns are both found, by running ``forward`` on shapes that only one of the two accepts;
how the class is built (no arguments, the three sizes, a list of sizes, or not at all) is
found the same way.
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import numpy as np

from selfcheck.adapted_network import Array, Factory, Gradients, NotRecognisedError, sizes
from selfcheck.gradient_recovery import ALPHA, recover_gradients

__all__ = ["InPlaceLayout", "in_place_factory"]

_RATE_NAMES = ("learning_rate", "lr", "alpha", "eta", "rate", "learningrate", "step_size")


@dataclass(frozen=True)
class InPlaceLayout:
    """Where one class keeps its parameters, how it is built, and how it lays out samples."""

    cls: Any
    w: tuple[str, str]
    b: tuple[str, str]
    rate: str
    output: tuple[str, ...]  # backward's parameters that take forward's output
    rows: bool = False
    flat_bias: bool = False
    construct: str = "cls.__new__"
    notes: tuple[str, ...] = field(default=())


def _construct(layout: InPlaceLayout, sizes: Sequence[int]) -> Any:
    cls = layout.cls
    if layout.construct == "cls()":
        return cls()
    if layout.construct == "cls(n_in, n_hidden, n_out)":
        return cls(*sizes)
    if layout.construct == "cls(sizes)":
        return cls(list(sizes))
    return cls.__new__(cls)


class _InPlace:
    """A class whose backward(X, y, rate) moves W1 b1 W2 b2 itself, through the protocol."""

    def __init__(self, layout: InPlaceLayout, weights: list[Array], biases: list[Array]) -> None:
        if len(weights) != 2:
            msg = f"this shape has exactly two layers (W1, W2); the check asked for {len(weights)}"
            raise NotRecognisedError(msg)
        self._layout = layout
        self._net = _construct(layout, sizes(weights))
        for name, value in zip((*layout.w, *layout.b), (*weights, *biases), strict=True):
            setattr(self._net, name, self._theirs(np.array(value, dtype=np.float64), name))
        self.zs: list[Array] = []
        self.activations: list[Array] = []

    def _theirs(self, value: Array, name: str) -> Array:
        if not self._layout.rows:
            return value
        if name in self._layout.b and self._layout.flat_bias:
            return value.ravel().copy()
        return value.T.copy()

    def _ours(self, value: Any, bias: bool = False) -> Array:
        array = np.asarray(value, dtype=np.float64)
        if not self._layout.rows:
            return array
        if bias and array.ndim == 1:
            return array.reshape(-1, 1)
        return array.T

    def _params(self, net: Any) -> list[Array]:
        names = (*self._layout.w, *self._layout.b)
        return [np.array(getattr(net, n), dtype=np.float64) for n in names]

    @property
    def weights(self) -> list[Array]:
        return [self._ours(getattr(self._net, n)) for n in self._layout.w]

    @property
    def biases(self) -> list[Array]:
        return [self._ours(getattr(self._net, n), bias=True) for n in self._layout.b]

    def _io(self, value: Array) -> Array:
        return value.T.copy() if self._layout.rows else value

    def forward(self, X: Array) -> Array:
        out = self._ours(self._net.forward(self._io(X)))
        self.activations, self.zs = [X], []
        weights, biases = self.weights, self.biases
        for layer in (1, 2):
            a = getattr(self._net, f"a{layer}", None)
            a = out if a is None and layer == 2 else a
            if a is None:
                msg = f"forward(X) keeps no a{layer}: the hidden activations cannot be checked"
                raise AttributeError(msg)
            z = getattr(self._net, f"z{layer}", None)
            # z is formed here from the student's own activations when forward keeps none.
            z = weights[layer - 1] @ self.activations[-1] + biases[layer - 1] if z is None else z
            self.activations.append(self._ours(a))
            self.zs.append(self._ours(z))
        return out

    def _call_backward(self, net: Any, X: Array, y: Array, rate: float) -> None:
        output = net.forward(self._io(X))
        extra = dict.fromkeys(self._layout.output, output)
        net.backward(self._io(X), self._io(y), **extra, **{self._layout.rate: rate})

    def _recover(self, X: Array, y: Array) -> list[Array]:
        twin = copy.deepcopy(self._net)
        before = self._params(twin)
        self._call_backward(twin, X, y, ALPHA)
        moved = recover_gradients(before, self._params(twin), ALPHA)
        layout = self._layout
        n = len(layout.w)
        return [self._ours(g, bias=i >= n) for i, g in enumerate(moved)]

    def backward(self, X: Array, y: Array) -> Gradients:
        g = self._recover(X, y)
        singles = [self._recover(X[:, j : j + 1], y[:, j : j + 1]) for j in range(X.shape[1])]
        # For one sample ∂L/∂b⁽ˡ⁾ = δ⁽ˡ⁾ (eq-grad-b1/b2): the deltas are those, side by side.
        deltas = [np.hstack([s[2 + layer] for s in singles]) for layer in range(2)]
        return Gradients(g[:2], g[2:], deltas, None, (X, y))

    def step(self, grads: Any, learning_rate: float) -> None:
        if not isinstance(grads, Gradients) or grads.batch is None:
            msg = "step(grads, learning_rate) takes what backward(X, y) returned"
            raise TypeError(msg)
        self._call_backward(self._net, *grads.batch, learning_rate)


def _attribute_names(source: str) -> tuple[tuple[str, str], tuple[str, str]] | None:
    for w, b in (("W", "b"), ("w", "b"), ("W", "B")):
        names = [f"{w}1", f"{w}2", f"{b}1", f"{b}2"]
        if all(re.search(rf"self\.{n}\b", source) for n in names):
            return (names[0], names[1]), (names[2], names[3])
    return None


def _constructions(cls: Any) -> list[str]:
    try:
        parameters = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        return ["cls.__new__"]
    required = [p for p in parameters if p.default is p.empty and p.kind <= p.KEYWORD_ONLY]
    found = []
    if not required:
        found.append("cls()")
    if len(required) == 3:
        found.append("cls(n_in, n_hidden, n_out)")
    if len(required) == 1:
        found.append("cls(sizes)")
    return [*found, "cls.__new__"]


def _runs(layout: InPlaceLayout) -> bool:
    """Whether forward and backward run on a 3-4-2 network, batch of 5, laid out as `layout`."""
    rng = np.random.default_rng(0)
    weights = [rng.uniform(-1, 1, (4, 3)), rng.uniform(-1, 1, (2, 4))]
    biases = [rng.uniform(-1, 1, (4, 1)), rng.uniform(-1, 1, (2, 1))]
    X, y = rng.uniform(-1, 1, (3, 5)), rng.uniform(0, 1, (2, 5))
    try:
        with np.errstate(all="ignore"):
            net = _InPlace(layout, weights, biases)
            if np.shape(net.forward(X)) != (2, 5):
                return False
            g = net._recover(X, y)
    except Exception:  # noqa: BLE001 -- a layout the code rejects is simply not its layout
        return False
    return [np.shape(v) for v in g] == [(4, 3), (2, 4), (4, 1), (2, 1)]


def in_place_factory(module: ModuleType) -> tuple[str, Factory, list[str]] | None:
    """Return (shape, factory, notes) for the first class of `module` in this shape; else None."""
    for cls in vars(module).values():
        if not inspect.isclass(cls) or getattr(cls, "__module__", None) != module.__name__:
            continue
        forward, backward = getattr(cls, "forward", None), getattr(cls, "backward", None)
        if not (callable(forward) and callable(backward)):
            continue
        try:
            source = inspect.getsource(cls)
            parameters = list(inspect.signature(backward).parameters)[1:]
        except (OSError, TypeError, ValueError):
            continue
        names = _attribute_names(source)
        rates = [p for p in parameters if p.lower() in _RATE_NAMES]
        if names is None or not rates or len(parameters) < 3:
            continue
        output = tuple(p for p in parameters[2:] if p != rates[0])
        for construct in _constructions(cls):
            for rows, flat in ((False, False), (True, False), (True, True)):
                layout = InPlaceLayout(cls, *names, rates[0], output, rows, flat, construct)
                if _runs(layout):
                    return _describe_in_place(layout)
    return None


def _describe_in_place(layout: InPlaceLayout) -> tuple[str, Factory, list[str]]:
    w, b = layout.w, layout.b
    shape = (
        f"attributes {w[0]} {b[0]} {w[1]} {b[1]}, in-place backward "
        f"({layout.cls.__name__}.backward(X, y, {layout.rate}))"
    )
    samples = (
        "samples found as rows: X of shape (m, n_in), W1 of shape (n_in, n_hidden); "
        "transposed to the site's columns"
        if layout.rows
        else "samples found as columns, as on the site"
    )
    notes = [
        samples,
        (
            f"gradients read from the move of the parameters over one backward(X, y, "
            f"{layout.rate}=2**20) on a copy: ∂L/∂θ = (θ_before − θ_after) / {layout.rate}, "
            "exact to a few units of rounding (selfcheck.adapters.recover_gradients); deltas "
            "from one-sample calls, δ = ∂L/∂b for one sample"
        ),
        "only two layers: the depth 3 and 4 checks do not apply to this shape",
    ]

    def make(weights: list[Array], biases: list[Array]) -> Any:
        return _InPlace(layout, weights, biases)

    return shape, make, notes
