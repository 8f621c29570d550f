"""The student's convention for the loss and its gradients, found on probes, and undone.

The site's loss is the sum L = ½ Σ (a − y)² (eq-loss). Students also write the mean
C = L/m (over the samples, or the outputs too), and the loss without the ½, Σ (a − y)² = 2L.
:func:`find_convention` finds which, from the student's own code (a batch against its
samples, n outputs against one) and from the derivation's values on a generated case (the ½
or not); :class:`Rescaled` and :func:`scaled_mse` then show the student's gradients and loss
in the site's convention, so one set of checks serves every consistent convention, and
:func:`selfcheck.adapters.check_conventions` fails a loss and gradients that disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from selfcheck import cases
from selfcheck.adapted_network import Array, Factory, Gradients, NoDeltas

__all__ = [
    "Convention",
    "Rescaled",
    "find_convention",
    "mean_count",
    "scaled_mse",
]

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
        count = mean_count(np.shape(y), means)
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
            got.append(value * mean_count(np.shape(y), means))
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


def mean_count(shape: tuple[int, ...], means: tuple[bool, bool]) -> int:
    """Return the count a mean divided by: m for a mean over samples, n for one over outputs."""
    n, m = shape
    return (m if means[0] else 1) * (n if means[1] else 1)


class Rescaled:
    """A network whose gradients are of a mean or of 2L, seen in the site's: ∇ × count ÷ 2."""

    def __init__(self, inner: Any, means: tuple[bool, bool], scale: float = 1.0) -> None:
        # scale is 1 or ½: a power of two, so the rescaling is exact.
        self._inner, self._means, self._scale = inner, means, scale

    def __getattr__(self, name: str) -> Any:
        """Hand everything but the gradients and the step to the student's network."""
        return getattr(self._inner, name)

    def backward(self, X: Array, y: Array) -> Gradients:
        """Return the student's gradients (and deltas) × the count, × ½ for 2L."""
        g = self._inner.backward(X, y)
        count = mean_count(np.shape(y), self._means) * self._scale
        deltas = g.deltas
        if not isinstance(deltas, NoDeltas):
            deltas = [np.asarray(d) * count for d in deltas]
        weights = [np.asarray(w) * count for w in g.weights]
        biases = [np.asarray(b) * count for b in g.biases]
        return Gradients(weights, biases, deltas, g, (X, y))

    def step(self, grads: Any, learning_rate: float) -> None:
        """Step the student's network by the site's θ − α ∂L/∂θ, at the rate it needs for that."""
        if not isinstance(grads, Gradients) or grads.batch is None:
            msg = "step(grads, learning_rate) takes what backward(X, y) returned"
            raise TypeError(msg)
        # θ − (α count) ∂C/∂θ = θ − α ∂L/∂θ: the site's step, taken by the student's code
        # (count ½ for 2L: θ − (α/2) ∂(2L)/∂θ).
        count = mean_count(np.shape(grads.batch[1]), self._means) * self._scale
        self._inner.step(grads.original, learning_rate * count)


def scaled_mse(
    mse: Callable[..., Any], means: tuple[bool, bool], scale: float = 1.0
) -> Callable[..., Any]:
    """Return the student's `mse` seen as the site's eq-loss: × the count of its means, × `scale`."""

    def mse_as_sum(a: Any, y: Any) -> Any:
        return np.asarray(mse(a, y)) * (mean_count(np.shape(y), means) * scale)

    return mse_as_sum


# The project's own protocol ------------------------------------------------------------------
