# A student's code, kept as students write it: these lint rules do not apply to it.
# ruff: noqa: NPY002
"""The tutorial's in-place shape, samples as rows, with the error of Σ (a − y)²: 2 (a2 − y).

X has shape (m, 2); W1 has shape (2, hidden); backward updates the weights in place.
"""

import numpy as np


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def sigmoid_derivative(x):
    # x is already the output of the sigmoid
    return x * (1 - x)


class NeuralNetwork:
    def __init__(self, input_size=2, hidden_size=2, output_size=1):
        self.W1 = np.random.randn(input_size, hidden_size)
        self.b1 = np.zeros((1, hidden_size))
        self.W2 = np.random.randn(hidden_size, output_size)
        self.b2 = np.zeros((1, output_size))

    def forward(self, X):
        self.z1 = np.dot(X, self.W1) + self.b1
        self.a1 = sigmoid(self.z1)
        self.z2 = np.dot(self.a1, self.W2) + self.b2
        self.a2 = sigmoid(self.z2)
        return self.a2

    def backward(self, X, y, learning_rate):
        output_error = 2 * (self.a2 - y)
        output_delta = output_error * sigmoid_derivative(self.a2)
        hidden_error = output_delta.dot(self.W2.T)
        hidden_delta = hidden_error * sigmoid_derivative(self.a1)
        self.W2 -= self.a1.T.dot(output_delta) * learning_rate
        self.b2 -= np.sum(output_delta, axis=0, keepdims=True) * learning_rate
        self.W1 -= X.T.dot(hidden_delta) * learning_rate
        self.b1 -= np.sum(hidden_delta, axis=0, keepdims=True) * learning_rate

    def train(self, X, y, epochs=10000, learning_rate=0.1):
        for _ in range(epochs):
            self.forward(X)
            self.backward(X, y, learning_rate)
