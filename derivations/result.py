"""The objects every derivation produces: :class:`Step`, :class:`Result` and :class:`Proof`.

A :class:`Result` holds a labelled statement in two forms. ``lhs`` and ``rhs`` are
the closed form as it is displayed (a vector statement is a SymPy matrix
expression); ``derivation`` and ``closed_form`` are the same quantity computed two
ways on a concrete instance, entry by entry: once by differentiating the
definitions (``sympy.diff``, the chain rule) and once by expanding ``rhs``.
:meth:`Result.prove` reduces their difference exactly (no floating point, no
``simplify``) and reports whether it is zero.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derivations.notation import latex, reduce_to_zero

__all__ = ["Proof", "Result", "Step"]


@dataclass(frozen=True)
class Step:
    """One step of a derivation: ``lhs = rhs`` with a sentence saying why.

    Attributes
    ----------
    explanation : str
        Why the step holds (definition, chain rule, a local derivative, ...).
    lhs, rhs : sympy.Basic
        The two sides; ``rhs`` of a local derivative is computed by ``sympy.diff``.
    """

    explanation: str
    lhs: Any
    rhs: Any

    def latex(self) -> str:
        """Return the LaTeX of ``lhs = rhs`` (no ``$``, no label)."""
        return f"{latex(self.lhs)} = {latex(self.rhs)}"


@dataclass(frozen=True)
class Proof:
    """The outcome of running a proof.

    Attributes
    ----------
    label : str
        The label of the result that was proved.
    proved : bool
        True when the reduced difference is exactly zero.
    difference : sympy.Basic
        The reduced difference between derivation and closed form (0 or a zero matrix).
    seconds : float
        Wall-clock time the proof took.
    """

    label: str
    proved: bool
    difference: Any
    seconds: float


def is_zero(expr: Any) -> bool:
    """Return True when a reduced scalar or matrix is exactly zero."""
    if isinstance(expr, sp.MatrixBase):
        return all(entry == 0 for entry in expr)
    return bool(expr == 0)


@dataclass(frozen=True)
class Result:
    """A derived, labelled result.

    Attributes
    ----------
    label : str
        The stable label (DESIGN.md), e.g. ``"eq-output-delta"``.
    title : str
        A short name.
    statement : str
        One plain-text line.
    lhs, rhs : sympy.Basic
        The final result as displayed, ``lhs = rhs``.
    steps : tuple of Step
        The chain-rule steps in order.
    derivation : sympy.Basic
        The quantity computed from the definitions (by differentiating) on a concrete
        instance: the 2-2-1 network with a batch of ``m = 3`` samples.
    closed_form : sympy.Basic
        ``rhs`` expanded on the same instance.
    instance : str
        What the concrete instance is.
    """

    label: str
    title: str
    statement: str
    lhs: Any
    rhs: Any
    steps: tuple[Step, ...]
    derivation: Any = field(repr=False)
    closed_form: Any = field(repr=False)
    instance: str = "the 2-2-1 network, batch of m = 3 samples"

    def latex(self) -> str:
        """Return the LaTeX of ``lhs = rhs`` (no ``$``, no label)."""
        return f"{latex(self.lhs)} = {latex(self.rhs)}"

    def prove(self) -> Proof:
        """Reduce ``derivation - closed_form`` exactly and report whether it is zero."""
        start = time.perf_counter()
        difference = reduce_to_zero(self.derivation - self.closed_form)
        return Proof(self.label, is_zero(difference), difference, time.perf_counter() - start)
