"""The derivation pages' exercises: proved answers, generated cases, and ``--exercise`` grading."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from derivations import exercises as derived
from derivations.notation import reduce_to_zero
from derivations.result import is_zero
from selfcheck import exercises
from selfcheck.__main__ import main

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "derivations"

#: A correct answer and one plausible wrong one per exercise (the function's body).
ANSWERS = {
    "tanh-derivative": ("1 - a**2", "a * (1 - a)"),
    "linear-output-delta": ("a - y", "(a - y) * a * (1 - a)"),
    "tanh-output-delta": ("(a - y) * (1 - a**2)", "(a - y) * a * (1 - a)"),
    "tanh-hidden-delta": (
        "(W_next.T @ delta_next) * (1 - a**2)",
        "(W_next @ delta_next) * (1 - a**2)",
    ),
    "mean-loss-gradient": ("delta @ a_prev.T / delta.shape[1]", "delta @ a_prev.T"),
    "mean-loss-bias-gradient": (
        "delta.sum(axis=1, keepdims=True) / delta.shape[1]",
        "delta.sum(axis=1, keepdims=True)",
    ),
}


def _answer(tmp_path: Path, name: str, body: str) -> str:
    exercise = exercises.by_name(name)
    source = f"def {exercise.signature}:\n    return {body}\n"
    path = tmp_path / "answer.py"
    path.write_text(source, encoding="utf-8")
    return str(path)


def test_every_exercise_has_answers_here() -> None:
    assert set(ANSWERS) == set(exercises.exercises()) == set(derived.EXERCISES)


@pytest.mark.parametrize("name", list(derived.EXERCISES))
def test_exercise_answer_is_proved(name: str) -> None:
    proof = derived.EXERCISES[name].prove()
    assert proof.proved, proof.difference


@pytest.mark.parametrize("name", list(derived.EXERCISES))
def test_the_proof_can_fail(name: str) -> None:
    derivation, closed = derived.EXERCISES[name].derive()
    # Twice the closed form (or the closed form plus one) is not the derivative.
    assert not is_zero(reduce_to_zero(derivation - 2 * closed))
    assert not is_zero(reduce_to_zero(derivation - closed.applyfunc(lambda e: e + 1)))


def test_generated_descriptions_match_the_derivations() -> None:
    for name, exercise in derived.EXERCISES.items():
        loaded = exercises.by_name(name)
        assert loaded.signature == exercise.signature
        assert loaded.label == exercise.label
        assert loaded.parameters == exercise.parameters


@pytest.mark.parametrize("name", list(ANSWERS))
def test_correct_answer_passes(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--exercise", name, _answer(tmp_path, name, ANSWERS[name][0])])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "PASS" in out
    assert "1 passed, 0 failed, 0 skipped" in out


@pytest.mark.parametrize("name", list(ANSWERS))
def test_wrong_answer_fails_with_the_case_and_the_numbers(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["--exercise", name, _answer(tmp_path, name, ANSWERS[name][1])])
    out = capsys.readouterr().out
    assert status == 1, out
    first = exercises.exercises()[name]
    case = derived.exercise_cases()["collections"][first.cases][0]
    assert f"case:     {case['name']} ({case['id']})" in out
    assert re.search(r"expected: \[\[", out)
    assert re.search(r"got:      \[\[", out)
    assert f"{first.label}" in out
    assert "0 passed, 1 failed, 0 skipped" in out


def test_wrong_answer_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = "mean-loss-gradient"
    status = main(["--exercise", name, _answer(tmp_path, name, ANSWERS[name][1]), "--json"])
    document = json.loads(capsys.readouterr().out)
    assert status == 1
    assert document["status"] == 1
    assert document["exercise"] == name
    assert document["function"] == "mean_loss_weight_gradient(delta, a_prev)"
    (check,) = document["checks"]
    assert check["status"] == "fail"
    assert check["label"] == "eq-grad-w2"
    case = derived.exercise_cases()["collections"]["exercise-mean-loss-gradient"][0]
    assert check["expected"] == case["values"]["expected"]
    # The wrong answer is m times the right one: a sum where the mean belongs.
    m = len(case["values"]["delta"][0])
    np.testing.assert_allclose(check["got"], m * np.array(check["expected"]), rtol=1e-12)


def test_unknown_name_lists_the_exercises(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _answer(tmp_path, "tanh-derivative", "1 - a**2")
    assert main(["--exercise", "tanh-delta", path]) == 2
    err = capsys.readouterr().err
    assert "no exercise called 'tanh-delta'" in err
    for name in derived.EXERCISES:
        assert name in err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--exercise", "tanh-derivative", str(tmp_path / "absent.py")]) == 2
    assert "no file at" in capsys.readouterr().err


def test_missing_function_names_what_was_looked_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _answer(tmp_path, "tanh-derivative", "1 - a**2")
    assert main(["--exercise", "tanh-hidden-delta", path]) == 2
    err = capsys.readouterr().err
    assert "tanh_hidden_delta(W_next, delta_next, a)" in err
    assert "is not defined" in err


def test_a_name_that_is_not_a_function(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answer.py"
    path.write_text("tanh_derivative = 3\n", encoding="utf-8")
    assert main(["--exercise", "tanh-derivative", str(path)]) == 2
    assert "tanh_derivative is not a function" in capsys.readouterr().err


def test_exercise_grades_exactly_one_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _answer(tmp_path, "tanh-derivative", "1 - a**2")
    assert main(["--exercise", "tanh-derivative", path, path]) == 2
    assert "grades one file" in capsys.readouterr().err


def test_a_crashing_answer_fails_with_its_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _answer(tmp_path, "tanh-derivative", "undefined_name")
    assert main(["--exercise", "tanh-derivative", path]) == 1
    assert "error:    NameError" in capsys.readouterr().out


@pytest.mark.parametrize("name", list(derived.EXERCISES))
def test_one_page_shows_the_command_and_the_signature(name: str) -> None:
    command = f"python -m selfcheck --exercise {name} answer.py"
    pages = [page for page in PAGES.glob("*.md") if command in page.read_text(encoding="utf-8")]
    assert len(pages) == 1, (name, pages)
    text = pages[0].read_text(encoding="utf-8")
    assert derived.EXERCISES[name].signature in text
    # The solution glues the derived answer, places it, and grades an implementation.
    assert f'glue_exercises("{name}")' in text
    assert "{glue:math} exercise-" + name in text
    assert f'grade_source("{name}", answer) == 0' in text


#: One exercise's heading, as every derivation page writes it.
_EXERCISE = re.compile(r"^\*\*Exercise (\d+) \(", re.MULTILINE)


@pytest.mark.parametrize(
    "page", sorted(page.name for page in PAGES.glob("*.md") if page.name != "index.md")
)
def test_every_derivation_page_ends_with_two_to_four_hidden_solutions(page: str) -> None:
    text = (PAGES / page).read_text(encoding="utf-8")
    tail = text.split("\n## Exercises\n", 1)
    assert len(tail) == 2, f"{page}: no '## Exercises' section"
    assert "\n## " not in tail[1], f"{page}: the exercises are not the last section"
    numbers = [int(number) for number in _EXERCISE.findall(tail[1])]
    assert 2 <= len(numbers) <= 4, (page, numbers)
    assert numbers == list(range(1, len(numbers) + 1)), (page, numbers)
    for number in numbers:
        summary = f'<details class="exercise-solution">\n<summary>Solution to exercise {number}</summary>'
        assert summary in tail[1], (page, number)
    assert tail[1].count("<details") == tail[1].count("</details>") == len(numbers), page
