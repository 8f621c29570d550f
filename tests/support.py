"""Helpers shared by the hand-written tests."""

import numpy as np

import backprop as bp

#: The seed the README documents: with it the 2-2-1 network learns XOR in 10,000 epochs.
XOR_SEED = 3

#: The stable labels of DESIGN.md's table, in its order: never renamed, never removed.
#: derivations.REGISTRY starts with them (it may hold more); each is an equation anchor on
#: the site.
DESIGN_LABELS = (
    "eq-sigmoid",
    "eq-sigmoid-derivative",
    "eq-sigmoid-derivative-output",
    "eq-forward-hidden",
    "eq-forward-output",
    "eq-loss",
    "eq-output-delta",
    "eq-hidden-delta",
    "eq-grad-w2",
    "eq-grad-b2",
    "eq-grad-w1",
    "eq-grad-b1",
    "eq-update-w2",
    "eq-update-w1",
    "eq-update-b2",
    "eq-update-b1",
)


def snapshot(network: bp.Network) -> list[np.ndarray]:
    """Copies of every parameter, to show that a failed call changed nothing."""
    return [p.copy() for p in (*network.weights, *network.biases)]


def assert_unchanged(network: bp.Network, before: list[np.ndarray]) -> None:
    """Fail unless every parameter equals its copy in `before`, bit for bit."""
    after = [*network.weights, *network.biases]
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        np.testing.assert_array_equal(new, old)
