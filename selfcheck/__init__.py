"""Checks that bite: a catalogue of classic backpropagation mistakes, and a self-check.

:mod:`selfcheck.mistakes` holds realistic wrong variants of ``backprop``'s formulas and of
its network; :mod:`selfcheck.runner` runs the derivation-generated checks of
``tests/generated/`` against any implementation: ``backprop`` itself, a catalogue mistake,
or a student's own module (``python -m selfcheck path/to/code.py``).

This package is not part of ``backprop``'s public API and is not installed with it: like
``derivations/``, it runs from the repository checkout.
"""
