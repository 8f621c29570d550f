"""The project's own protocol: ``make_network``, ``Network.from_parameters``, ``Network(sizes)``.

A student network already in the protocol (``selfcheck/student.py`` documents it) needs no
translation, only its gradients read into :class:`~selfcheck.adapted_network.Gradients`
whether ``backward(X, y)`` returned an object, a dict or a tuple.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from selfcheck.adapted_network import Array, Factory, Gradients, NoDeltas, sizes

__all__ = ["ProtocolNetwork", "gradients_of", "protocol_factory"]


def gradients_of(value: Any) -> Gradients:
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
        deltas = NoDeltas("backward(X, y) returned no deltas, so the deltas cannot be checked")
    return Gradients(list(weights), list(biases), deltas, value)


class ProtocolNetwork:
    """A student network already in the protocol; only its gradients' layout is normalised."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> Any:
        """Hand everything but the gradients and the step to the student's network."""
        return getattr(self._inner, name)

    def backward(self, X: Array, y: Array) -> Gradients:
        """Return the student's gradients in the protocol's layout, with the batch they are of."""
        g = gradients_of(self._inner.backward(X, y))
        return Gradients(g.weights, g.biases, g.deltas, g.original, (X, y))

    def step(self, grads: Any, learning_rate: float) -> None:
        """Take the student's own step, with what their ``backward`` returned."""
        self._inner.step(grads.original if isinstance(grads, Gradients) else grads, learning_rate)


def protocol_factory(module: ModuleType) -> tuple[str, Factory] | None:
    """Return (shape, factory) when `module` offers the protocol, in the order tried; else None."""
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
        net = constructor(sizes(weights))
        net.weights, net.biases = weights, biases
        return net

    return "Network(sizes) with weights, biases lists and backward(X, y)", build
