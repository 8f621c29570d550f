"""The objects every derivation produces: :class:`Step`, :class:`Result` and :class:`Proof`.

A :class:`Result` holds a labelled statement in two forms. ``lhs`` and ``rhs`` are
the closed form as it is displayed (a vector statement is a SymPy matrix
expression); ``derivation`` and ``closed_form`` are the same quantity computed two
ways on a concrete instance, entry by entry: once by differentiating the
definitions (``sympy.diff``, the chain rule) and once by expanding ``rhs``.
:meth:`Result.prove` reduces their difference exactly (no floating point, no
``simplify``) and reports whether it is zero.

``formula`` is the closed form once more, as a function of named arguments
(:class:`Formula`): given SymPy matrices of any shape (or scalars) for its
parameters it returns the expression of ``rhs`` at those arguments. The test
generator evaluates it on inputs of several shapes; other printers (JavaScript) can
print it for symbolic arguments.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derivations.notation import latex, reduce_to_zero

__all__ = ["Formula", "Proof", "Result", "Step"]


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
class Formula:
    """A closed form as a function of named arguments.

    Attributes
    ----------
    parameters : tuple of str
        The argument names, in call order. They are the argument names of the ``backprop``
        function that implements the result where there is one (``w_next``, ``delta_next``),
        and the mathematical argument otherwise (``z`` where the code passes ``a = σ(z)``:
        σ(z) is then given the value of ``a``, see :mod:`derivations.evaluate`).
    build : callable
        ``build(*arguments)`` returns the SymPy expression: a matrix expression (expand it
        with :func:`derivations.notation.explicit`) for matrix arguments, a scalar otherwise.
    scalars : tuple of str
        The parameters that are scalars (``learning_rate``, ``x``); every other parameter
        is a matrix, of any shape: the shapes of the arguments given decide the result's.

    Examples
    --------
    >>> import sympy as sp
    >>> from derivations import REGISTRY
    >>> formula = REGISTRY["eq-update-w2"].formula
    >>> formula.parameters
    ('theta', 'grad', 'learning_rate')
    >>> theta, grad = sp.MatrixSymbol("T", 3, 1), sp.MatrixSymbol("G", 3, 1)
    >>> formula(theta=theta, grad=grad, learning_rate=sp.Symbol("alpha")).shape
    (3, 1)
    """

    parameters: tuple[str, ...]
    build: Callable[..., Any] = field(repr=False)
    scalars: tuple[str, ...] = ()

    def __call__(self, **arguments: Any) -> Any:
        """Return the closed form at `arguments`, one per name of :attr:`parameters`.

        Raises
        ------
        TypeError
            If an argument is missing or one is given that is not a parameter.
        """
        if set(arguments) != set(self.parameters):
            msg = (
                f"the formula takes {', '.join(self.parameters)}; "
                f"got {', '.join(sorted(arguments)) or 'nothing'}"
            )
            raise TypeError(msg)
        return self.build(*(arguments[name] for name in self.parameters))


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
    formula : Formula or None
        ``rhs`` as a function of named arguments, for any shapes: what the generated
        checks evaluate and what other languages are printed from.
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
    formula: Formula | None = field(default=None, repr=False)

    def latex(self) -> str:
        """Return the LaTeX of ``lhs = rhs`` (no ``$``, no label)."""
        return f"{latex(self.lhs)} = {latex(self.rhs)}"

    def prove(self) -> Proof:
        """Reduce ``derivation - closed_form`` exactly and report whether it is zero."""
        start = time.perf_counter()
        difference = reduce_to_zero(self.derivation - self.closed_form)
        return Proof(self.label, is_zero(difference), difference, time.perf_counter() - start)
