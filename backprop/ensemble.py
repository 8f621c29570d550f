"""Many independent networks of one architecture, trained in lockstep.

An :class:`Ensemble` of n members does what n separate :class:`~backprop.Network` objects
would do, with the same equations, but vectorised across the members: every array carries
the member index as its **last** axis, so one NumPy call updates every member at once.
A 2-2-1 member costs tens of nanoseconds per epoch instead of tens of microseconds.

Layout: a layer's weights and biases are stored side by side, [W⁽ˡ⁾ | b⁽ˡ⁾], in one array of
shape (n_out, n_in + 1, n_members), and its activations as (n_units, n_samples, n_members).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NoReturn

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop._validation import (
    check_batch,
    check_epochs,
    check_integer,
    check_layer_sizes,
    check_learning_rate,
    check_loss,
    check_samples,
    describe,
)
from backprop.network import Network, initial_parameters

__all__ = ["Ensemble"]

Array = NDArray[np.float64]


class Ensemble:
    """n independent sigmoid networks of one architecture, trained in lockstep.

    Member ``i`` starts from exactly the weights of ``Network(layer_sizes, seed=seed + i)``
    and follows the trajectory that network's :meth:`~backprop.Network.train` would follow
    (equal up to floating-point rounding of sums taken in another order).

    Parameters
    ----------
    layer_sizes : sequence of int
        Units per layer, inputs first, as for :class:`~backprop.Network`.
    n_members : int
        How many networks, at least 1.
    seed : int, optional
        Member ``i`` is initialised as ``Network(layer_sizes, seed=seed + i)``. Default 0,
        so member 3 of ``Ensemble([2, 2, 1], n)`` is the tutorial's network.
    loss : {"squared_error", "cross_entropy"}, optional
        The loss every member is trained on, as for :class:`~backprop.Network`.

    Attributes
    ----------
    layer_sizes : tuple of int
        The architecture.
    n_members : int
        The number of networks.
    loss : str
        The loss.

    Examples
    --------
    >>> import backprop as bp
    >>> X, y = bp.xor()
    >>> ensemble = bp.Ensemble([2, 2, 1], n_members=8, seed=0)
    >>> losses = ensemble.train(X, y, epochs=10_000, learning_rate=0.1, record_every=1000)
    >>> losses.shape
    (10, 8)
    >>> ensemble.member(3).forward(X).round(2).tolist()
    [[0.04, 0.95, 0.96, 0.04]]
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        n_members: int,
        seed: int = 0,
        loss: str = "squared_error",
    ) -> None:
        sizes = check_layer_sizes(layer_sizes)
        checked_loss = check_loss(loss)
        count = check_integer("n_members", n_members, minimum=1)
        first_seed = check_integer("seed", seed, minimum=0)
        drawn = [initial_parameters(sizes, first_seed + i) for i in range(count)]
        self._set_parameters(
            sizes,
            [np.stack([w[layer] for w, _ in drawn], axis=-1) for layer in range(len(sizes) - 1)],
            [np.stack([b[layer] for _, b in drawn], axis=-1) for layer in range(len(sizes) - 1)],
            checked_loss,
        )

    @classmethod
    def from_networks(cls, networks: Sequence[Network]) -> Ensemble:
        """Stack copies of networks of one architecture into an ensemble.

        Parameters
        ----------
        networks : sequence of Network
            At least one, all with the same layer sizes and the same loss.

        Returns
        -------
        Ensemble
        """
        members = list(networks)
        if not members or not all(isinstance(net, Network) for net in members):
            msg = f"from_networks needs a non-empty sequence of Network objects, got {describe(networks)}"
            raise TypeError(msg)
        sizes = members[0].layer_sizes
        for i, net in enumerate(members):
            if net.layer_sizes != sizes:
                msg = (
                    f"every network must have layer sizes {list(sizes)}, but network {i} has "
                    f"{list(net.layer_sizes)}"
                )
                raise ValueError(msg)
            if net.loss != members[0].loss:
                msg = (
                    f"every network must have the loss {members[0].loss!r}, but network {i} "
                    f"has {net.loss!r}"
                )
                raise ValueError(msg)
        ensemble = cls.__new__(cls)
        ensemble._set_parameters(
            sizes,
            [
                np.stack([net.weights[layer] for net in members], axis=-1)
                for layer in range(len(sizes) - 1)
            ],
            [
                np.stack([net.biases[layer] for net in members], axis=-1)
                for layer in range(len(sizes) - 1)
            ],
            members[0].loss,
        )
        return ensemble

    def _set_parameters(
        self, sizes: tuple[int, ...], weights: list[Array], biases: list[Array], loss: str
    ) -> None:
        self.layer_sizes = sizes
        self.loss = loss
        self.n_members: int = weights[0].shape[-1]
        # Layer l's weights and biases side by side, [W⁽ˡ⁾ | b⁽ˡ⁾], so that one matrix
        # product gives the first layer's z and its weight and bias gradients together,
        # and one call updates a whole layer.
        self._parameters = [
            np.concatenate([W, b], axis=1, dtype=np.float64)
            for W, b in zip(weights, biases, strict=True)
        ]

    @property
    def _weights(self) -> list[Array]:
        return [p[:, :-1, :] for p in self._parameters]

    @property
    def _biases(self) -> list[Array]:
        return [p[:, -1:, :] for p in self._parameters]

    def __repr__(self) -> str:
        """Return ``Ensemble(layer_sizes=[...], n_members=n)``."""
        return f"{type(self).__name__}(layer_sizes={list(self.layer_sizes)}, n_members={self.n_members})"

    def __len__(self) -> int:
        """Return the number of members."""
        return self.n_members

    @property
    def weights(self) -> list[Array]:
        """Copies of W⁽¹⁾ … W⁽ᴸ⁾ of every member, each of shape (n_members, n_out, n_in)."""
        return [np.moveaxis(W, -1, 0).copy() for W in self._weights]

    @property
    def biases(self) -> list[Array]:
        """Copies of b⁽¹⁾ … b⁽ᴸ⁾ of every member, each of shape (n_members, n_out, 1)."""
        return [np.moveaxis(b, -1, 0).copy() for b in self._biases]

    def member(self, index: int) -> Network:
        """Return member `index` as an independent :class:`~backprop.Network` (a copy).

        Raises
        ------
        IndexError
            If `index` is not in ``range(-n_members, n_members)``.
        """
        index = check_integer("index", index)
        if not -self.n_members <= index < self.n_members:
            msg = f"member index {index} is out of range for an ensemble of {self.n_members}"
            raise IndexError(msg)
        return Network.from_parameters(
            [W[..., index] for W in self._weights],
            [b[..., index] for b in self._biases],
            loss=self.loss,
        )

    def forward(self, X: ArrayLike) -> Array:
        """Return every member's output activations.

        Parameters
        ----------
        X : array_like of shape (n_inputs, n_samples)
            Inputs, one sample per column, shared by all members.

        Returns
        -------
        ndarray of shape (n_members, n_outputs, n_samples)
        """
        X_checked = check_samples("X", X, self.layer_sizes[0], "inputs", self.layer_sizes)
        work = _Workspace(self.layer_sizes, X_checked, self.n_members, self.loss)
        with np.errstate(over="ignore"):
            _forward(self._parameters, work)
        return np.moveaxis(work.activations[-1], -1, 0).copy()

    def train(
        self,
        X: ArrayLike,
        y: ArrayLike,
        epochs: int,
        learning_rate: float | ArrayLike,
        record_every: int = 1,
    ) -> Array:
        """Train every member by full-batch gradient descent on the same data.

        Parameters
        ----------
        X : array_like of shape (n_inputs, n_samples)
            Inputs, one sample per column.
        y : array_like of shape (n_outputs, n_samples)
            Targets, one sample per column.
        epochs : int
            Number of updates, at least 1.
        learning_rate : float or array_like of shape (n_members,)
            α, a finite positive number, or one per member (so one ensemble can sweep
            learning rates).
        record_every : int, optional
            Record the loss every this many epochs (default 1: every epoch, as
            :meth:`Network.train <backprop.Network.train>` does).

        Returns
        -------
        ndarray of shape (epochs // record_every, n_members)
            Row ``r`` holds each member's loss L (:eq:`eq-loss`, or :eq:`eq-cross-entropy`)
            after epoch ``(r + 1) * record_every``.

        Raises
        ------
        TypeError, ValueError
            On bad input, before anything changes.
        FloatingPointError
            If a member's loss or weights stop being finite; every member is then restored
            to its weights before the call.
        """
        X_checked, y_checked = check_batch(X, y, self.layer_sizes, self.loss)
        n_epochs = check_epochs(epochs)
        rate = self._check_rates(learning_rate)
        every = check_integer("record_every", record_every, minimum=1)
        if every > n_epochs:
            msg = f"record_every ({every}) must not exceed epochs ({n_epochs}): nothing would be recorded"
            raise ValueError(msg)
        saved = [p.copy() for p in self._parameters]
        losses = np.empty((n_epochs // every, self.n_members))
        work = _Workspace(self.layer_sizes, X_checked, self.n_members, self.loss)
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, n_epochs + 1):
                _forward(self._parameters, work)
                if epoch > 1 and (epoch - 1) % every == 0:
                    losses[(epoch - 1) // every - 1] = work.loss_values(y_checked)
                _backward_and_step(self._parameters, y_checked, rate, work)
            if n_epochs % every == 0:
                _forward(self._parameters, work)
                losses[-1] = work.loss_values(y_checked)
        finite = np.isfinite(losses).all(axis=0)
        for p in self._parameters:
            finite &= np.isfinite(p).all(axis=(0, 1))
        if not finite.all():
            self._diverged(np.flatnonzero(~finite), rate, saved)
        return losses

    def _check_rates(self, learning_rate: object) -> float | Array:
        if np.ndim(learning_rate) == 0:  # type: ignore[arg-type]
            return check_learning_rate(learning_rate)
        try:
            rates = np.array(learning_rate, dtype=np.float64)
        except (TypeError, ValueError) as error:
            msg = (
                "learning_rate must be a finite positive number or one per member, "
                f"got {describe(learning_rate)}"
            )
            raise TypeError(msg) from error
        if rates.shape != (self.n_members,):
            msg = (
                f"learning_rate must be a number or an array of shape ({self.n_members},), "
                f"one per member, got shape {rates.shape}"
            )
            raise ValueError(msg)
        if not (np.isfinite(rates) & (rates > 0.0)).all():
            msg = "every learning rate must be a finite positive number"
            raise ValueError(msg)
        return rates

    def _diverged(
        self,
        members: NDArray[np.intp],
        rate: float | Array,
        saved: list[Array],
    ) -> NoReturn:
        self._parameters = saved
        shown = ", ".join(str(i) for i in members[:10]) + (" …" if members.size > 10 else "")
        first_rate = rate if isinstance(rate, float) else float(rate[members[0]])
        msg = (
            f"training diverged for {members.size} of {self.n_members} members ({shown}): "
            f"the loss or a weight stopped being finite (learning rate {first_rate!r} for "
            f"member {members[0]}). Every member "
            "was restored to its weights before train() was called; use a smaller learning rate."
        )
        raise FloatingPointError(msg)


class _Workspace:
    """The inputs in the forms the kernels use, and preallocated work arrays.

    Allocated once per call, so that a training epoch allocates nothing.
    """

    def __init__(self, sizes: tuple[int, ...], X: Array, n_members: int, loss: str) -> None:
        n_samples = X.shape[1]
        # [X; 1], so that one product with [W⁽¹⁾ | b⁽¹⁾] adds the bias, and one product with
        # δ⁽¹⁾ sums it over the samples as well: ∂L/∂[W⁽¹⁾ | b⁽¹⁾] = δ⁽¹⁾ [X; 1]ᵀ.
        self.inputs_and_ones = np.vstack([X, np.ones((1, n_samples))])
        # −[X; 1]ᵀ: the product with [W⁽¹⁾ | b⁽¹⁾] is −z⁽¹⁾, which the sigmoid needs.
        self.negated_inputs_and_ones_t = -self.inputs_and_ones.T
        self.loss = loss
        shapes = [(units, n_samples, n_members) for units in sizes[1:]]
        # The forward pass leaves −z⁽ᴸ⁾ here for the cross-entropy, which needs z⁽ᴸ⁾ after
        # the in-place sigmoid has overwritten it.
        self.negated_output_z = np.empty(shapes[-1]) if loss == "cross_entropy" else None
        self.activations = [np.empty(shape) for shape in shapes]
        self.deltas = [np.empty(shape) for shape in shapes]
        self.scratch = [np.empty(shape) for shape in shapes]
        # −b⁽ˡ⁾ for the layers after the first (whose bias rides in the matrix product).
        self.negated_biases = [np.empty((units, 1, n_members)) for units in sizes[2:]]
        # ∂L/∂[W⁽ˡ⁾ | b⁽ˡ⁾], laid out as the parameters are.
        self.gradients = [
            np.empty((n_out, n_in + 1, n_members)) for n_in, n_out in itertools.pairwise(sizes)
        ]

    def loss_values(self, y: Array) -> Array:
        """Return every member's loss for the last forward pass (:eq:`eq-loss` or :eq:`eq-cross-entropy`)."""
        target = y[:, :, None]
        if self.negated_output_z is not None:
            # y·softplus(−z) + (1 − y)·softplus(z), as backprop.losses.cross_entropy computes it.
            negated_z = self.negated_output_z
            terms = target * np.logaddexp(0.0, negated_z) + (1.0 - target) * np.logaddexp(
                0.0, -negated_z
            )
            return terms.sum(axis=(0, 1))  # type: ignore[no-any-return]
        error = np.subtract(self.activations[-1], target, out=self.scratch[-1])
        np.square(error, out=error)
        return 0.5 * error.sum(axis=(0, 1))  # type: ignore[no-any-return]


def _forward(parameters: list[Array], work: _Workspace) -> None:
    """a⁽ˡ⁾ = σ(W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾) for every member (:eq:`eq-forward-hidden`, :eq:`eq-forward-output`).

    Each layer computes −z⁽ˡ⁾ (exactly the negation of z⁽ˡ⁾: only signs change), so that
    σ(z) = 1 / (1 + exp(−z)) (:eq:`eq-sigmoid`) costs three passes over the array, in place.
    exp(−z) overflows to inf below z ≈ −709, which gives σ = 0, the limit.
    """
    for layer, params in enumerate(parameters):
        negated_z = work.activations[layer]
        if layer == 0:
            # −z[j, s, i] = Σ_k (−[X; 1])[k, s] [W | b][j, k, i]: the inputs are shared by all
            # members, so this is one matrix product.
            np.matmul(work.negated_inputs_and_ones_t, params, out=negated_z)
        else:
            # First W a⁽ˡ⁻¹⁾ without the bias: Σ_k W[j, k, i] a_prev[k, s, i], member by member
            np.einsum(
                "jki,ksi->jsi", params[:, :-1, :], work.activations[layer - 1], out=negated_z
            )
            negated_bias = np.negative(params[:, -1:, :], out=work.negated_biases[layer - 1])
            np.subtract(negated_bias, negated_z, out=negated_z)  # −b − Wa = −(Wa + b)
        if layer == len(parameters) - 1 and work.negated_output_z is not None:
            np.copyto(work.negated_output_z, negated_z)
        np.exp(negated_z, out=negated_z)
        negated_z += 1.0
        np.reciprocal(negated_z, out=negated_z)  # now a⁽ˡ⁾


def _backward_and_step(
    parameters: list[Array], y: Array, rate: float | Array, work: _Workspace
) -> None:
    """Run the δ recursion and take one gradient-descent step, for every member at once."""
    activations, deltas, scratch = work.activations, work.deltas, work.scratch
    a, delta, sigma_prime = activations[-1], deltas[-1], scratch[-1]
    np.subtract(a, y[:, :, None], out=delta)
    if work.loss == "squared_error":
        # δ⁽ᴸ⁾ = (a⁽ᴸ⁾ − y) ⊙ a⁽ᴸ⁾(1 − a⁽ᴸ⁾)   (eq-output-delta)
        np.subtract(1.0, a, out=sigma_prime)
        sigma_prime *= a
        delta *= sigma_prime
    # else δ⁽ᴸ⁾ = a⁽ᴸ⁾ − y   (eq-output-delta-cross-entropy)
    for layer in range(len(parameters) - 1, -1, -1):
        delta, gradient = deltas[layer], work.gradients[layer]
        # ∂L/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ and ∂L/∂b⁽ˡ⁾ = Σ_samples δ⁽ˡ⁾   (eq-grad-w*, eq-grad-b*)
        if layer == 0:
            np.matmul(work.inputs_and_ones, delta, out=gradient)
        else:
            np.einsum("jsi,ksi->jki", delta, activations[layer - 1], out=gradient[:, :-1, :])
            np.sum(delta, axis=1, out=gradient[:, -1, :])
            # δ⁽ˡ⁻¹⁾ = (W⁽ˡ⁾)ᵀ δ⁽ˡ⁾ ⊙ a⁽ˡ⁻¹⁾(1 − a⁽ˡ⁻¹⁾)   (eq-hidden-delta), before W⁽ˡ⁾ moves
            params, back, product = parameters[layer], deltas[layer - 1], scratch[layer - 1]
            np.multiply(params[0, :-1, None, :], delta[None, 0], out=back)
            for j in range(1, params.shape[0]):
                np.multiply(params[j, :-1, None, :], delta[None, j], out=product)
                back += product
            a_prev = activations[layer - 1]
            np.subtract(1.0, a_prev, out=product)
            product *= a_prev
            back *= product
        # θ ← θ − α ∂L/∂θ for W⁽ˡ⁾ and b⁽ˡ⁾ at once   (eq-update-*)
        gradient *= rate
        parameters[layer] -= gradient
