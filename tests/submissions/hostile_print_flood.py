"""Hostile: a formula function that prints a debugging line without end."""

import numpy as np


def sigmoid(z):
    while True:
        print("debugging sigmoid: z has shape", np.shape(z), "and I am still here")
    return 1 / (1 + np.exp(-z))
