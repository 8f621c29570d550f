"""Training's guard against divergence: a checkpoint of the weights, restored on failure.

A learning rate far too large makes the loss or a weight overflow within a few epochs.
:meth:`Network.train <backprop.Network.train>` then puts back the weights it started from
and raises, so that a failed call changes nothing; this module is that promise, kept apart
from the gradient-descent arithmetic (:eq:`eq-update-w2` and its siblings) it guards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from backprop.network import Network

__all__ = ["Checkpoint"]

Array = NDArray[np.float64]


@dataclass(frozen=True)
class Checkpoint:
    """The weights and biases of `network` when ``train()`` was called, at learning rate `rate`.

    Attributes
    ----------
    network : Network
        The network being trained.
    rate : float
        The learning rate α, named in the error message.
    weights, biases : list of ndarray
        The parameters to restore. The lists are copies; the arrays are shared, which is
        safe because training replaces arrays and never writes into them.
    """

    network: Network
    rate: float
    weights: list[Array]
    biases: list[Array]

    @classmethod
    def of(cls, network: Network, rate: float) -> Checkpoint:
        """Remember the current parameters of `network`."""
        return cls(network, rate, list(network.weights), list(network.biases))

    def finite(self, loss: float, epoch: int) -> float:
        """Return `loss` (the loss after `epoch`), or restore and raise if it is not finite.

        Raises
        ------
        FloatingPointError
            If `loss` is NaN or infinite; the weights are restored first.
        """
        if not math.isfinite(loss):
            self.restore_and_raise(f"the loss became {loss} after epoch {epoch}")
        return loss

    def restore_and_raise(self, what: str) -> NoReturn:
        """Put the remembered parameters back, forget the last forward pass, and raise.

        Raises
        ------
        FloatingPointError
            Always, saying `what` went wrong and at which learning rate.
        """
        network = self.network
        network.weights, network.biases = self.weights, self.biases
        # The zs and activations belong to the diverged weights; keeping them would let
        # them be read as the restored network's.
        network.zs, network.activations = [], []
        msg = (
            f"training diverged: {what} (learning rate {self.rate!r}). The weights were "
            "restored to what they were before train() was called; use a smaller learning rate."
        )
        raise FloatingPointError(msg)
