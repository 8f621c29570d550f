"""Checks that bite: the check library, its generated cases, a catalogue of mistakes, a self-check.

:mod:`selfcheck.checks` holds every check, written once: each takes an implementation and a
generated case (:mod:`selfcheck.cases`, data written by ``python -m derivations``) and
raises :class:`~selfcheck.failure.CheckFailure` on disagreement. ``tests/generated/`` runs
them on ``backprop``; :mod:`selfcheck.report` runs them on anything else: a catalogue
mistake (:mod:`selfcheck.mistakes`) or a student's own module
(``python -m selfcheck path/to/code.py``). The checks and their cases need only NumPy;
the catalogue needs ``backprop``.
"""
