"""The in-place shape with samples as columns, as on the site, and a learning rate called lr."""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class TwoLayerNet:
    def __init__(self, n_in, n_hidden, n_out):
        rng = np.random.default_rng(1)
        self.W1 = rng.standard_normal((n_hidden, n_in))
        self.b1 = np.zeros((n_hidden, 1))
        self.W2 = rng.standard_normal((n_out, n_hidden))
        self.b2 = np.zeros((n_out, 1))

    def forward(self, X):
        self.z1 = self.W1 @ X + self.b1
        self.a1 = sigmoid(self.z1)
        self.z2 = self.W2 @ self.a1 + self.b2
        self.a2 = sigmoid(self.z2)
        return self.a2

    def backward(self, X, y, lr):
        d2 = (self.a2 - y) * self.a2 * (1 - self.a2)
        d1 = (self.W2.T @ d2) * self.a1 * (1 - self.a1)
        self.W2 = self.W2 - lr * d2 @ self.a1.T
        self.b2 = self.b2 - lr * d2.sum(axis=1, keepdims=True)
        self.W1 = self.W1 - lr * d1 @ X.T
        self.b1 = self.b1 - lr * d1.sum(axis=1, keepdims=True)
