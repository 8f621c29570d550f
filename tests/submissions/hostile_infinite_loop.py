"""Hostile: a formula function that never returns."""


def sigmoid(z):
    while True:
        z = z + 0
