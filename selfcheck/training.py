"""Train the tutorial's network on XOR with a catalogue mistake installed, for the mistakes page."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

import backprop
from selfcheck.wrong import Mistake

__all__ = ["TrainingRun", "train_xor"]

Array = NDArray[np.float64]
_NETWORK = backprop.network.Network


@dataclass(frozen=True)
class TrainingRun:
    """The loss history of one training run, or the error that stopped it.

    Attributes
    ----------
    history : ndarray of shape (n_epochs_completed,)
        The recorded loss after each epoch (empty if training failed at once).
    outputs : ndarray or None
        The network's outputs on the four XOR inputs after training, if it finished.
    error : str or None
        ``"ValueError: ..."`` if training raised, else None.
    """

    history: Array
    outputs: Array | None
    error: str | None


def train_xor(
    mistake: Mistake | None, epochs: int = 2_000, learning_rate: float = 0.5, seed: int = 3
) -> TrainingRun:
    """Train ``Network([2, 2, 1], seed=seed)`` on XOR with `mistake` installed (None: right).

    Parameters
    ----------
    mistake : Mistake or None
        The mistake to install, or None for the correct code.
    epochs : int, optional
        Full-batch epochs.
    learning_rate : float, optional
        α.
    seed : int, optional
        The network's seed (3 is the documented seed that learns XOR).

    Returns
    -------
    TrainingRun
    """
    X, y = backprop.xor()
    context = contextlib.nullcontext(_NETWORK) if mistake is None else mistake.installed()
    with context as network_class:
        net = network_class([2, 2, 1], seed=seed)
        try:
            history = net.train(X, y, epochs=epochs, learning_rate=learning_rate)
        except (ValueError, FloatingPointError) as error:
            first_line = str(error).splitlines()[0]
            return TrainingRun(np.empty(0), None, f"{type(error).__name__}: {first_line}")
        return TrainingRun(history, net.forward(X), None)
