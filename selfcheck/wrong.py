"""The wrong code of the catalogue, and :class:`Mistake`, the record that installs it.

Each wrong function is a small, realistic variant of one ``backprop`` formula; each wrong
network is a :class:`backprop.Network` subclass that overrides one hook of the backward pass
or the update (``_gradients``, ``_weight_gradient``, ``_delta_before``, ``_stepped``) and
copies nothing else. The catalogue itself is :data:`selfcheck.mistakes.MISTAKES`.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import importlib
import inspect
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

import backprop
from backprop import activations, deltas, gradients, update

__all__ = ["Mistake"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Mistake:
    """One wrong implementation, how to install it, and what it gets wrong.

    Attributes
    ----------
    name : str
        A stable slug, e.g. ``"output-delta-without-sigma-prime"``.
    title : str
        A short human title.
    explanation : str
        One or two sentences: what the code does and why it is wrong.
    label : str
        The stable equation label the mistake violates (``eq-output-delta``, ...).
    target : str
        What it replaces: a dotted attribute such as ``"backprop.deltas.output_delta"``
        (a formula function), or ``"backprop.Network"`` (a whole-network mistake, given
        as a subclass whose overridden method is ``right``'s counterpart).
    wrong : callable
        The wrong function, or for a whole-network mistake the overriding method.
    right : callable
        The correct ``backprop`` function or :class:`backprop.Network` method it replaces.
    network_class : type or None
        For a whole-network mistake, the :class:`backprop.Network` subclass to use.
    hand_tests : tuple of str
        Hand-written pytest node ids (relative to the repository root) expected to fail
        with the mistake installed, besides the generated checks.
    caught_by : tuple of str
        Checks of :mod:`selfcheck.checks` (by name) that must fail with the mistake
        installed: the function's own check, and the network checks it reaches.
    """

    name: str
    title: str
    explanation: str
    label: str
    target: str
    wrong: Callable[..., Any]
    right: Callable[..., Any]
    network_class: type[backprop.Network] | None = None
    hand_tests: tuple[str, ...] = field(default=())
    caught_by: tuple[str, ...] = field(default=())

    @property
    def attribute(self) -> str:
        """The name of the replaced attribute (``output_delta``, or ``Network``)."""
        return self.target.rsplit(".", 1)[1]

    @property
    def module(self) -> Any:
        """The module whose attribute the mistake replaces."""
        return importlib.import_module(self.target.rsplit(".", 1)[0])

    @property
    def is_network(self) -> bool:
        """Whether this is a whole-network mistake (a :class:`backprop.Network` subclass)."""
        return self.network_class is not None

    @contextlib.contextmanager
    def installed(self) -> Iterator[type[backprop.Network]]:
        """Install the mistake for the duration of a ``with`` block.

        Yields
        ------
        type
            The network class to use inside the block: ``backprop.Network`` (which now
            computes with the wrong formula) or the mistake's subclass, which also replaces
            ``backprop.Network`` in the block.
        """
        if self.network_class is not None:
            with _replaced(backprop, "Network", self.network_class):
                yield self.network_class
        else:
            with _replaced(self.module, self.attribute, self.wrong):
                yield backprop.network.Network

    def source_lines(self) -> tuple[list[str], list[str]]:
        """Return the body lines of the right and of the wrong code (docstrings dropped)."""
        return _body_lines(self.right), _body_lines(self.wrong)

    def changed_lines(self) -> tuple[list[str], list[str]]:
        """Return only the lines that differ: (right lines, wrong lines), in order."""
        right, wrong = self.source_lines()
        removed: list[str] = []
        added: list[str] = []
        matcher = difflib.SequenceMatcher(a=right, b=wrong, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                removed += right[i1:i2]
                added += wrong[j1:j2]
        return removed, added


@contextlib.contextmanager
def _replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    saved = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, saved)


def _body_lines(function: Callable[..., Any]) -> list[str]:
    """Return the statements of `function`'s body, dedented, without its docstring."""
    source = textwrap.dedent(inspect.getsource(function))
    node = ast.parse(source).body[0]
    if not isinstance(node, ast.FunctionDef):
        msg = f"expected a function, got {type(node).__name__} for {function!r}"
        raise TypeError(msg)
    body = node.body
    if (
        body
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    lines = source.splitlines()
    start = body[0].lineno - 1
    return textwrap.dedent("\n".join(lines[start : node.end_lineno])).splitlines()


# The wrong formula functions --------------------------------------------------------------


def sigmoid_derivative_of_a_as_if_z(a: Array) -> Array:
    """σ′ computed as σ(a)(1 − σ(a)): the activation a treated as if it were z."""
    s = activations.sigmoid(a)
    return s * (1.0 - s)


def sigmoid_prime_of_z_as_if_a(z: Array) -> Array:
    """σ′ computed as z(1 − z): the input z treated as if it were the activation a."""
    z = np.asarray(z, dtype=np.float64)
    return z * (1.0 - z)


def output_delta_without_sigma_prime(a: Array, y: Array) -> Array:
    """Return the output error alone: the σ′ factor of the chain rule is dropped."""
    return a - y


def output_delta_with_sigma_prime_of_a(a: Array, y: Array) -> Array:
    """σ′ applied to the activation as if it were z: σ′(a) instead of a(1 − a)."""
    return (a - y) * activations.sigmoid_prime(a)


def output_delta_with_flipped_error(a: Array, y: Array) -> Array:
    """Write the error as y − a: every gradient points uphill."""
    return (y - a) * activations.sigmoid_derivative(a)


def hidden_delta_untransposed(weights_next: Array, delta_next: Array, a: Array) -> Array:
    """W instead of Wᵀ: on a square layer the shapes still fit, the values do not."""
    return (weights_next @ delta_next) * activations.sigmoid_derivative(a)


def hidden_delta_matrix_product(weights_next: Array, delta_next: Array, a: Array) -> Array:
    """Apply σ′ with a matrix product where the elementwise product ⊙ belongs."""
    return (weights_next.T @ delta_next) @ activations.sigmoid_derivative(a)


def bias_gradient_not_summed(delta: Array) -> Array:
    """δ returned as it is: one bias gradient per sample instead of their sum."""
    return delta


def bias_gradient_summed_over_neurons(delta: Array) -> Array:
    """δ summed over axis 0 (the neurons) instead of axis 1 (the samples)."""
    summed: Array = delta.sum(axis=0, keepdims=True)
    return summed


def update_with_wrong_sign(parameter: Array, gradient: Array, learning_rate: float) -> Array:
    """θ + α ∂L/∂θ: gradient ascent, the loss grows."""
    return parameter + learning_rate * gradient


def mse_averaged_over_the_batch(a: Any, y: Any) -> float:
    """Divide the loss by the batch size while the gradients are of the sum."""
    error = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    m: int = error.shape[-1]
    return 0.5 * float(np.vdot(error, error)) / m


def sigmoid_with_flipped_exponent(z: Array) -> Array:
    """1 / (1 + eᶻ): the sign of the exponent lost, which is σ(−z)."""
    return 1.0 / (1.0 + np.exp(z))


def output_delta_matrix_product(a: Array, y: Array) -> Array:
    """σ′ applied with a matrix product where the elementwise product ⊙ belongs."""
    return (a - y) @ activations.sigmoid_derivative(a)


def hidden_delta_without_sigma_prime(weights_next: Array, delta_next: Array, a: Array) -> Array:
    """Send the delta back through Wᵀ, without the σ′ factor of its own layer."""
    del a
    return weights_next.T @ delta_next


def weight_gradient_averaged(delta: Array, a_prev: Array) -> Array:
    """δ a_prevᵀ divided by the batch size: the gradient of the mean, not of the sum."""
    averaged: Array = delta @ a_prev.T / delta.shape[1]
    return averaged


def weight_gradient_transposed(delta: Array, a_prev: Array) -> Array:
    """a_prev δᵀ: the transpose of the gradient, shape (n_in, n_out)."""
    return a_prev @ delta.T


def bias_gradient_averaged(delta: Array) -> Array:
    """δ averaged over the samples instead of summed."""
    averaged: Array = delta.mean(axis=1, keepdims=True)
    return averaged


def cross_entropy_of_the_activation(z: Array, y: Array) -> float:
    """−Σ [y log a + (1 − y) log(1 − a)] computed from a = σ(z): log(0) once σ saturates."""
    a = activations.sigmoid(z)
    return float(-np.sum(y * np.log(a) + (1.0 - y) * np.log(1.0 - a)))


# Bound now: once the mistake below is installed, backprop.losses.cross_entropy is the mistake.
_RIGHT_CROSS_ENTROPY = backprop.losses.cross_entropy


def cross_entropy_averaged(z: Array, y: Array) -> float:
    """Divide the cross-entropy by the batch size while the gradients are of the sum."""
    m: int = np.shape(z)[1]
    return float(_RIGHT_CROSS_ENTROPY(z, y)) / m


def cross_entropy_of_sigma_of_the_activation(z: Array, y: Array) -> float:
    """Apply σ once too often: the loss of σ(σ(z)), as when a is passed where z belongs."""
    return cross_entropy_of_the_activation(activations.sigmoid(z), y)


def cross_entropy_delta_with_sigma_prime(a: Array, y: Array) -> Array:
    """Use the squared error's delta (a − y) ⊙ a(1 − a) with the cross-entropy."""
    return (a - y) * activations.sigmoid_derivative(a)


def cross_entropy_delta_flipped(a: Array, y: Array) -> Array:
    """Y − a instead of a − y: every gradient of the cross-entropy has the wrong sign."""
    return y - a


# The wrong networks: each overrides one hook of backprop.Network ---------------------------
# Network._gradients(X, y) runs self._forward(X), then self._backpropagate(y), which calls
# self._weight_gradient(layer, delta) and self._delta_before(layer, delta) at each layer;
# step() calls self._stepped. At index ``layer``: delta is δ⁽ˡᵃʸᵉʳ⁺¹⁾, activations[layer] is
# a⁽ˡᵃʸᵉʳ⁾ (activations[0] is X) and weights[layer] is W⁽ˡᵃʸᵉʳ⁺¹⁾.


class HiddenDeltaWithOutputSlope(backprop.Network):
    """δ⁽ˡ⁾ multiplied by σ′ of the layer after it, not of its own layer."""

    def _delta_before(self, layer: int, delta: Array) -> Array:
        """δ⁽ˡ⁾ from δ⁽ˡ⁺¹⁾ with σ′ taken from a⁽ˡ⁺¹⁾ instead of a⁽ˡ⁾."""
        return deltas.hidden_delta(self.weights[layer], delta, self.activations[layer + 1])


class WeightGradientWithOwnActivation(backprop.Network):
    """∂L/∂W⁽ˡ⁾ built from the layer's own activation a⁽ˡ⁾ instead of a⁽ˡ⁻¹⁾."""

    def _weight_gradient(self, layer: int, delta: Array) -> Array:
        """δ⁽ˡ⁺¹⁾ paired with a⁽ˡ⁺¹⁾, the activation that leaves the layer."""
        return gradients.weight_gradient(delta, self.activations[layer + 1])


class GradientOfTheMean(backprop.Network):
    """Gradients divided by the batch size while the loss recorded is the sum."""

    def _gradients(self, X: Array, y: Array) -> tuple[list[Array], list[Array], list[Array]]:
        """Return the right gradients divided by the m samples of the batch."""
        weight_grads, bias_grads, layer_deltas = super()._gradients(X, y)
        m = X.shape[1]
        return [g / m for g in weight_grads], [g / m for g in bias_grads], layer_deltas


class BiasesNeverUpdated(backprop.Network):
    """The update loop moves the weights and forgets the biases."""

    def _stepped(
        self,
        weight_grads: list[Array],
        bias_grads: list[Array],  # noqa: ARG002 -- ignoring them is the mistake
        rate: float,
    ) -> tuple[list[Array], list[Array]]:
        """Step the weights only; the biases stay where they started."""
        descend = update.gradient_descent_update
        weights = [descend(W, g, rate) for W, g in zip(self.weights, weight_grads, strict=True)]
        biases = list(self.biases)
        return weights, biases


class StaleActivations(backprop.Network):
    """backward reuses the activations of an earlier forward pass."""

    def _gradients(self, X: Array, y: Array) -> tuple[list[Array], list[Array], list[Array]]:
        """Backward pass that runs forward only if it has never run."""
        if not self.activations:
            self._forward(X)
        return self._backpropagate(y)
