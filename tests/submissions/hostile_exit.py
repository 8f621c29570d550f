"""Hostile: a formula function that ends the process with status 0, as if all went well."""


def sigmoid(z):
    exit(0)
