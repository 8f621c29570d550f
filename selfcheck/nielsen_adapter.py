"""Nielsen's ``network.py`` through the protocol the checks use.

Nielsen's ``Network(sizes)`` keeps ``weights`` and ``biases`` lists, has ``feedforward(a)``,
``backprop(x, y)`` for one sample returning ``(nabla_b, nabla_w)``, and
``update_mini_batch(batch, eta)``, which steps by the mean. Per-sample ``backprop`` is summed
over the batch (Nielsen's cost derivative a − y is the ½ Σ convention of eq-loss per
sample); the deltas are the per-sample ``nabla_b`` side by side (∂L/∂b⁽ˡ⁾ = δ⁽ˡ⁾ for one
sample, eq-grad-b1/b2); a step is ``update_mini_batch`` on the batch with η = α m:
θ − (α m / m) Σ ∇ = θ − α ∂L/∂θ (``eq-update-*``).
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

import numpy as np

from selfcheck.adapted_network import Array, Factory, Gradients, sizes

__all__ = ["nielsen_factory"]


class _Nielsen:
    """Nielsen's ``Network`` through the protocol: per-sample backprop summed over the batch."""

    def __init__(self, cls: Any, weights: list[Array], biases: list[Array]) -> None:
        self._cls = cls
        self._net = self._build(len(weights), weights, biases)
        self.zs: list[Array] = []
        self.activations: list[Array] = []

    def _build(self, depth: int, weights: list[Array], biases: list[Array]) -> Any:
        net = self._cls(sizes(weights)[: depth + 1])
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


def nielsen_factory(module: ModuleType) -> tuple[str, Factory] | None:
    """Return (shape, factory) when `module` has Nielsen's ``Network``; else None."""
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
