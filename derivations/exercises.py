r"""The answers to the derivation pages' exercises, derived and proved like the results.

Each :class:`Exercise` has a stable name (``tanh-hidden-delta``), the function a student
writes for it (``tanh_hidden_delta(W_next, delta_next, a)``), and a closed form built by
one function that serves three ends: it is proved equal, entry by entry, to what
``sympy.diff`` gives from the definitions on the 2-2-1 network with a batch of three
samples (:meth:`Exercise.prove`); it is evaluated to 50 digits on the cases of
``selfcheck/data/exercises.json`` (:func:`exercise_cases`), which
``python -m selfcheck --exercise NAME answer.py`` grades a student's function against; and
it is rendered on the page, in the solution (:meth:`Exercise.latex`).

The variants change one thing in the network of the site: tanh in place of σ (in the
hidden layer, or at the output), a linear output unit, or the mean loss C = L/m in
place of the sum L. With tanh(z) = (eᶻ − e⁻ᶻ)/(eᶻ + e⁻ᶻ) the derivative is 1 − tanh²(z),
so a function that receives the activation a = tanh(z) computes it as 1 − a ⊙ a.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from derivations.cases import bind, matrix_value, uniform
from derivations.generate import DATA, GeneratedFile
from derivations.loss import error
from derivations.network import entries, gradient, loss, neuron_layer, symbols
from derivations.notation import _Elementwise, explicit, latex, matrix, reduce_to_zero
from derivations.output_delta import delta_from_loss
from derivations.result import Proof, is_zero

__all__ = [
    "DATA_FILE",
    "EXERCISES",
    "Exercise",
    "OneMinusSquare",
    "exercise_cases",
    "generate",
    "glue_exercises",
]

#: The generated file of the exercises' cases, relative to the repository root.
DATA_FILE = f"{DATA}/exercises.json"

Record = dict[str, Any]


class OneMinusSquare(_Elementwise):
    """``1 − a²`` entry by entry: tanh′ written with tanh's output a."""

    _function = staticmethod(lambda u: 1 - u**2)

    def _latex(self, printer: Any) -> str:
        body = printer._print(self.args[0])
        return rf"\left(1 - {body} \odot {body}\right)"


@dataclass(frozen=True)
class Exercise:
    r"""One exercise whose answer is a function: derived, proved, and graded by its cases.

    Attributes
    ----------
    name : str
        The stable name, for ``python -m selfcheck --exercise NAME``.
    function : str
        The name of the function the student's file defines.
    arguments : tuple of str
        Its arguments, in call order, as the exercise prints them (``W_next``).
    parameters : tuple of str
        The same arguments as the keys of the cases (``w_next``).
    label : str
        The equation label the exercise builds on: the report's "read" link.
    title : str
        What is asked, in a few words.
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

    name: str
    function: str
    arguments: tuple[str, ...]
    parameters: tuple[str, ...]
    label: str
    title: str
    lhs: Any
    closed_form: Callable[..., Any] = field(repr=False)
    display: tuple[Any, ...] = field(repr=False)
    derive: Callable[[], tuple[Any, Any]] = field(repr=False)
    instance: str
    shapes: tuple[tuple[tuple[int, int], ...], ...]
    ranges: tuple[tuple[float, float], ...]
    seed: int
    shown: Callable[..., Any] | None = field(default=None, repr=False)

    @property
    def signature(self) -> str:
        """Return the call the student implements: ``tanh_hidden_delta(W_next, delta_next, a)``."""
        return f"{self.function}({', '.join(self.arguments)})"

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


def _tanh(u: Any) -> Any:
    """Return tanh from its definition, (eᵘ − e⁻ᵘ)/(eᵘ + e⁻ᵘ): no SymPy rule for tanh is used."""
    return (sp.exp(u) - sp.exp(-u)) / (sp.exp(u) + sp.exp(-u))


NET = symbols()
_W2, _D2, _A1, _A2, _Y = NET.w[2], NET.delta[2], NET.a[1], NET.a[2], NET.y
_M = sp.Symbol("m", positive=True, integer=True)


# tanh-derivative -----------------------------------------------------------------------------


def _tanh_derivative_form(a: Any) -> Any:
    return OneMinusSquare(a)


def _derive_tanh_derivative() -> tuple[Any, Any]:
    z = entries(NET.z[1])
    derivation = z.applyfunc(lambda u: sp.diff(_tanh(u), u))
    a = matrix("A", *z.shape)
    return derivation, explicit(_tanh_derivative_form(a), {a: z.applyfunc(_tanh)})


# linear-output-delta -------------------------------------------------------------------------


def _linear_output_delta_form(a: Any, y: Any) -> Any:
    return error(a, y)


def _derive_linear_output_delta() -> tuple[Any, Any]:
    z, y = entries(NET.z[2]), entries(_Y)
    # A linear output unit: a = z, so L = ½ Σ (z − y)².
    derivation = gradient(loss(z, y), z)
    return derivation, explicit(_linear_output_delta_form(_A2, _Y), {_A2: z, _Y: y})


# tanh-output-delta ---------------------------------------------------------------------------


def _tanh_output_delta_form(a: Any, y: Any) -> Any:
    return sp.HadamardProduct(error(a, y), OneMinusSquare(a))


def _derive_tanh_output_delta() -> tuple[Any, Any]:
    z, y = entries(NET.z[2]), entries(_Y)
    a = z.applyfunc(_tanh)
    derivation = gradient(loss(a, y), z)
    return derivation, explicit(_tanh_output_delta_form(_A2, _Y), {_A2: a, _Y: y})


# tanh-hidden-delta ---------------------------------------------------------------------------


def _tanh_hidden_delta_form(w_next: Any, delta_next: Any, a: Any) -> Any:
    return sp.HadamardProduct(w_next.T * delta_next, OneMinusSquare(a))


def _derive_tanh_hidden_delta() -> tuple[Any, Any]:
    z1, y, w2 = entries(NET.z[1]), entries(_Y), entries(_W2)
    a1 = z1.applyfunc(_tanh)
    z2, a2 = neuron_layer(w2, entries(NET.b[2]), a1)
    derivation = gradient(loss(a2, y), z1)
    # δ⁽²⁾ of the sigmoid output, differentiated from the loss, at this network's z⁽²⁾.
    z2_free = entries(NET.z[2])
    delta2 = delta_from_loss(z2_free, y).xreplace(dict(zip(z2_free, z2, strict=True)))
    values = {_W2: w2, _D2: delta2, _A1: a1}
    return derivation, explicit(_tanh_hidden_delta_form(_W2, _D2, _A1), values)


# mean-loss-gradient --------------------------------------------------------------------------


def _mean_gradient(delta: Any, a_prev: Any, m: Any) -> Any:
    return sp.MatMul(1 / m, delta, a_prev.T)


def _mean_loss_gradient_form(delta: Any, a_prev: Any) -> Any:
    # The batch size is the number of columns (samples) of δ.
    return _mean_gradient(delta, a_prev, sp.Integer(delta.shape[1]))


def _derive_mean_loss_gradient() -> tuple[Any, Any]:
    y, w2 = entries(_Y), entries(_W2)
    _, a1 = neuron_layer(entries(NET.w[1]), entries(NET.b[1]), entries(NET.a[0]))
    z2, a2 = neuron_layer(w2, entries(NET.b[2]), a1)
    # C = L/m, differentiated with respect to every entry of W⁽²⁾.
    derivation = gradient(loss(a2, y) / NET.m, w2)
    z2_free = entries(NET.z[2])
    delta2 = delta_from_loss(z2_free, y).xreplace(dict(zip(z2_free, z2, strict=True)))
    return derivation, explicit(_mean_loss_gradient_form(_D2, _A1), {_D2: delta2, _A1: a1})


def _mean_loss_gradient_shown(delta: Any, a_prev: Any) -> Any:
    return _mean_gradient(delta, a_prev, _M)


_INSTANCE = "the 2-2-1 network, batch of m = 3 samples"

#: Every exercise with a function for an answer, by name, in the order of the pages.
EXERCISES: Mapping[str, Exercise] = {
    exercise.name: exercise
    for exercise in (
        Exercise(
            name="tanh-derivative",
            function="tanh_derivative",
            arguments=("a",),
            parameters=("a",),
            label="eq-sigmoid-derivative-output",
            title="tanh′ from tanh's output",
            lhs=sp.Symbol(r"\tanh'(z)"),
            closed_form=_tanh_derivative_form,
            display=(sp.MatrixSymbol("a", 1, 1),),
            derive=_derive_tanh_derivative,
            instance="every weighted input of the hidden layer, 2 × 3",
            shapes=(((1, 7),), ((2, 3),), ((3, 3),)),
            ranges=((-0.99, 0.99),),
            seed=20_263_100,
        ),
        Exercise(
            name="linear-output-delta",
            function="linear_output_delta",
            arguments=("a", "y"),
            parameters=("a", "y"),
            label="eq-output-delta",
            title="the output delta of a linear output unit",
            lhs=_D2,
            closed_form=_linear_output_delta_form,
            display=(_A2, _Y),
            derive=_derive_linear_output_delta,
            instance=_INSTANCE + ", a linear output unit",
            shapes=(((1, 4), (1, 4)), ((2, 3), (2, 3)), ((3, 3), (3, 3))),
            ranges=((-2.0, 2.0), (0.0, 1.0)),
            seed=20_263_200,
        ),
        Exercise(
            name="tanh-output-delta",
            function="tanh_output_delta",
            arguments=("a", "y"),
            parameters=("a", "y"),
            label="eq-output-delta-general",
            title="the output delta of a tanh output unit",
            lhs=_D2,
            closed_form=_tanh_output_delta_form,
            display=(_A2, _Y),
            derive=_derive_tanh_output_delta,
            instance=_INSTANCE + ", a tanh output unit",
            shapes=(((1, 4), (1, 4)), ((2, 3), (2, 3)), ((3, 3), (3, 3))),
            ranges=((-0.95, 0.95), (-1.0, 1.0)),
            seed=20_263_300,
        ),
        Exercise(
            name="tanh-hidden-delta",
            function="tanh_hidden_delta",
            arguments=("W_next", "delta_next", "a"),
            parameters=("w_next", "delta_next", "a"),
            label="eq-hidden-delta",
            title="the hidden delta of a tanh hidden layer",
            lhs=NET.delta[1],
            closed_form=_tanh_hidden_delta_form,
            display=(_W2, _D2, _A1),
            derive=_derive_tanh_hidden_delta,
            instance=_INSTANCE + ", a tanh hidden layer",
            shapes=(
                ((3, 3), (3, 3), (3, 3)),
                ((2, 2), (2, 2), (2, 2)),
                ((1, 2), (1, 3), (2, 3)),
                ((2, 4), (2, 2), (4, 2)),
            ),
            ranges=((-1.0, 1.0), (-0.25, 0.25), (-0.95, 0.95)),
            seed=20_263_400,
        ),
        Exercise(
            name="mean-loss-gradient",
            function="mean_loss_weight_gradient",
            arguments=("delta", "a_prev"),
            parameters=("delta", "a_prev"),
            label="eq-grad-w2",
            title="the weight gradient of the mean loss C = L/m",
            lhs=sp.MatrixSymbol(r"\frac{\partial C}{\partial W^{(2)}}", 1, 2),
            closed_form=_mean_loss_gradient_form,
            display=(_D2, _A1),
            derive=_derive_mean_loss_gradient,
            instance=_INSTANCE + ", C = L/m",
            shapes=(((3, 3), (3, 3)), ((1, 3), (2, 3)), ((2, 2), (4, 2)), ((2, 4), (2, 4))),
            ranges=((-0.25, 0.25), (0.0, 1.0)),
            seed=20_263_500,
            shown=_mean_loss_gradient_shown,
        ),
    )
}


def _cases(exercise: Exercise) -> list[Record]:
    rng = random.Random(exercise.seed)
    records = []
    for shapes in exercise.shapes:
        symbols_ = [
            matrix(f"{parameter.upper()}", rows, cols)
            for parameter, (rows, cols) in zip(exercise.parameters, shapes, strict=True)
        ]
        inputs = [
            uniform(rng, rows, cols, low, high)
            for (rows, cols), (low, high) in zip(shapes, exercise.ranges, strict=True)
        ]
        values: dict[Any, float] = {}
        for symbol, value in zip(symbols_, inputs, strict=True):
            values |= bind(symbol, value)
        expected = matrix_value(exercise.closed_form(*symbols_), values)
        case_id = "-".join(f"{rows}x{cols}" for rows, cols in shapes)
        name = ", ".join(
            f"{argument} {rows}x{cols}"
            for argument, (rows, cols) in zip(exercise.arguments, shapes, strict=True)
        )
        record: Record = {
            "id": case_id,
            "name": name,
            "label": exercise.label,
            "values": {
                **dict(zip(exercise.parameters, inputs, strict=True)),
                "expected": expected,
            },
        }
        records.append(record)
    return records


def exercise_cases() -> dict[str, Any]:
    """Return the document of ``selfcheck/data/exercises.json``: each exercise and its cases.

    ``exercises`` maps each name to what the self-check needs to call the student's
    function (its name, arguments and the keys of the cases) and to report (the label, the
    title); ``collections`` maps ``exercise-NAME`` to the cases, as every other data file.
    """
    return {
        "exercises": {
            name: {
                "function": exercise.function,
                "arguments": list(exercise.arguments),
                "parameters": list(exercise.parameters),
                "label": exercise.label,
                "title": exercise.title,
            }
            for name, exercise in EXERCISES.items()
        },
        "collections": {
            f"exercise-{name}": _cases(exercise) for name, exercise in EXERCISES.items()
        },
    }


def generate() -> list[GeneratedFile]:
    """Return :data:`DATA_FILE`, laid out as the other data files: one case per line.

    The exercises' descriptions come first, one per line, then the collections; floats are
    written with ``repr`` by :func:`json.dumps`, so the text is the same on every run.
    """
    document = exercise_cases()
    about = "Generated by `python -m derivations` (derivations/exercises.py); do not edit."
    lines = ["{", f' "about": {json.dumps(about)},', ' "exercises": {']
    described = list(document["exercises"].items())
    lines += [
        f"  {json.dumps(name)}: {json.dumps(record)}{',' if n < len(described) - 1 else ''}"
        for n, (name, record) in enumerate(described)
    ]
    lines += [" },", ' "collections": {']
    collections = list(document["collections"].items())
    for n, (name, records) in enumerate(collections):
        lines.append(f"  {json.dumps(name)}: [")
        lines += [
            f"   {json.dumps(record)}{',' if i < len(records) - 1 else ''}"
            for i, record in enumerate(records)
        ]
        lines.append("  ]" + ("," if n < len(collections) - 1 else ""))
    text = "\n".join([*lines, " }", "}"]) + "\n"
    return [GeneratedFile(DATA_FILE, text)]


def glue_exercises(*names: str) -> dict[str, Exercise]:
    """Glue each exercise's answer as ``exercise-NAME`` for a solution's ``{glue:math}``.

    Parameters
    ----------
    *names : str
        Names of :data:`EXERCISES`.

    Returns
    -------
    dict of str to Exercise
        The exercises, in the order of `names`.

    Raises
    ------
    KeyError
        If a name is not an exercise (nothing is glued then); the message lists them.
    """
    unknown = [name for name in names if name not in EXERCISES]
    if unknown:
        msg = f"not exercises of derivations.exercises: {unknown}; known: {list(EXERCISES)}"
        raise KeyError(msg)
    from IPython.display import Math  # noqa: PLC0415 -- only the docs' environment has it
    from myst_nb import glue  # noqa: PLC0415

    chosen = {name: EXERCISES[name] for name in names}
    for name, exercise in chosen.items():
        glue(f"exercise-{name}", Math(exercise.latex()), display=False)
    return chosen
