# A student's code, kept as students write it: these lint rules do not apply to it.
# ruff: noqa: ARG001, PLR1722
"""Hostile: a formula function that ends the process with status 0, as if all went well."""


def sigmoid(z):
    exit(0)
