# A student's code, kept as students write it: these lint rules do not apply to it.
# ruff: noqa: ARG001
"""Hostile: a formula function that crashes the interpreter (it reads memory at address 0)."""

import ctypes


def sigmoid(z):
    return ctypes.string_at(0)
