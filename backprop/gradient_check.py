"""Gradients by centred finite differences: a check of backpropagation that shares none of it.

:func:`finite_difference_gradients` differentiates a network's loss numerically, one entry at
a time, using only the forward pass and the loss. Comparing its result with
:meth:`backprop.Network.backward` tests the δ recursion without trusting any step of it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop import activations, forward
from backprop._validation import check_batch, check_positive, describe
from backprop.gradients import Gradients
from backprop.losses import Loss
from backprop.network import Network

__all__ = ["finite_difference_gradients"]

Array = NDArray[np.float64]


def finite_difference_gradients(
    network: Network, X: ArrayLike, y: ArrayLike, h: float = 1e-5
) -> Gradients:
    """Return the gradients of the network's loss by centred finite differences.

    Every entry θ of every weight, bias and pre-activation is moved to θ + h and to θ − h in
    turn, everything else held fixed, and

        ∂L/∂θ ≈ (L(θ + h) − L(θ − h)) / ((θ + h) − (θ − h)),

    where the denominator is the distance actually stepped in float64 (2h up to rounding).
    L is the network's own loss (:eq:`eq-loss` or :eq:`eq-cross-entropy`), summed over the
    batch, so the result estimates what :meth:`Network.backward <backprop.Network.backward>`
    computes. The error is O(h²) from truncation plus O(ε/h) from rounding (ε ≈ 2.2 × 10⁻¹⁶),
    smallest near h = 10⁻⁵ for the losses of these networks.

    The network is not changed: the differences are taken on copies of its parameters, each
    entry restored exactly before the next, and its ``zs`` and ``activations`` are left as
    they were.

    Parameters
    ----------
    network : Network
        The network to differentiate, with its loss.
    X : array_like of shape (n_inputs, n_samples)
        Inputs, one sample per column.
    y : array_like of shape (n_outputs, n_samples)
        Targets, one sample per column.
    h : float, optional
        The step, a finite positive number (default 10⁻⁵).

    Returns
    -------
    Gradients
        The same structure as :meth:`Network.backward <backprop.Network.backward>`:
        ``weights[l - 1]`` ≈ ∂L/∂W⁽ˡ⁾, ``biases[l - 1]`` ≈ ∂L/∂b⁽ˡ⁾, and ``deltas[l - 1]``
        ≈ δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾: the centred differences of L with respect to each entry of
        z⁽ˡ⁾ (one per unit and sample), with the layers after l recomputed from it.

    Raises
    ------
    TypeError
        If `network` is not a :class:`~backprop.Network`, or `h` is not a real number.
    ValueError
        If `h` is not finite and positive, or too small to move some entry in float64;
        if `X` or `y` has the wrong shape, holds NaN or infinity, or (for the
        cross-entropy) `y` lies outside [0, 1]. Nothing is changed.

    Notes
    -----
    The definition of the gradient, applied to :eq:`eq-loss` (or :eq:`eq-cross-entropy`)
    composed with :eq:`eq-forward-general`; nothing of :eq:`eq-delta-recursion`,
    :eq:`eq-grad-w-general` or :eq:`eq-grad-b-general` is used. It costs two forward passes
    per weight, bias and pre-activation entry, against one backward pass for
    :meth:`~backprop.Network.backward`: a check, not a way to train.

    Examples
    --------
    >>> import backprop as bp
    >>> X, y = bp.xor()
    >>> net = bp.Network([2, 2, 1], seed=3)
    >>> numeric, exact = bp.finite_difference_gradients(net, X, y), net.backward(X, y)
    >>> bool(abs(numeric.weights[0] - exact.weights[0]).max() < 1e-9)
    True
    """
    checked = _check_network(network)
    step = check_positive("h", h)
    loss = checked._loss  # the Loss object the network chose once
    X_checked, y_checked = check_batch(X, y, checked.layer_sizes, loss)
    copy = _Copy(checked, X_checked, y_checked, loss)
    weight_grads, bias_grads, deltas = [], [], []
    for layer, (W, b, z) in enumerate(zip(copy.weights, copy.biases, copy.zs, strict=True)):
        from_parameters = functools.partial(copy.loss_from_parameters, layer)
        weight_grads.append(_centred(W, step, f"weights[{layer}]", from_parameters))
        bias_grads.append(_centred(b, step, f"biases[{layer}]", from_parameters))
        deltas.append(
            _centred(z, step, f"zs[{layer}]", functools.partial(copy.loss_from_z, layer))
        )
    return Gradients(weight_grads, bias_grads, deltas)


def _check_network(network: object) -> Network:
    if not isinstance(network, Network):
        msg = f"network must be a backprop.Network, got {describe(network)}"
        raise TypeError(msg)
    return network


class _Copy:
    """Copies of a network's parameters and of its forward pass on a batch, to perturb freely."""

    def __init__(self, network: Network, X: Array, y: Array, loss: Loss) -> None:
        self.weights = [np.array(W, dtype=np.float64) for W in network.weights]
        self.biases = [np.array(b, dtype=np.float64) for b in network.biases]
        self.y, self.loss = y, loss
        # The unperturbed forward pass. a⁽ˡ⁻¹⁾ never depends on layer l or later, so a
        # perturbation of layer l recomputes only from layer l on.
        self.inputs, self.zs = [X], []
        for W, b in zip(self.weights, self.biases, strict=True):
            z, a = forward.forward_layer(W, b, self.inputs[-1])
            self.zs.append(z)
            self.inputs.append(a)

    def loss_from_parameters(self, layer: int) -> float:
        """L with layer `layer`'s current (perturbed) W and b; 0-based, as ``weights``."""
        z, a = forward.forward_layer(self.weights[layer], self.biases[layer], self.inputs[layer])
        return self._loss_after(layer, z, a)

    def loss_from_z(self, layer: int) -> float:
        """L with layer `layer`'s current (perturbed) z, the layers after it recomputed."""
        z = self.zs[layer]
        return self._loss_after(layer, z, activations.sigmoid(z))

    def _loss_after(self, layer: int, z: Array, a: Array) -> float:
        for W, b in zip(self.weights[layer + 1 :], self.biases[layer + 1 :], strict=True):
            z, a = forward.forward_layer(W, b, a)
        return self.loss.value(z, a, self.y)


def _centred(values: Array, h: float, name: str, loss: Callable[[], float]) -> Array:
    """Return (L(θ + h) − L(θ − h)) / ((θ + h) − (θ − h)) for each entry θ of `values`.

    `loss` reads `values`, which is perturbed in place, one entry at a time; each entry is
    put back exactly (the saved float, not θ + h − h) before the next, even on error.
    """
    result = np.empty_like(values)
    for index in np.ndindex(values.shape):
        original = float(values[index])
        plus, minus = original + h, original - h
        if plus == minus:
            where = ", ".join(str(i) for i in index)
            msg = (
                f"h = {h!r} is too small to move {name}[{where}] = {original!r} in float64 "
                "(θ + h and θ − h round to the same number); use a larger h, such as 1e-5"
            )
            raise ValueError(msg)
        try:
            values[index] = plus
            loss_plus = loss()
            values[index] = minus
            loss_minus = loss()
        finally:
            values[index] = original
        result[index] = (loss_plus - loss_minus) / (plus - minus)
    return result
