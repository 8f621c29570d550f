"""The checks of a whole network: forward, backward, step and train against the composed loss.

Each takes ``make_network(weights, biases)`` (:class:`NetworkFactory`) and one network case of
:mod:`selfcheck.cases`, builds the network, and compares what it computes with the values
``derivations/brute_force.py`` differentiates from the loss composed neuron by neuron.
Every comparison names the equation label of its layer: the layer-specific labels of the
2-2-1 derivation for two-layer networks (``eq-hidden-delta``, ``eq-grad-w1``), the general
ones (``eq-delta-recursion``, ``eq-grad-w-general``) for deeper networks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from selfcheck.cases import Case
from selfcheck.failure import compare

__all__ = [
    "NetworkFactory",
    "NetworkLike",
    "check_network_backward_after_step",
    "check_network_cross_entropy_loss",
    "check_network_deltas",
    "check_network_forward",
    "check_network_gradients",
    "check_network_hidden_deltas",
    "check_network_loss",
    "check_network_output_delta",
    "check_network_step",
    "check_network_train",
]

Array = NDArray[np.float64]


class NetworkLike(Protocol):
    """What a network object offers the checks (``backprop.Network`` does; adapters may)."""

    # Read-only properties in the protocol, so that a plain list attribute satisfies them.
    @property
    def weights(self) -> Sequence[Any]:
        """W⁽¹⁾ … W⁽ᴸ⁾, shapes (n_out, n_in)."""

    @property
    def biases(self) -> Sequence[Any]:
        """b⁽¹⁾ … b⁽ᴸ⁾, shapes (n_out, 1)."""

    @property
    def zs(self) -> Sequence[Any]:
        """z⁽¹⁾ … z⁽ᴸ⁾ of the last forward pass."""

    @property
    def activations(self) -> Sequence[Any]:
        """a⁽⁰⁾ = X, a⁽¹⁾ … a⁽ᴸ⁾ of the last forward pass."""

    def forward(self, X: Array) -> Any:
        """Return a⁽ᴸ⁾, keeping ``zs`` and ``activations`` (``activations[0]`` is X)."""

    def backward(self, X: Array, y: Array) -> Any:
        """Return gradients with ``weights``, ``biases`` and ``deltas`` lists, layer 1 first."""

    def step(self, grads: Any, learning_rate: float) -> None:
        """Move every parameter by −learning_rate × its gradient in `grads`."""

    def train(self, X: Array, y: Array, epochs: int, learning_rate: float) -> Any:
        """Train full-batch; return the loss after each epoch."""


class NetworkFactory(Protocol):
    """``make_network(weights, biases)``: a network with these parameters.

    Any callable of two positional arguments does: the lists of weight matrices and of bias
    columns, layer 1 first. It returns a network that follows :class:`NetworkLike`. (A
    protocol rather than a ``Callable`` alias, so that the reference documents it here.)
    """

    def __call__(self, weights: list[Array], biases: list[Array], /) -> NetworkLike:
        """Return a network with these weights and biases."""
        ...


# Networks: labels by layer --------------------------------------------------------------------


def _depth(case: Case) -> int:
    return len(case.arrays("weights"))


def _forward_label(case: Case, layer: int) -> str:
    if _depth(case) != 2:
        return "eq-forward-general"
    return "eq-forward-hidden" if layer == 1 else "eq-forward-output"


def _delta_label(case: Case, layer: int) -> str:
    if layer == _depth(case):
        cross = case["loss_name"] == "cross_entropy"
        return "eq-output-delta-cross-entropy" if cross else "eq-output-delta"
    return "eq-hidden-delta" if _depth(case) == 2 else "eq-delta-recursion"


def _gradient_label(case: Case, layer: int, kind: str) -> str:
    return f"eq-grad-{kind}{layer}" if _depth(case) == 2 else f"eq-grad-{kind}-general"


def _update_label(case: Case, layer: int, kind: str) -> str:
    # θ ← θ − α ∂L/∂θ is one rule for every layer: eq-update-*2 states it for the output layer.
    return f"eq-update-{kind}{2 if layer == _depth(case) else 1}"


def _network(make_network: NetworkFactory, case: Case) -> NetworkLike:
    return make_network(case.arrays("weights"), case.arrays("biases"))


def _backward(make_network: NetworkFactory, case: Case) -> tuple[NetworkLike, Any]:
    net = _network(make_network, case)
    return net, net.backward(case.array("x"), case.array("y"))


# Networks: the checks ----------------------------------------------------------------------------


def check_network_forward(make_network: NetworkFactory, case: Case) -> None:
    """Network.forward returns a⁽ᴸ⁾ and keeps every z⁽ˡ⁾ and a⁽ˡ⁾ of the composed network."""
    net = _network(make_network, case)
    output = net.forward(case.array("x"))
    depth = _depth(case)
    compare(output, case["a"][-1], case, _forward_label(case, depth), "forward(X)")
    compare(net.activations[0], case["x"], case, _forward_label(case, 1), "activations[0] = X")
    for layer in range(1, depth + 1):
        label = _forward_label(case, layer)
        compare(
            net.zs[layer - 1], case["z"][layer - 1], case, label, f"zs[{layer - 1}] = z({layer})"
        )
        what = f"activations[{layer}] = a({layer})"
        compare(net.activations[layer], case["a"][layer - 1], case, label, what)


def check_network_loss(
    make_network: NetworkFactory, mse: Callable[[Array, Array], Any], case: Case
) -> None:
    """eq-loss: ``mse`` of the network's output is the loss composed from the definitions."""
    net = _network(make_network, case)
    got = mse(net.forward(case.array("x")), case.array("y"))
    compare(got, case["loss"], case, "eq-loss", "mse(forward(X), y)")


def check_network_cross_entropy_loss(
    make_network: NetworkFactory, cross_entropy: Callable[[Array, Array], Any], case: Case
) -> None:
    """eq-cross-entropy: ``cross_entropy`` of the output pre-activation is the composed loss."""
    net = _network(make_network, case)
    net.forward(case.array("x"))
    got = cross_entropy(net.zs[-1], case.array("y"))
    compare(got, case["loss"], case, "eq-cross-entropy", "cross_entropy(zs[-1], y)")


def _check_deltas(make_network: NetworkFactory, case: Case, layers: range) -> None:
    _, grads = _backward(make_network, case)
    for layer in layers:
        what = f"backward(X, y).deltas[{layer - 1}] = δ({layer})"
        label = _delta_label(case, layer)
        compare(grads.deltas[layer - 1], case["deltas"][layer - 1], case, label, what)


def check_network_output_delta(make_network: NetworkFactory, case: Case) -> None:
    """Network.backward's last delta is ∂L/∂z⁽ᴸ⁾, differentiated from the composed loss."""
    _check_deltas(make_network, case, range(_depth(case), _depth(case) + 1))


def check_network_hidden_deltas(make_network: NetworkFactory, case: Case) -> None:
    """Network.backward's hidden deltas are ∂L/∂z⁽ˡ⁾, differentiated from the composed loss."""
    _check_deltas(make_network, case, range(1, _depth(case)))


def check_network_deltas(make_network: NetworkFactory, case: Case) -> None:
    """Every delta of Network.backward is ∂L/∂z⁽ˡ⁾, differentiated from the composed loss."""
    _check_deltas(make_network, case, range(1, _depth(case) + 1))


def check_network_gradients(make_network: NetworkFactory, case: Case) -> None:
    """Network.backward's gradients are those of the loss composed from the definitions."""
    _, grads = _backward(make_network, case)
    for layer in range(1, _depth(case) + 1):
        label = _gradient_label(case, layer, "w")
        what = f"backward(X, y).weights[{layer - 1}] = dL/dW({layer})"
        compare(grads.weights[layer - 1], case["weight_gradients"][layer - 1], case, label, what)
        label = _gradient_label(case, layer, "b")
        what = f"backward(X, y).biases[{layer - 1}] = dL/db({layer})"
        compare(grads.biases[layer - 1], case["bias_gradients"][layer - 1], case, label, what)


def check_network_step(make_network: NetworkFactory, case: Case) -> None:
    """One step after backward moves every parameter by −α ∂L/∂θ (∂L/∂θ of the composed loss)."""
    net, grads = _backward(make_network, case)
    net.step(grads, learning_rate=case.number("learning_rate"))
    for layer in range(1, _depth(case) + 1):
        label, what = _update_label(case, layer, "w"), f"weights[{layer - 1}] after step"
        compare(net.weights[layer - 1], case["stepped_weights"][layer - 1], case, label, what)
        label, what = _update_label(case, layer, "b"), f"biases[{layer - 1}] after step"
        compare(net.biases[layer - 1], case["stepped_biases"][layer - 1], case, label, what)


def check_network_backward_after_step(make_network: NetworkFactory, case: Case) -> None:
    """Backward after a step (and after a forward pass on another batch) uses the new weights.

    The gradients of a network that has stepped and then run forward on one sample must be
    those of a fresh network built from its stepped parameters: gradients computed from
    activations left over by an earlier forward pass fail.
    """
    X, y = case.array("x"), case.array("y")
    net, grads = _backward(make_network, case)
    net.step(grads, learning_rate=case.number("learning_rate"))
    net.forward(X[:, :1])  # leave the activations of another batch behind
    got = net.backward(X, y)
    weights = [np.array(w, dtype=np.float64) for w in net.weights]
    biases = [np.array(b, dtype=np.float64) for b in net.biases]
    fresh = make_network(weights, biases).backward(X, y)
    for layer in range(1, _depth(case) + 1):
        label = "eq-forward-hidden"  # backward must start with a forward pass of its own
        what = f"dL/dW({layer}) of backward after a step"
        compare(got.weights[layer - 1], fresh.weights[layer - 1], case, label, what)
        what = f"dL/db({layer}) of backward after a step"
        compare(got.biases[layer - 1], fresh.biases[layer - 1], case, label, what)


def check_network_train(make_network: NetworkFactory, case: Case) -> None:
    """One epoch of train steps, then records the loss at the new parameters."""
    net = _network(make_network, case)
    rate = case.number("learning_rate")
    history = net.train(case.array("x"), case.array("y"), epochs=1, learning_rate=rate)
    label = "eq-cross-entropy" if case["loss_name"] == "cross_entropy" else "eq-loss"
    compare(history, [case["loss_after_step"]], case, label, "train(X, y, epochs=1) history")
