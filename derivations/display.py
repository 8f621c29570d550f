"""Show derivations on the site's pages: the results, their steps and their proofs.

The pages under ``docs/derivations/`` are notebooks that render the
:class:`~derivations.result.Result` objects instead of typing their equations; this
module is how they do it, written once.
A page's first cell glues its results, so that ``{glue:math}`` directives place each
labelled equation where the prose wants it::

    from derivations.display import glue_results, proof_table, show_steps

    results = glue_results("eq-output-delta")

and later cells call ``show_steps(results["eq-output-delta"])`` and
``proof_table(result.prove() for result in results.values())``.

The functions that build text (:func:`linked`, :func:`steps_markdown`,
:func:`proof_table_markdown`) need nothing but the results; the ones that display
(:func:`glue_results`, :func:`show_steps`, :func:`proof_table`) need IPython and MyST-NB,
which the documentation's environment has, and import them only when called.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import sympy as sp

from derivations.result import Proof, Result

if TYPE_CHECKING:
    from IPython.display import Markdown

__all__ = [
    "glue_math",
    "glue_results",
    "linked",
    "proof_table",
    "proof_table_markdown",
    "show_steps",
    "steps_markdown",
]

#: A stable label as it appears in an explanation: ``eq-`` then lower-case words.
_LABEL = re.compile(r"\beq-[a-z0-9-]*[a-z0-9]")


def _registry() -> Mapping[str, Result]:
    # Imported here, not at the top: derivations/__init__.py imports every derivation
    # module, and this module is one of the package's modules.
    from derivations import REGISTRY  # noqa: PLC0415

    return REGISTRY


def linked(text: str, labels: Iterable[str] | None = None) -> str:
    r"""Escape Markdown in a plain-text explanation and link the labels it mentions.

    Parameters
    ----------
    text : str
        An explanation as a :class:`~derivations.result.Step` holds it: plain text, in
        which ``_`` and ``*`` are literal characters.
    labels : iterable of str, optional
        The labels that may be linked (default: every label of
        :data:`derivations.REGISTRY`). A label-like word that is not one of them is
        left as text, so a page never links to an equation that does not exist.

    Returns
    -------
    str
        MyST Markdown: each known label becomes its name in code followed by an
        ``{eq}`` reference, which renders as the equation's number and links to it.

    Examples
    --------
    >>> print(linked("by eq-loss and eq-nowhere, a_1 * 2", labels={"eq-loss"}))
    by `eq-loss` {eq}`eq-loss` and eq-nowhere, a\_1 \* 2
    """
    known = frozenset(_registry() if labels is None else labels)
    escaped = text.replace("_", r"\_").replace("*", r"\*")

    def link(match: re.Match[str]) -> str:
        label = match[0]
        return f"`{label}` {{eq}}`{label}`" if label in known else label

    # The escaping above cannot touch a label: labels have no "_" or "*".
    return _LABEL.sub(link, escaped)


def steps_markdown(result: Result) -> list[tuple[str, str | None]]:
    """Return, for each step of a derivation, its sentence and its equation.

    Parameters
    ----------
    result : Result
        The derived result whose ``steps`` to show.

    Returns
    -------
    list of (str, str or None)
        One pair per step, in order: the MyST Markdown of "**Step n.** explanation"
        and the step's LaTeX (no ``$``). A step that states the result itself has
        ``None`` instead of LaTeX and a sentence that refers to the result's
        equation by number, since the page shows that equation, labelled, once.
    """
    shown: list[tuple[str, str | None]] = []
    for number, step in enumerate(result.steps, start=1):
        text = f"**Step {number}.** {linked(step.explanation)}"
        if step.latex() == result.latex():
            shown.append((f"{text} This is the result, equation {{eq}}`{result.label}`.", None))
        else:
            shown.append((text, step.latex()))
    return shown


def proof_table_markdown(proofs: Iterable[Proof], instances: Iterable[str] | None = None) -> str:
    """Tabulate proofs in Markdown: the difference each one reduced to, and its time.

    Parameters
    ----------
    proofs : iterable of Proof
        The outcomes of :meth:`Result.prove <derivations.result.Result.prove>`. A proof
        label may carry a note after a space (``"eq-loss (instance)"``); the link goes to
        the label before it.
    instances : iterable of str, optional
        What each proof ran on, one per proof: adds an "Instance" column.

    Returns
    -------
    str
        A Markdown table with one row per proof: the label (linked to its equation),
        the instance if given, whether it is proved (a failed proof in bold), the reduced
        difference between derivation and closed form in LaTeX, and the proof's
        wall-clock time.

    Raises
    ------
    ValueError
        If ``proofs`` is empty (a table without rows would say nothing was proved while
        looking like a proof), or ``instances`` does not give one entry per proof.
    """
    proof_list = list(proofs)
    if not proof_list:
        msg = "proof_table_markdown needs at least one proof; it was given none"
        raise ValueError(msg)
    instance_list = None if instances is None else list(instances)
    if instance_list is not None and len(instance_list) != len(proof_list):
        msg = (
            f"proof_table_markdown needs one instance per proof; it was given "
            f"{len(proof_list)} proofs and {len(instance_list)} instances"
        )
        raise ValueError(msg)
    rows = []
    for number, proof in enumerate(proof_list):
        instance = "" if instance_list is None else f" {instance_list[number]} |"
        rows.append(
            f"| `{proof.label}` {{eq}}`{proof.label.split(' ')[0]}` |{instance} "
            f"{'yes' if proof.proved else '**NO**'} "
            f"| ${sp.latex(proof.difference)}$ | {proof.seconds * 1000:.1f} ms |"
        )
    columns = ["Result", *([] if instance_list is None else ["Instance"])]
    columns += ["Proved", "Derivation − closed form", "Time"]
    header = ["| " + " | ".join(columns) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    return "\n".join(header + rows)


def glue_math(equations: Mapping[str, str]) -> None:
    """Glue each LaTeX equation under its key, for a ``{glue:math}`` directive to place.

    The one glue step of the pages: :func:`glue_results` glues the results' equations
    under their labels, ``derivations.exercises.glue_exercises`` the exercises'
    answers under ``exercise-NAME``.

    Parameters
    ----------
    equations : mapping of str to str
        Each glue key and its LaTeX (no ``$``).
    """
    from IPython.display import Math  # noqa: PLC0415 -- only the docs' environment has it
    from myst_nb import glue  # noqa: PLC0415

    for key, equation in equations.items():
        glue(key, Math(equation), display=False)


def glue_results(*labels: str) -> dict[str, Result]:
    """Glue each result's equation under its label and return the results by label.

    A ``{glue:math}`` directive with the same key then places the equation (the
    result's own :meth:`~derivations.result.Result.latex`) on the page, with its label.

    Parameters
    ----------
    *labels : str
        Stable labels of :data:`derivations.REGISTRY`, e.g. ``"eq-output-delta"``.

    Returns
    -------
    dict of str to Result
        The results, in the order of ``labels``.

    Raises
    ------
    KeyError
        If a label is not in the registry (nothing is glued then).
    """
    registry = _registry()
    unknown = [label for label in labels if label not in registry]
    if unknown:
        msg = f"not labels of derivations.REGISTRY: {unknown}; known: {sorted(registry)}"
        raise KeyError(msg)
    results = {label: registry[label] for label in labels}
    glue_math({label: result.latex() for label, result in results.items()})
    return results


def show_steps(result: Result) -> None:
    """Display the chain-rule steps of a result, each sentence above its equation.

    Parameters
    ----------
    result : Result
        The result whose steps to show (see :func:`steps_markdown`).
    """
    from IPython.display import Markdown, Math, display  # noqa: PLC0415

    for text, equation in steps_markdown(result):
        display(Markdown(text))
        if equation is not None:
            display(Math(equation))


def proof_table(proofs: Iterable[Proof], instances: Iterable[str] | None = None) -> Markdown:
    """Return the table of :func:`proof_table_markdown` for a cell to display.

    Parameters
    ----------
    proofs : iterable of Proof
        The outcomes of :meth:`Result.prove <derivations.result.Result.prove>`.
    instances : iterable of str, optional
        What each proof ran on, one per proof (see :func:`proof_table_markdown`).

    Returns
    -------
    IPython.display.Markdown
        The table; as a cell's last value it renders as a table on the page.
    """
    from IPython.display import Markdown  # noqa: PLC0415

    return Markdown(proof_table_markdown(proofs, instances))
