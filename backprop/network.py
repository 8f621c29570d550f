"""A fully connected sigmoid network trained by backpropagation.

The code follows the site's notation. Python counts from 0 and the maths from 1, so
``weights[0]`` is W⁽¹⁾, ``zs[0]`` is z⁽¹⁾, and ``activations[0]`` is a⁽⁰⁾ = X.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop import deltas, forward, gradients, update, weights_file
from backprop._divergence import Checkpoint
from backprop._validation import (
    check_batch,
    check_epochs,
    check_gradients,
    check_layer_sizes,
    check_learning_rate,
    check_loss,
    check_parameters,
    check_samples,
)
from backprop.gradients import Gradients
from backprop.initialisation import initial_parameters
from backprop.losses import SQUARED_ERROR, Loss

# initial_parameters lives in backprop.initialisation; it is still importable from here.
__all__ = ["Network", "initial_parameters"]

Array = NDArray[np.float64]


class Network:
    """A sigmoid network of any layer sizes, trained on the loss L = ½ Σ (a⁽ᴸ⁾ − y)².

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, inputs first: ``[2, 2, 1]`` is the 2-2-1 network of the tutorial.
    seed : int or None, optional
        Seed for :func:`numpy.random.default_rng`. Weights and biases are drawn from the
        standard normal distribution, layer by layer, W⁽ˡ⁾ before b⁽ˡ⁾. The same seed gives
        the same network.
    loss : {"squared_error", "cross_entropy"}, optional
        The loss that :meth:`backward` differentiates and :meth:`train` records:
        ``"squared_error"`` (the default) is L = ½ Σ (a⁽ᴸ⁾ − y)² (:eq:`eq-loss`),
        ``"cross_entropy"`` is :eq:`eq-cross-entropy`, whose output delta is
        :eq:`eq-output-delta-cross-entropy`.

    Attributes
    ----------
    layer_sizes : tuple of int
        The architecture.
    loss : str
        The loss's name, as given (read-only). The network holds the
        :class:`~backprop.losses.Loss` it names, chosen once, and weights files store the
        name.
    weights : list of ndarray
        ``weights[l - 1]`` is W⁽ˡ⁾, of shape (n_out, n_in).
    biases : list of ndarray
        ``biases[l - 1]`` is b⁽ˡ⁾, of shape (n_out, 1).
    zs : list of ndarray
        z⁽¹⁾ … z⁽ᴸ⁾ of the last forward pass (empty before the first).
    activations : list of ndarray
        a⁽⁰⁾ = X, a⁽¹⁾ … a⁽ᴸ⁾ of the last forward pass (empty before the first).

    Examples
    --------
    >>> import backprop as bp
    >>> X, y = bp.xor()
    >>> net = bp.Network([2, 2, 1], seed=3)
    >>> history = net.train(X, y, epochs=10_000, learning_rate=0.1)
    >>> net.forward(X).round(2).tolist()
    [[0.04, 0.95, 0.96, 0.04]]
    """

    def __init__(
        self, layer_sizes: Sequence[int], seed: int | None = None, loss: str = "squared_error"
    ) -> None:
        sizes = check_layer_sizes(layer_sizes)
        chosen = check_loss(loss)
        self._assemble(sizes, *initial_parameters(sizes, seed), chosen)

    @classmethod
    def from_parameters(
        cls,
        weights: Sequence[ArrayLike],
        biases: Sequence[ArrayLike],
        loss: str = "squared_error",
    ) -> Network:
        """Build a network with the given weights and biases (copied, as float64).

        Parameters
        ----------
        weights : sequence of array_like
            W⁽¹⁾ … W⁽ᴸ⁾, shapes (n_out, n_in) that chain: each layer's n_in is the
            previous layer's n_out.
        biases : sequence of array_like
            b⁽¹⁾ … b⁽ᴸ⁾, shapes (n_out, 1).
        loss : {"squared_error", "cross_entropy"}, optional
            As for :class:`Network`.

        Returns
        -------
        Network

        Raises
        ------
        TypeError
            If an entry is not an array of real numbers.
        ValueError
            If the shapes do not chain, or an entry is not finite.
        """
        chosen = check_loss(loss)
        sizes, weight_arrays, bias_arrays = check_parameters(weights, biases)
        return cls._from_checked(sizes, weight_arrays, bias_arrays, chosen)

    @classmethod
    def _from_checked(
        cls, sizes: tuple[int, ...], weights: list[Array], biases: list[Array], loss: Loss
    ) -> Network:
        """Build a network from parameters its caller has checked and owns (never copied).

        ``from_parameters``, ``load`` and ``Ensemble.member`` each check their input once,
        their own way, and end here; like ``__init__``, which draws parameters that need
        no check, this sets the state through ``_assemble`` only.
        """
        network = cls.__new__(cls)
        network._assemble(sizes, weights, biases, loss)
        return network

    def _assemble(
        self, sizes: tuple[int, ...], weights: list[Array], biases: list[Array], loss: Loss
    ) -> None:
        """Set the whole state of a network: the one place that lists its attributes."""
        self.layer_sizes = sizes
        self._loss = loss
        self.weights = weights
        self.biases = biases
        self.zs: list[Array] = []
        self.activations: list[Array] = []

    @property
    def loss(self) -> str:
        """The loss's name, as given: ``"squared_error"`` or ``"cross_entropy"``."""
        return self._loss.name

    def __repr__(self) -> str:
        """Return ``Network(layer_sizes=[...])``."""
        loss = "" if self._loss is SQUARED_ERROR else f", loss={self.loss!r}"
        return f"{type(self).__name__}(layer_sizes={list(self.layer_sizes)}{loss})"

    # The forward and backward passes -----------------------------------------------------

    def forward(self, X: ArrayLike) -> Array:
        """Return the output activations a⁽ᴸ⁾, keeping z and a of every layer.

        Parameters
        ----------
        X : array_like of shape (n_inputs, n_samples)
            Inputs, one sample per column.

        Returns
        -------
        ndarray of shape (n_outputs, n_samples)

        Raises
        ------
        ValueError
            If `X` has the wrong shape or holds NaN or infinity.

        Notes
        -----
        Applies :eq:`eq-forward-hidden` layer by layer and :eq:`eq-forward-output` last.
        """
        sizes = self.layer_sizes
        return self._forward(check_samples("X", X, sizes[0], "inputs", sizes))

    def backward(self, X: ArrayLike, y: ArrayLike) -> Gradients:
        """Return the gradients of L for the batch (`X`, `y`), with the deltas.

        Runs a fresh forward pass first, so the gradients always belong to the current
        weights.

        Parameters
        ----------
        X : array_like of shape (n_inputs, n_samples)
            Inputs, one sample per column.
        y : array_like of shape (n_outputs, n_samples)
            Targets, one sample per column.

        Returns
        -------
        Gradients
            ∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾ and δ⁽ˡ⁾ for every layer, of L summed over the batch.

        Raises
        ------
        ValueError
            If a shape is wrong, the batch sizes differ, or an entry is not finite.

        Notes
        -----
        The δ recursion for any depth: :eq:`eq-output-delta` at the output (or
        :eq:`eq-output-delta-cross-entropy` for the cross-entropy), then
        :eq:`eq-hidden-delta` from each layer to the one before it; the gradients follow
        from :eq:`eq-grad-w2`, :eq:`eq-grad-b2`, :eq:`eq-grad-w1` and :eq:`eq-grad-b1`.
        """
        X, y = check_batch(X, y, self.layer_sizes, self._loss)
        return Gradients(*self._gradients(X, y))

    def step(self, grads: Gradients, learning_rate: float) -> None:
        """Move every weight and bias one gradient-descent step: θ ← θ − α ∂L/∂θ.

        Either every parameter is updated or, if anything is wrong, none is.

        Parameters
        ----------
        grads : Gradients
            As returned by :meth:`backward`, shapes matching this network.
        learning_rate : float
            α, a finite positive number.

        Raises
        ------
        TypeError
            If `grads` is not a :class:`Gradients` or `learning_rate` is not a number.
        ValueError
            If a gradient has the wrong shape or is not finite, `learning_rate` is not
            finite and positive, or the step would make a parameter infinite.

        Notes
        -----
        Implements :eq:`eq-update-w2`, :eq:`eq-update-b2`, :eq:`eq-update-w1` and
        :eq:`eq-update-b1`.
        """
        rate = check_learning_rate(learning_rate)
        check_gradients(grads, self.weights, self.biases, self.layer_sizes)
        with np.errstate(over="ignore", invalid="ignore"):
            new_weights, new_biases = self._stepped(grads.weights, grads.biases, rate)
        if not all(np.isfinite(p).all() for p in (*new_weights, *new_biases)):
            msg = (
                f"a step with learning rate {rate!r} would make some weights infinite; "
                "nothing was changed. Use a smaller learning rate."
            )
            raise ValueError(msg)
        self.weights, self.biases = new_weights, new_biases

    def train(self, X: ArrayLike, y: ArrayLike, epochs: int, learning_rate: float) -> Array:
        """Train by full-batch gradient descent and return L after every epoch.

        Each epoch computes, on the whole batch, the gradients that :meth:`backward` returns
        and moves every parameter as :meth:`step` does.

        Parameters
        ----------
        X : array_like of shape (n_inputs, n_samples)
            Inputs, one sample per column.
        y : array_like of shape (n_outputs, n_samples)
            Targets, one sample per column.
        epochs : int
            Number of updates, at least 1.
        learning_rate : float
            α, a finite positive number.

        Returns
        -------
        ndarray of shape (epochs,)
            ``history[i]`` is the loss L (:eq:`eq-loss`, or :eq:`eq-cross-entropy`: the
            quantity whose gradient is followed) of the weights after epoch ``i + 1``.

        Raises
        ------
        TypeError, ValueError
            On bad input, before anything changes.
        FloatingPointError
            If the loss or a weight stops being finite (the learning rate is far too large).
            The weights are then restored to what they were before the call.
        """
        X, y = check_batch(X, y, self.layer_sizes, self._loss)
        n_epochs = check_epochs(epochs)
        rate = check_learning_rate(learning_rate)
        checkpoint = Checkpoint.of(self, rate)
        history = np.empty(n_epochs)
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(n_epochs):
                weight_grads, bias_grads, _ = self._gradients(X, y)
                # The forward pass of epoch e + 1 gives the loss of the weights after epoch
                # e, so the loss costs no extra pass.
                if epoch:
                    history[epoch - 1] = checkpoint.finite(self._last_loss(y), epoch)
                self.weights, self.biases = self._stepped(weight_grads, bias_grads, rate)
            self._forward(X)
            history[-1] = checkpoint.finite(self._last_loss(y), n_epochs)
        if not all(np.isfinite(p).all() for p in (*self.weights, *self.biases)):
            checkpoint.restore_and_raise(f"a weight became infinite within {n_epochs} epochs")
        return history

    # Weight files -------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the weights and biases to an ``.npz`` file (no pickle), atomically.

        Parameters
        ----------
        path : str or path-like
            Where to write. The file is written in full or not at all.
        """
        weights_file.save(path, self.layer_sizes, self.weights, self.biases, self.loss)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], layer_sizes: Sequence[int] | None = None
    ) -> Network:
        """Read a network written by :meth:`save`; the round trip is exact.

        Parameters
        ----------
        path : str or path-like
            An ``.npz`` file written by :meth:`save`.
        layer_sizes : sequence of int, optional
            The architecture the caller expects; a file of another architecture is refused.

        Returns
        -------
        Network

        Raises
        ------
        FileNotFoundError
            If there is no file at `path`.
        ValueError
            If the file is corrupt, holds pickled objects, is not a weights file, or holds
            another architecture than `layer_sizes`.
        """
        expected = None if layer_sizes is None else check_layer_sizes(layer_sizes)
        # weights_file.load checks everything a file holds, once: shapes, dtype, finiteness.
        sizes, weights, biases, loss = weights_file.load(path, expected)
        return cls._from_checked(sizes, weights, biases, loss)

    # Internals ----------------------------------------------------------------------------

    def _forward(self, X: Array) -> Array:
        zs: list[Array] = []
        activations = [X]
        for W, b in zip(self.weights, self.biases, strict=True):
            z, a = forward.forward_layer(W, b, activations[-1])
            zs.append(z)
            activations.append(a)
        self.zs, self.activations = zs, activations
        return activations[-1]

    def _gradients(self, X: Array, y: Array) -> tuple[list[Array], list[Array], list[Array]]:
        """Return ∂L/∂W⁽ˡ⁾, ∂L/∂b⁽ˡ⁾ and δ⁽ˡ⁾ for l = 1 … L, after a fresh forward pass."""
        self._forward(X)
        return self._backpropagate(y)

    def _backpropagate(self, y: Array) -> tuple[list[Array], list[Array], list[Array]]:
        """Walk the δ recursion back from the output, using the last forward pass."""
        delta = self._loss.output_delta(self.activations[-1], y)
        weight_grads, bias_grads, layer_deltas = [], [], []
        # Walk back from layer L to layer 1. At index l: delta is δ⁽ˡ⁺¹⁾, a[l] is a⁽ˡ⁾
        # (a[0] is X) and weights[l] is W⁽ˡ⁺¹⁾.
        for layer in range(len(self.weights) - 1, -1, -1):
            layer_deltas.append(delta)
            weight_grads.append(self._weight_gradient(layer, delta))
            bias_grads.append(gradients.bias_gradient(delta))
            if layer:
                delta = self._delta_before(layer, delta)
        # Collected from layer L down; returned from layer 1 up.
        return weight_grads[::-1], bias_grads[::-1], layer_deltas[::-1]

    # The two index-bearing steps of the recursion are methods of their own, so that the
    # mistake catalogue can get one of them wrong without copying the rest of the walk.

    def _weight_gradient(self, layer: int, delta: Array) -> Array:
        """∂L/∂W⁽ˡ⁺¹⁾ = δ⁽ˡ⁺¹⁾ (a⁽ˡ⁾)ᵀ, given δ⁽ˡ⁺¹⁾ (:eq:`eq-grad-w-general`)."""
        return gradients.weight_gradient(delta, self.activations[layer])

    def _delta_before(self, layer: int, delta: Array) -> Array:
        """δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ σ′(z⁽ˡ⁾), given δ⁽ˡ⁺¹⁾ (:eq:`eq-delta-recursion`)."""
        return deltas.hidden_delta(self.weights[layer], delta, self.activations[layer])

    def _stepped(
        self, weight_grads: list[Array], bias_grads: list[Array], rate: float
    ) -> tuple[list[Array], list[Array]]:
        descend = update.gradient_descent_update
        weights = [descend(W, g, rate) for W, g in zip(self.weights, weight_grads, strict=True)]
        biases = [descend(b, g, rate) for b, g in zip(self.biases, bias_grads, strict=True)]
        return weights, biases

    def _last_loss(self, y: Array) -> float:
        """L of the last forward pass against the targets `y`."""
        return self._loss.value(self.zs[-1], self.activations[-1], y)
