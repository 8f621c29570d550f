# A student's code, kept as students write it: these lint rules do not apply to it.
# ruff: noqa: B905, RUF007
"""The site's API with the loss np.mean((a - y) ** 2), consistently.

The mean over samples and outputs without the ½, and the gradients of that mean.
"""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def mse(a, y):
    return float(np.mean((a - y) ** 2))


class Network:
    def __init__(self, sizes):
        rng = np.random.default_rng(0)
        self.weights = [rng.standard_normal((n, m)) for m, n in zip(sizes[:-1], sizes[1:])]
        self.biases = [rng.standard_normal((n, 1)) for n in sizes[1:]]

    def forward(self, X):
        self.zs, self.activations = [], [X]
        for W, b in zip(self.weights, self.biases):
            self.zs.append(W @ self.activations[-1] + b)
            self.activations.append(sigmoid(self.zs[-1]))
        return self.activations[-1]

    def backward(self, X, y):
        self.forward(X)
        a = self.activations
        deltas = [2 * (a[-1] - y) / y.size * a[-1] * (1 - a[-1])]
        for layer in range(len(self.weights) - 1, 0, -1):
            deltas.insert(0, (self.weights[layer].T @ deltas[0]) * a[layer] * (1 - a[layer]))
        return {
            "weights": [d @ p.T for d, p in zip(deltas, a[:-1])],
            "biases": [d.sum(axis=1, keepdims=True) for d in deltas],
            "deltas": deltas,
        }

    def step(self, grads, learning_rate):
        self.weights = [W - learning_rate * g for W, g in zip(self.weights, grads["weights"])]
        self.biases = [b - learning_rate * g for b, g in zip(self.biases, grads["biases"])]
