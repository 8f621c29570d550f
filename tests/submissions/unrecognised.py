"""A network in a shape the self-check does not know: its methods have other names."""

import numpy as np


class Perceptron:
    def __init__(self):
        self.layers = [np.zeros((2, 2)), np.zeros((1, 2))]

    def predict(self, inputs):
        out = inputs
        for layer in self.layers:
            out = 1 / (1 + np.exp(-(layer @ out)))
        return out

    def learn(self, inputs, targets):
        return self.predict(inputs) - targets
