r"""The type of a derivation page's code exercise: derived, proved, graded by its cases.

:class:`Exercise` holds one exercise's names, its closed form and the derivation it is
proved against; :mod:`derivations.exercise_variants` defines the exercises themselves and
:mod:`derivations.exercises` writes their cases. :class:`OneMinusSquare` is tanh′ written
with tanh's output, which several variants share.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from derivations.notation import _Elementwise, latex, reduce_to_zero
from derivations.result import Proof, is_zero
from selfcheck import exercises as graded

__all__ = ["Exercise", "OneMinusSquare"]


class OneMinusSquare(_Elementwise):
    """``1 − a²`` entry by entry: tanh′ written with tanh's output a."""

    _function = staticmethod(lambda u: 1 - u**2)

    def _latex(self, printer: Any) -> str:
        body = printer._print(self.args[0])
        return rf"\left(1 - {body} \odot {body}\right)"


@dataclass(frozen=True)
class Exercise(graded.Exercise):
    r"""One exercise whose answer is a function: derived, proved, and graded by its cases.

    The fields the self-check grades by (name, function, arguments, parameters, label and
    title) are those of :class:`selfcheck.exercises.Exercise`, which this record extends with
    what the derivation needs.

    Attributes
    ----------
    lhs : sympy.Basic
        The quantity, as displayed.
    closed_form : callable
        ``closed_form(*matrices)`` returns the answer as a matrix expression, for matrix
        symbols of any shape given in the order of :attr:`parameters`.
    display : tuple
        The matrix symbols the page shows the answer in (``W^{(2)}``, ``\delta^{(2)}``, ...).
    derive : callable
        ``derive()`` returns ``(derivation, closed)``: the answer differentiated from the
        definitions on the instance, and :attr:`closed_form` expanded on the same instance.
    instance : str
        What the instance is.
    shapes : tuple
        The shapes of the arguments, one tuple of ``(rows, cols)`` per case.
    ranges : tuple
        The interval each argument's entries are drawn from.
    seed : int
        Of the ``random.Random`` that draws the cases.
    shown : callable or None
        The closed form as the page shows it, where that differs from
        :attr:`closed_form` (the mean-loss gradient writes the batch size as m).
    """

    lhs: Any
    closed_form: Callable[..., Any] = field(repr=False)
    display: tuple[Any, ...] = field(repr=False)
    derive: Callable[[], tuple[Any, Any]] = field(repr=False)
    instance: str
    shapes: tuple[tuple[tuple[int, int], ...], ...]
    ranges: tuple[tuple[float, float], ...]
    seed: int
    shown: Callable[..., Any] | None = field(default=None, repr=False)

    def latex(self) -> str:
        """Return the LaTeX of the answer, ``lhs = closed form``, in the page's symbols."""
        form = self.closed_form if self.shown is None else self.shown
        return f"{latex(self.lhs)} = {latex(form(*self.display))}"

    def prove(self) -> Proof:
        """Reduce the derivation minus the closed form exactly and report whether it is zero."""
        start = time.perf_counter()
        derivation, closed = self.derive()
        difference = reduce_to_zero(derivation - closed)
        label = f"exercise {self.name}"
        return Proof(label, is_zero(difference), difference, time.perf_counter() - start)
