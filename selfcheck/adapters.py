"""Recognise the shape of a student's network and adapt it to the protocol the checks use.

The checks call ``make_network(weights, biases)`` with the site's conventions (samples are
columns, W⁽ˡ⁾ of shape (n_out, n_in), b⁽ˡ⁾ of shape (n_out, 1), L = ½ Σ (a − y)², gradients
of that sum) and use the object it returns through ``forward(X)``, ``backward(X, y)``
(gradients with ``weights``, ``biases`` and ``deltas`` lists), ``step(grads,
learning_rate)`` and the lists ``weights``, ``biases``, ``zs`` and ``activations``.
Students write other shapes; :func:`adapt` recognises these, in this order:

``make_network``, ``Network.from_parameters``, ``Network(sizes)`` with ``backward(X, y)``
    The project's own protocol (``selfcheck/student.py`` documents it).
Nielsen's ``network.py``
    ``Network(sizes)`` with ``weights`` and ``biases`` lists, ``feedforward(a)``,
    ``backprop(x, y)`` for one sample returning ``(nabla_b, nabla_w)`` and
    ``update_mini_batch(batch, eta)``. Per-sample ``backprop`` is summed over the batch
    (Nielsen's cost derivative a − y is the ½ Σ convention of eq-loss per sample); the
    deltas are the per-sample ``nabla_b`` side by side (∂L/∂b⁽ˡ⁾ = δ⁽ˡ⁾ for one sample,
    eq-grad-b1/b2); a step is ``update_mini_batch`` on the batch with η = α m, since it steps
    by the mean: θ − (α m / m) Σ ∇ = θ − α ∂L/∂θ (eq-update-*).
A class with attributes ``W1 b1 W2 b2`` and an in-place ``backward(X, y, learning_rate)``
    ``forward(X)`` keeps ``z1 a1 z2 a2``; ``backward`` moves the parameters itself. The
    gradients are read from that move on a copy (see :func:`recover_gradients`), the deltas
    from the bias gradients of one-sample calls. Samples as rows (X of shape (m, n_in),
    W1 of shape (n_in, n_hidden)) or as columns are both found, by running ``forward`` on
    shapes that only one of the two accepts.

Each adapter also finds the student's convention (:class:`Convention`): gradients of the
sum L (the site's) or of the mean C = L/m, compared with the student's own per-sample
gradients, and the same for a ``mse`` of theirs; and whether both carry the ½ of eq-loss
or leave it out (Σ (a − y)², whose gradients are twice the site's), found against the
derivation's own values on a generated case. A consistent convention is checked after scaling
back to the site's (× m, ÷ 2), an inconsistent pair fails :func:`check_conventions`.
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from selfcheck import cases
from selfcheck.cases import Case
from selfcheck.failure import CheckFailure

__all__ = [
    "ALPHA",
    "LOOKED_FOR",
    "Adapted",
    "Convention",
    "Gradients",
    "NotRecognisedError",
    "adapt",
    "check_conventions",
    "recover_gradients",
    "recovery_error_bound",
]

Array = NDArray[np.float64]
Factory = Callable[[list[Array], list[Array]], Any]

#: The learning rate of the copy whose move gives the in-place shape's gradients: a power of
#: two, so scaling by it and dividing by it are exact in float64 (see recover_gradients).
ALPHA = 2.0**20

#: What :func:`adapt` looks for, in the order it tries, as the report says when none is there.
LOOKED_FOR = (
    "make_network(weights, biases)",
    "a class Network with from_parameters(weights, biases)",
    "a class Network(sizes) with weights, biases, forward(X), backward(X, y), step(grads, lr)",
    "Nielsen's Network(sizes) with feedforward(a), backprop(x, y), update_mini_batch(batch, eta)",
    "a class with attributes W1 b1 W2 b2, forward(X) and backward(X, y, learning_rate)",
)

#: How to add the three-line adapter when nothing is recognised.
ADAPTER_RECIPE = """\
def make_network(weights, biases):          # lists: W(l) of shape (n_out, n_in), b(l) (n_out, 1)
    net = YourNetwork(...)                  # build yours, then put these parameters in it
    net.weights, net.biases = weights, biases
    return net                              # with forward(X), backward(X, y), step(grads, lr)"""

_RATE_NAMES = ("learning_rate", "lr", "alpha", "eta", "rate", "learningrate", "step_size")
_U = float(np.finfo(np.float64).eps) / 2  # unit roundoff, 2⁻⁵³


class NotRecognisedError(Exception):
    """A student's network has a shape no adapter knows, or one it cannot build."""


@dataclass(frozen=True)
class Gradients:
    """Gradients in the protocol's layout: lists of arrays, layer 1 first, samples as columns.

    ``original`` is what the student's code returned, handed back to its own ``step``;
    ``batch`` the (X, y) they were computed on.
    """

    weights: list[Any]
    biases: list[Any]
    deltas: Any
    original: Any = None
    batch: tuple[Array, Array] | None = None


class _NoDeltas:
    """Stands in for deltas a network does not give; any use says so."""

    def __init__(self, why: str) -> None:
        self.why = why

    def __getitem__(self, index: int) -> Any:
        raise TypeError(self.why)


def _gradients_of(value: Any) -> Gradients:
    """Read what a protocol-shaped ``backward(X, y)`` returned (object, dict or tuple)."""
    if isinstance(value, Mapping):
        weights, biases, deltas = value.get("weights"), value.get("biases"), value.get("deltas")
    elif isinstance(value, tuple) and len(value) in (2, 3):
        weights, biases = value[0], value[1]
        deltas = value[2] if len(value) == 3 else None
    elif hasattr(value, "weights") and hasattr(value, "biases"):
        weights, biases, deltas = value.weights, value.biases, getattr(value, "deltas", None)
    else:
        msg = (
            "backward(X, y) must return the gradients as an object with attributes weights, "
            "biases (and deltas), a dict with those keys, or a tuple (weights, biases[, "
            f"deltas]); got {type(value).__name__}"
        )
        raise TypeError(msg)
    if weights is None or biases is None:
        msg = f"backward(X, y) returned no weights or no biases gradients; got {value!r:.80}"
        raise TypeError(msg)
    if deltas is None:
        deltas = _NoDeltas("backward(X, y) returned no deltas, so the deltas cannot be checked")
    return Gradients(list(weights), list(biases), deltas, value)


# The rounding of the in-place recovery ----------------------------------------------------


def recover_gradients(
    before: Sequence[Array], after: Sequence[Array], alpha: float
) -> list[Array]:
    """Return ∂L/∂θ = (θ_before − θ_after) / α for each parameter array.

    Notes
    -----
    An in-place ``backward(X, y, α)`` leaves θ_after = fl(θ − fl(α g)) (eq-update-*). With α a
    power of two, α g and the division by α are exact (barring overflow), so the only
    roundings are the subtraction inside the student's update, at most u |θ_after|, and ours,
    at most u |θ_before − θ_after| (u = 2⁻⁵³). Divided by α, the recovered g̃ satisfies

    .. math:: |g̃ − g| ≤ u (|θ_after| + |θ_before − θ_after|) / α
              ≤ u |θ_before| / α + 3 u |g| + O(u²),

    (:func:`recovery_error_bound`). With α = 2²⁰ and |θ| ≤ 10 that is below 1e-20 + 3.4e-16
    |g|: far inside the checks' tolerance (relative 1e-12, absolute 1e-15), which is why the
    generated tolerance is used unchanged on recovered gradients.
    """
    return [
        (np.asarray(b, dtype=np.float64) - np.asarray(a, dtype=np.float64)) / alpha
        for b, a in zip(before, after, strict=True)
    ]


def recovery_error_bound(before: Array, after: Array, alpha: float) -> Array:
    """Return the entrywise bound of :func:`recover_gradients`'s rounding error."""
    before, after = np.asarray(before), np.asarray(after)
    return _U * (np.abs(after) + np.abs(before - after)) / alpha * (1 + 4 * _U)


# Conventions -------------------------------------------------------------------------------

Scale = Literal["sum", "mean", "other", "unknown"]
#: The student's quantity over the site's: 1 (the ½ of eq-loss), 2 (without it), None: unknown.
Factor = Literal[1, 2] | None
_NAMES = {"sum": "sum", "mean": "mean", "other": "neither sum nor mean", "unknown": "unknown"}


@dataclass(frozen=True)
class Convention:
    """Whether the student's loss and gradients sum (the site's L) or average, and over what.

    Each is found from the student's own code alone: a value on a batch of m samples against
    the sum of its values on each sample alone (equal: a sum, as eq-loss; 1/m of it: a mean
    over the samples, C = L/m), and a value with n outputs against the sum over each output
    alone (1/n of it: a mean over the outputs too, as ``np.mean((a - y)**2)`` takes).
    ``unknown``: nothing to compare (no ``mse``, or the code raised).

    The factor is found against the derivation: the student's value, scaled back to a sum,
    over the generated case's value of eq-loss (or of its gradients). 1: the ½ of eq-loss;
    2: L = Σ (a − y)² without it, whose gradients are twice the site's.

    Attributes
    ----------
    gradients, loss : tuple of {"sum", "mean", "other", "unknown"}
        (over the samples, over the outputs), for ``backward`` and for ``mse``.
    gradient_factor, loss_factor : {1, 2} or None
        The student's quantity over the site's (once the means are scaled back); None when
        unknown or neither.
    """

    gradients: tuple[Scale, Scale]
    loss: tuple[Scale, Scale]
    gradient_factor: Factor = 1
    loss_factor: Factor = 1

    @property
    def consistent(self) -> bool:
        """Whether the loss and the gradients agree on each axis, and on the ½, where known."""
        return all(
            g == s or "unknown" in (g, s) or "other" in (g, s)
            for g, s in zip(self.gradients, self.loss, strict=True)
        ) and (
            None in (self.gradient_factor, self.loss_factor)
            or self.gradient_factor == self.loss_factor
        )

    @property
    def gradient_scale(self) -> float:
        """What the student's gradients are multiplied by to be the site's, per count: ÷ 2 or 1."""
        return 1 / self.gradient_factor if self.gradient_factor else 1.0

    @property
    def loss_scale(self) -> float:
        """What the student's ``mse`` is multiplied by to be eq-loss, per count: ÷ 2 or 1."""
        return 1 / self.loss_factor if self.loss_factor else 1.0

    @property
    def gradient_means(self) -> tuple[bool, bool]:
        """Over which axes (samples, outputs) the gradients are means, to be scaled back."""
        return (self.gradients[0] == "mean", self.gradients[1] == "mean")

    @property
    def loss_means(self) -> tuple[bool, bool]:
        """Over which axes (samples, outputs) ``mse`` is a mean, to be scaled back."""
        return (self.loss[0] == "mean", self.loss[1] == "mean")

    @staticmethod
    def _quantity(means: tuple[bool, bool], factor: Factor = 1) -> str:
        if factor == 2:
            whole = "the sum without the ½, Σ (a − y)² = 2L"
            counts = {(True, True): "m n", (True, False): "m", (False, True): "n"}
            if means in counts:
                count = counts[means]
                return f"the mean without the ½, Σ (a − y)²/({count}) = 2L/({count})"
            return whole
        if means == (True, True):
            return "the mean over samples and outputs C = L/(m n)"
        if means == (True, False):
            return "the mean over the samples C = L/m"
        if means == (False, True):
            return "the mean over the outputs C = L/n"
        return "the sum L = ½ Σ (a − y)²"

    def notes(self) -> list[str]:
        """Say which convention was found and which equation of the site it corresponds to."""
        said = []
        grads = self._quantity(self.gradient_means, self.gradient_factor)
        loss = self._quantity(self.loss_means, self.loss_factor)
        if "other" in self.gradients:
            said.append(
                "convention: the gradients of a batch are neither the sum nor the mean of "
                "those of its samples (or outputs): checked as they are"
            )
        elif self.gradient_factor == 2:
            over = " over the count" if any(self.gradient_means) else ""
            times = " and multiplying by the count" if over else ""
            said.append(
                f"convention: gradients of {grads} (eq-loss × 2{over}): they are "
                f"2 × eq-grad-w1/w2/b1/b2{over}, and a step θ − α ∂(2L)/∂θ is eq-update-* at "
                f"the rate 2α{over}; checked after halving{times}"
            )
        elif any(self.gradient_means):
            said.append(
                f"convention: gradients of {grads} (eq-loss divided by that count): they are "
                "eq-grad-w1/w2/b1/b2 divided by it, and a step θ − α ∂C/∂θ is eq-update-* "
                "at the rate α divided by it; checked after multiplying by it"
            )
        elif "unknown" not in self.gradients:
            said.append("convention: gradients of the sum L = ½ Σ (a − y)², as eq-loss")
        if self.loss_factor == 2:
            said.append(f"convention: mse is {loss}; checked after halving (2L is eq-loss × 2)")
        elif any(self.loss_means):
            said.append(f"convention: mse is {loss}; checked after multiplying by that count")
        if not self.consistent:
            said.append(f"inconsistent: {self.why()}")
        return said

    def why(self) -> str:
        """Explain an inconsistency: which quantity the loss is, and which the gradients are of."""
        if self.consistent:
            return ""
        grads = self._quantity(self.gradient_means, self.gradient_factor)
        loss = self._quantity(self.loss_means, self.loss_factor)
        return (
            f"mse is {loss}, but backward returns the gradients of {grads}: they are not "
            "the gradients of your loss, and a step with them does not move down the loss "
            "you report by the amount your learning rate says"
        )


def check_conventions(convention: Convention, case: Case) -> None:
    """eq-loss: the student's loss and gradients are of one quantity (L, or L over a count).

    A check of :mod:`selfcheck.checks`' kind: `case` is the generated case it is reported
    against (the convention itself was found on the adapter's own probes).

    Raises
    ------
    CheckFailure
        Naming the two conventions found, when they disagree.
    """
    if not convention.consistent:
        label = "eq-loss"
        raise CheckFailure(
            label,
            case,
            "the convention of backward (and mse): L, 2L, or either over a count",
            "one convention for the loss and its gradients",
            convention.why(),
            case.tolerance,
        )


def _scale_of(whole: Sequence[Array], parts: Sequence[Sequence[Array]], count: int) -> Scale:
    """Compare a value of the whole with the sum of the values of its `count` parts."""
    total = np.concatenate(
        [np.ravel(np.sum([p[i] for p in parts], axis=0)) for i in range(len(whole))]
    )
    flat = np.concatenate([np.ravel(w) for w in whole])
    if np.allclose(flat, total, rtol=1e-9, atol=1e-15):
        return "sum"
    if np.allclose(flat, total / count, rtol=1e-9, atol=1e-15):
        return "mean"
    return "other"


def _probe(n_out: int) -> tuple[list[Array], list[Array], Array, Array]:
    # A 2-2-n network and a batch of 3 samples, away from saturation: the values only have
    # to make a sum and a mean differ, which they do for m = 3 and n = 2.
    rng = np.random.default_rng(14)
    weights = [rng.uniform(-1, 1, (2, 2)), rng.uniform(-1, 1, (2, 2))[:n_out]]
    biases = [rng.uniform(-1, 1, (2, 1)), rng.uniform(-1, 1, (2, 1))[:n_out]]
    X, y = rng.uniform(-1, 1, (2, 3)), rng.uniform(0, 1, (2, 3))[:n_out]
    return weights, biases, X, y


def _gradient_scales(make: Factory) -> tuple[Scale, Scale]:
    def grads(n_out: int, columns: slice) -> list[Array]:
        weights, biases, X, y = _probe(n_out)
        g = make(weights, biases).backward(X[:, columns], y[:, columns])
        return [np.asarray(v, dtype=np.float64) for v in [*g.weights, *g.biases]]

    try:
        m = _probe(1)[2].shape[1]
        batch = grads(1, slice(None))
        samples = _scale_of(batch, [grads(1, slice(j, j + 1)) for j in range(m)], m)
    except Exception:  # noqa: BLE001 -- a crash is the checks' to report, not the probe's
        samples = "unknown"
    try:
        # The first output's row of ∂/∂W⁽²⁾ with two outputs against the same network cut
        # to that output: a sum over the outputs leaves it unchanged, a mean halves it.
        two, one = grads(2, slice(None)), grads(1, slice(None))
        outputs = _scale_of([two[1][:1], two[3][:1]], [[one[1], one[3]]], 1)
        if outputs == "other" and np.allclose(two[1][:1], one[1] / 2, rtol=1e-9, atol=1e-15):
            outputs = "mean"
    except Exception:  # noqa: BLE001 -- as above
        outputs = "unknown"
    return samples, outputs


def _loss_scales(mse: Callable[..., Any]) -> tuple[Scale, Scale]:
    _, _, X, y = _probe(2)
    a = 1 / (1 + np.exp(-X - 0.5))
    m, n = y.shape[1], y.shape[0]

    def loss(rows: slice, columns: slice) -> Array:
        return np.asarray(mse(a[rows, columns], y[rows, columns]), dtype=np.float64)

    try:
        whole = loss(slice(None), slice(None))
        samples = _scale_of([whole], [[loss(slice(None), slice(j, j + 1))] for j in range(m)], m)
        outputs = _scale_of([whole], [[loss(slice(i, i + 1), slice(None))] for i in range(n)], n)
    except Exception:  # noqa: BLE001 -- as above
        return "unknown", "unknown"
    return samples, outputs


def _factor(got: Sequence[Array], expected: Sequence[Array]) -> Factor:
    """Return 1 or 2 when `got` is `expected` or twice it, in every entry; else None."""
    for factor in (1, 2):
        if all(
            np.shape(g) == np.shape(e) and np.allclose(g, factor * e, rtol=1e-9, atol=1e-15)
            for g, e in zip(got, expected, strict=True)
        ):
            return factor
    return None


def _gradient_factor(make: Factory, means: tuple[bool, bool]) -> Factor:
    # The generated 2-2-1 case (every shape builds a two-layer network): the derivation's
    # gradients of eq-loss against the student's, scaled back to a sum.
    case = next(c for c in cases.collection("networks") if c["sizes"] == [2, 2, 1])
    try:
        X, y = case.array("x"), case.array("y")
        g = make(case.arrays("weights"), case.arrays("biases")).backward(X, y)
        count = _count(np.shape(y), means)
        got = [np.asarray(v, dtype=np.float64) * count for v in [*g.weights, *g.biases]]
        expected = [*case.arrays("weight_gradients"), *case.arrays("bias_gradients")]
        return _factor(got, expected)
    except Exception:  # noqa: BLE001 -- a crash is the checks' to report, not the probe's
        return None


def _loss_factor(mse: Callable[..., Any], means: tuple[bool, bool]) -> Factor:
    # The generated cases of eq-loss, every one, against the student's loss scaled to a sum.
    try:
        got, expected = [], []
        for case in cases.collection("mse"):
            y = case.array("y")
            value = np.asarray(mse(case.array("a"), y), dtype=np.float64)
            got.append(value * _count(np.shape(y), means))
            expected.append(np.asarray(case.number("loss")))
        return _factor(got, expected)
    except Exception:  # noqa: BLE001 -- as above
        return None


def find_convention(make: Factory, mse: Callable[..., Any] | None) -> Convention:
    """Find the student's convention from their own ``backward`` (and ``mse``), on probes."""
    loss: tuple[Scale, Scale] = ("unknown", "unknown") if mse is None else _loss_scales(mse)
    gradients = _gradient_scales(make)
    means = (gradients[0] == "mean", gradients[1] == "mean")
    loss_means = (loss[0] == "mean", loss[1] == "mean")
    return Convention(
        gradients,
        loss,
        _gradient_factor(make, means),
        None if mse is None else _loss_factor(mse, loss_means),
    )


def _count(shape: tuple[int, ...], means: tuple[bool, bool]) -> int:
    """Return the count a mean divided by: m for a mean over samples, n for one over outputs."""
    n, m = shape
    return (m if means[0] else 1) * (n if means[1] else 1)


class _Rescaled:
    """A network whose gradients are of a mean or of 2L, seen in the site's: ∇ × count ÷ 2."""

    def __init__(self, inner: Any, means: tuple[bool, bool], scale: float = 1.0) -> None:
        # scale is 1 or ½: a power of two, so the rescaling is exact.
        self._inner, self._means, self._scale = inner, means, scale

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def backward(self, X: Array, y: Array) -> Gradients:
        g = self._inner.backward(X, y)
        count = _count(np.shape(y), self._means) * self._scale
        deltas = g.deltas
        if not isinstance(deltas, _NoDeltas):
            deltas = [np.asarray(d) * count for d in deltas]
        weights = [np.asarray(w) * count for w in g.weights]
        biases = [np.asarray(b) * count for b in g.biases]
        return Gradients(weights, biases, deltas, g, (X, y))

    def step(self, grads: Any, learning_rate: float) -> None:
        if not isinstance(grads, Gradients) or grads.batch is None:
            msg = "step(grads, learning_rate) takes what backward(X, y) returned"
            raise TypeError(msg)
        # θ − (α count) ∂C/∂θ = θ − α ∂L/∂θ: the site's step, taken by the student's code
        # (count ½ for 2L: θ − (α/2) ∂(2L)/∂θ).
        count = _count(np.shape(grads.batch[1]), self._means) * self._scale
        self._inner.step(grads.original, learning_rate * count)


def _scaled_mse(
    mse: Callable[..., Any], means: tuple[bool, bool], scale: float = 1.0
) -> Callable[..., Any]:
    def mse_as_sum(a: Any, y: Any) -> Any:
        return np.asarray(mse(a, y)) * (_count(np.shape(y), means) * scale)

    return mse_as_sum


# The project's own protocol ------------------------------------------------------------------


class _Protocol:
    """A student network already in the protocol; only its gradients' layout is normalised."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def backward(self, X: Array, y: Array) -> Gradients:
        g = _gradients_of(self._inner.backward(X, y))
        return Gradients(g.weights, g.biases, g.deltas, g.original, (X, y))

    def step(self, grads: Any, learning_rate: float) -> None:
        self._inner.step(grads.original if isinstance(grads, Gradients) else grads, learning_rate)


def _sizes(weights: Sequence[Array]) -> list[int]:
    return [int(weights[0].shape[1]), *(int(w.shape[0]) for w in weights)]


def _protocol_factory(module: ModuleType) -> tuple[str, Factory] | None:
    factory = getattr(module, "make_network", None)
    if callable(factory):
        return "make_network(weights, biases)", factory
    network: Any = getattr(module, "Network", None)
    if not inspect.isclass(network):
        return None
    from_parameters = getattr(network, "from_parameters", None)
    if callable(from_parameters):
        return "Network.from_parameters(weights, biases)", from_parameters
    if not callable(getattr(network, "backward", None)):
        return None

    constructor: Any = network  # any class: its signature is the student's

    def build(weights: list[Array], biases: list[Array]) -> Any:
        net = constructor(_sizes(weights))
        net.weights, net.biases = weights, biases
        return net

    return "Network(sizes) with weights, biases lists and backward(X, y)", build


# Nielsen's network.py ------------------------------------------------------------------------


class _Nielsen:
    """Nielsen's ``Network`` through the protocol: per-sample backprop summed over the batch."""

    def __init__(self, cls: Any, weights: list[Array], biases: list[Array]) -> None:
        self._cls = cls
        self._net = self._build(len(weights), weights, biases)
        self.zs: list[Array] = []
        self.activations: list[Array] = []

    def _build(self, depth: int, weights: list[Array], biases: list[Array]) -> Any:
        net = self._cls(_sizes(weights)[: depth + 1])
        net.weights = [np.array(w) for w in weights[:depth]]
        net.biases = [np.array(b) for b in biases[:depth]]
        return net

    @property
    def weights(self) -> list[Any]:
        return list(self._net.weights)

    @property
    def biases(self) -> list[Any]:
        return list(self._net.biases)

    def forward(self, X: Array) -> Any:
        # feedforward keeps nothing: a⁽ˡ⁾ is the student's feedforward of the network cut
        # after layer l, and z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾ is formed here from the student's a⁽ˡ⁻¹⁾.
        weights, biases = self.weights, self.biases
        self.activations, self.zs = [X], []
        for depth in range(1, len(weights) + 1):
            self.zs.append(weights[depth - 1] @ self.activations[-1] + biases[depth - 1])
            cut = self._build(depth, weights, biases)
            self.activations.append(np.asarray(cut.feedforward(X)))
        return self.activations[-1]

    def backward(self, X: Array, y: Array) -> Gradients:
        per_sample = [
            self._net.backprop(X[:, j : j + 1], y[:, j : j + 1]) for j in range(X.shape[1])
        ]
        nabla_b = [[np.asarray(b) for b in s[0]] for s in per_sample]
        nabla_w = [[np.asarray(w) for w in s[1]] for s in per_sample]
        depth = len(nabla_b[0])
        weights = [np.sum([s[layer] for s in nabla_w], axis=0) for layer in range(depth)]
        biases = [np.sum([s[layer] for s in nabla_b], axis=0) for layer in range(depth)]
        deltas = [np.hstack([s[layer] for s in nabla_b]) for layer in range(depth)]
        return Gradients(weights, biases, deltas, None, (X, y))

    def step(self, grads: Any, learning_rate: float) -> None:
        if not isinstance(grads, Gradients) or grads.batch is None:
            msg = "step(grads, learning_rate) takes what backward(X, y) returned"
            raise TypeError(msg)
        X, y = grads.batch
        batch = [(X[:, j : j + 1], y[:, j : j + 1]) for j in range(X.shape[1])]
        self._net.update_mini_batch(batch, learning_rate * X.shape[1])


def _nielsen_factory(module: ModuleType) -> tuple[str, Factory] | None:
    network: Any = getattr(module, "Network", None)
    if not inspect.isclass(network):
        return None
    wanted = ("feedforward", "backprop", "update_mini_batch")
    if not all(callable(getattr(network, name, None)) for name in wanted):
        return None

    def make(weights: list[Array], biases: list[Array]) -> Any:
        return _Nielsen(network, weights, biases)

    shape = (
        "Nielsen's Network(sizes): backprop(x, y) per sample, summed over the batch; "
        "update_mini_batch(batch, eta) checked as a step on the mean, eta = learning rate × m"
    )
    return shape, make


# A class with W1 b1 W2 b2 and an in-place backward ---------------------------------------------


@dataclass(frozen=True)
class _InPlaceLayout:
    cls: Any
    w: tuple[str, str]
    b: tuple[str, str]
    rate: str
    output: tuple[str, ...]  # backward's parameters that take forward's output
    rows: bool = False
    flat_bias: bool = False
    construct: str = "cls.__new__"
    notes: tuple[str, ...] = field(default=())


def _construct(layout: _InPlaceLayout, sizes: Sequence[int]) -> Any:
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

    def __init__(self, layout: _InPlaceLayout, weights: list[Array], biases: list[Array]) -> None:
        if len(weights) != 2:
            msg = f"this shape has exactly two layers (W1, W2); the check asked for {len(weights)}"
            raise NotRecognisedError(msg)
        self._layout = layout
        self._net = _construct(layout, _sizes(weights))
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


def _runs(layout: _InPlaceLayout) -> bool:
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


def _in_place_factory(module: ModuleType) -> tuple[str, Factory, list[str]] | None:
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
                layout = _InPlaceLayout(cls, *names, rates[0], output, rows, flat, construct)
                if _runs(layout):
                    return _describe_in_place(layout)
    return None


def _describe_in_place(layout: _InPlaceLayout) -> tuple[str, Factory, list[str]]:
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


# Choosing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Adapted:
    """What :func:`adapt` found in a student's module.

    Attributes
    ----------
    shape : str
        How the network is checked, for the report's first line (``checked as: ...``).
    make_network : callable or None
        ``make_network(weights, biases)`` in the site's conventions; None when no network
        was recognised (``notes`` then say what was looked for).
    functions : dict
        Formula functions found (DESIGN.md's names), the loss scaled to the site's
        convention if need be.
    notes : tuple of str
        The convention found, the samples' layout, what the adapter computes itself.
    depths : tuple of int or None
        The network depths the shape can build (None: any).
    convention : Convention or None
        None when there is no network.
    """

    shape: str
    make_network: Factory | None
    functions: dict[str, Callable[..., Any]]
    notes: tuple[str, ...]
    depths: tuple[int, ...] | None
    convention: Convention | None

    def header(self) -> str:
        """Return the report's first lines: the shape found and the notes."""
        return "\n".join([f"checked as: {self.shape}", *(f"  note: {n}" for n in self.notes)])


def _not_recognised() -> str:
    looked = "".join(f"\n  - {name}" for name in LOOKED_FOR)
    return (
        f"no network recognised; looked for:{looked}\n"
        "add a make_network adapter to your file (three lines) and run the self-check again:\n"
        + ADAPTER_RECIPE
    )


def adapt(module: ModuleType, function_names: Sequence[str] = ()) -> Adapted:
    """Recognise the shape of `module`'s network and adapt it to the checks' protocol.

    Parameters
    ----------
    module : module
        The student's module, imported.
    function_names : sequence of str
        The formula functions the checks know (``selfcheck.checks.FUNCTION_NAMES``).

    Returns
    -------
    Adapted
        Never None: when no network is recognised, ``make_network`` is None and the notes
        say which names were looked for and how to write ``make_network``.
    """
    functions: dict[str, Callable[..., Any]] = {
        name: getattr(module, name)
        for name in function_names
        if callable(getattr(module, name, None))
    }
    found: tuple[str, Factory] | None = None
    notes: list[str] = []
    depths: tuple[int, ...] | None = None
    nielsen = _nielsen_factory(module)
    protocol = _protocol_factory(module)
    if protocol is not None:
        shape, inner = protocol

        def protocol_make(weights: list[Array], biases: list[Array]) -> Any:
            return _Protocol(inner([np.array(w) for w in weights], [np.array(b) for b in biases]))

        found = (shape, protocol_make)
    elif nielsen is not None:
        found = nielsen
        notes.append(
            "deltas: each sample's nabla_b (δ = ∂L/∂b for one sample), side by side; "
            "z: W a + b formed from your feedforward's activations (feedforward keeps none)"
        )
    else:
        in_place = _in_place_factory(module)
        if in_place is not None:
            found = in_place[:2]
            notes.extend(in_place[2])
            depths = (2,)
    if found is None:
        return Adapted("formula functions only", None, functions, (_not_recognised(),), None, None)
    shape, make = found
    convention = find_convention(make, functions.get("mse"))
    notes.extend(convention.notes())
    if any(convention.gradient_means) or convention.gradient_scale != 1:
        base, means, scale = make, convention.gradient_means, convention.gradient_scale

        def make(weights: list[Array], biases: list[Array]) -> Any:
            return _Rescaled(base(weights, biases), means, scale)

    if (any(convention.loss_means) or convention.loss_scale != 1) and "mse" in functions:
        functions["mse"] = _scaled_mse(
            functions["mse"], convention.loss_means, convention.loss_scale
        )
    return Adapted(shape, make, functions, tuple(notes), depths, convention)
