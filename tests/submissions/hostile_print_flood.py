"""Hostile: a formula function that prints without end."""

import numpy as np


def sigmoid(z):
    while True:
        print("debugging sigmoid", z)
    return 1 / (1 + np.exp(-z))
