"""Helpers shared by the hand-written tests."""

import numpy as np

import backprop as bp

#: The seed the README documents: with it the 2-2-1 network learns XOR in 10,000 epochs.
XOR_SEED = 3


def snapshot(network: bp.Network) -> list[np.ndarray]:
    """Copies of every parameter, to show that a failed call changed nothing."""
    return [p.copy() for p in (*network.weights, *network.biases)]


def assert_unchanged(network: bp.Network, before: list[np.ndarray]) -> None:
    """Fail unless every parameter equals its copy in `before`, bit for bit."""
    after = [*network.weights, *network.biases]
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        np.testing.assert_array_equal(new, old)
