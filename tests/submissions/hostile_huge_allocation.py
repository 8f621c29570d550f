"""Hostile: a formula function that asks for 8 GiB."""

import numpy as np


def sigmoid(z):
    scratch = np.ones((1024, 1024, 1024))
    return 1 / (1 + np.exp(-z)) + 0 * scratch[0, 0, 0]
