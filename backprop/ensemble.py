"""Many independent networks of one architecture, trained in lockstep.

An :class:`Ensemble` of n members does what n separate :class:`~backprop.Network` objects
would do, with the same equations, but vectorised across the members: every array carries
the member index as its **last** axis, so one NumPy call updates every member at once.
A 2-2-1 member costs tens of nanoseconds per epoch instead of tens of microseconds.

This module holds the API and its input checks; the fused kernels that do the arithmetic,
each named after the equations it fuses, and the layout of their arrays are in
``backprop/_ensemble_kernels.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

import numpy as np
from numpy.typing import ArrayLike, NDArray

from backprop import _ensemble_kernels as kernels
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
from backprop.losses import Loss
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
        The loss's name (read-only), as for :class:`~backprop.Network`.

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
        chosen = check_loss(loss)
        count = check_integer("n_members", n_members, minimum=1)
        first_seed = check_integer("seed", seed, minimum=0)
        drawn = [initial_parameters(sizes, first_seed + i) for i in range(count)]
        self._set_parameters(
            sizes,
            [np.stack([w[layer] for w, _ in drawn], axis=-1) for layer in range(len(sizes) - 1)],
            [np.stack([b[layer] for _, b in drawn], axis=-1) for layer in range(len(sizes) - 1)],
            chosen,
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
            members[0]._loss,
        )
        return ensemble

    def _set_parameters(
        self, sizes: tuple[int, ...], weights: list[Array], biases: list[Array], loss: Loss
    ) -> None:
        self.layer_sizes = sizes
        self._loss = loss
        self.n_members: int = weights[0].shape[-1]
        # Layer l's weights and biases side by side, [W⁽ˡ⁾ | b⁽ˡ⁾], so that one matrix
        # product gives the first layer's z and its weight and bias gradients together,
        # and one call updates a whole layer.
        self._parameters = [
            np.concatenate([W, b], axis=1, dtype=np.float64)
            for W, b in zip(weights, biases, strict=True)
        ]

    @property
    def loss(self) -> str:
        """The loss's name: ``"squared_error"`` or ``"cross_entropy"``."""
        return self._loss.name

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
        # The ensemble's parameters are finite and shaped by construction: no second check,
        # only copies, so that the member shares no memory with the ensemble.
        return Network._from_checked(
            self.layer_sizes,
            [W[..., index].copy() for W in self._weights],
            [b[..., index].copy() for b in self._biases],
            self._loss,
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
        work = kernels.Workspace(self.layer_sizes, X_checked, self.n_members, self._loss)
        with np.errstate(over="ignore"):
            kernels.forward_general(self._parameters, work)
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
        X_checked, y_checked = check_batch(X, y, self.layer_sizes, self._loss)
        n_epochs = check_epochs(epochs)
        rate = self._check_rates(learning_rate)
        every = check_integer("record_every", record_every, minimum=1)
        if every > n_epochs:
            msg = f"record_every ({every}) must not exceed epochs ({n_epochs}): nothing would be recorded"
            raise ValueError(msg)
        saved = [p.copy() for p in self._parameters]
        losses = np.empty((n_epochs // every, self.n_members))
        work = kernels.Workspace(self.layer_sizes, X_checked, self.n_members, self._loss)
        forward, backward_and_step = (
            kernels.forward_general,
            kernels.delta_recursion_gradients_and_update,
        )
        output_delta, loss_values = work.loss_kernels.output_delta, work.loss_kernels.values
        with np.errstate(over="ignore", invalid="ignore"):
            for epoch in range(1, n_epochs + 1):
                forward(self._parameters, work)
                if epoch > 1 and (epoch - 1) % every == 0:
                    losses[(epoch - 1) // every - 1] = loss_values(y_checked, work)
                output_delta(y_checked, work)
                backward_and_step(self._parameters, rate, work)
            if n_epochs % every == 0:
                forward(self._parameters, work)
                losses[-1] = loss_values(y_checked, work)
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
