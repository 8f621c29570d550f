"""derivations.display: how the pages show results, steps and proofs, written once.

The text-building functions are checked here on small results made for the test (so the
expected Markdown is known without running the function); the functions that display
need IPython and MyST-NB and run on every build of the site, whose HTML tests check
what they showed.
"""

from __future__ import annotations

import pytest

sp = pytest.importorskip("sympy")

from derivations.display import (
    glue_results,
    linked,
    proof_table_markdown,
    steps_markdown,
)
from derivations.result import Proof, Result, Step

x, y = sp.symbols("x y")


def _result() -> Result:
    """A two-step result, y = x²: a step that is not the result (x = √y), then the result."""
    return Result(
        label="eq-loss",
        title="a test result",
        statement="y = x^2",
        lhs=y,
        rhs=x**2,
        steps=(
            Step("Invert x_1 (see eq-loss and eq-not-a-label).", x, sp.sqrt(y)),
            Step("Hence the result.", y, x**2),
        ),
        derivation=x**2,
        closed_form=x**2,
    )


def test_linked_escapes_markdown_and_links_known_labels_only() -> None:
    text = linked("from eq-loss, not eq-nowhere: a_1 * b", labels={"eq-loss"})
    assert text == r"from `eq-loss` {eq}`eq-loss`, not eq-nowhere: a\_1 \* b"


def test_linked_knows_the_registry_labels_by_default() -> None:
    assert linked("eq-output-delta") == "`eq-output-delta` {eq}`eq-output-delta`"
    assert linked("eq-output-delta-of-nothing") == "eq-output-delta-of-nothing"


def test_linked_does_not_link_a_label_inside_a_longer_word() -> None:
    assert linked("xeq-loss", labels={"eq-loss"}) == "xeq-loss"


def test_steps_markdown_numbers_the_steps_and_shows_the_result_by_reference() -> None:
    steps = steps_markdown(_result())
    assert steps == [
        (
            r"**Step 1.** Invert x\_1 (see `eq-loss` {eq}`eq-loss` and eq-not-a-label).",
            r"x = \sqrt{y}",
        ),
        ("**Step 2.** Hence the result. This is the result, equation {eq}`eq-loss`.", None),
    ]


def test_proof_table_has_a_row_per_proof_and_marks_a_failure() -> None:
    table = proof_table_markdown(
        [Proof("eq-loss", True, sp.Integer(0), 0.0123), Proof("eq-x", False, x - 1, 2.0)]
    )
    assert table.splitlines() == [
        "| Result | Proved | Derivation − closed form | Time |",
        "| --- | --- | --- | --- |",
        "| `eq-loss` {eq}`eq-loss` | yes | $0$ | 12.3 ms |",
        "| `eq-x` {eq}`eq-x` | **NO** | $x - 1$ | 2000.0 ms |",
    ]


def test_proof_table_names_each_proof_s_instance_and_links_the_label_before_a_note() -> None:
    table = proof_table_markdown(
        [Proof("eq-loss (instance)", True, sp.Integer(0), 0.001)], ["the 2-2-1 network"]
    )
    assert table.splitlines() == [
        "| Result | Instance | Proved | Derivation − closed form | Time |",
        "| --- | --- | --- | --- | --- |",
        "| `eq-loss (instance)` {eq}`eq-loss` | the 2-2-1 network | yes | $0$ | 1.0 ms |",
    ]


def test_proof_table_needs_one_instance_per_proof() -> None:
    proof = Proof("eq-loss", True, sp.Integer(0), 0.001)
    with pytest.raises(ValueError, match="2 proofs and 1 instances"):
        proof_table_markdown([proof, proof], ["one"])


def test_proof_table_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one proof; it was given none"):
        proof_table_markdown([])


def test_glue_results_rejects_an_unknown_label_before_gluing_anything() -> None:
    with pytest.raises(KeyError, match=r"\['eq-nowhere'\]"):
        glue_results("eq-loss", "eq-nowhere")
