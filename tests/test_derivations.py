"""The derivations: every label registered and proved, the prover able to fail, and the
generator deterministic and in sync with the committed tests/generated/."""

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from derivations import REGISTRY, brute_force, hidden_delta, output_delta
from derivations.__main__ import main
from derivations.generate import generate
from derivations.network import symbols
from derivations.notation import explicit, sigma

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "tests" / "generated"

# The stable labels of DESIGN.md's table: never renamed, never removed.
DESIGN_LABELS = [
    "eq-sigmoid",
    "eq-sigmoid-derivative",
    "eq-sigmoid-derivative-output",
    "eq-forward-hidden",
    "eq-forward-output",
    "eq-loss",
    "eq-output-delta",
    "eq-hidden-delta",
    "eq-grad-w2",
    "eq-grad-b2",
    "eq-grad-w1",
    "eq-grad-b1",
    "eq-update-w2",
    "eq-update-w1",
    "eq-update-b2",
    "eq-update-b1",
]


def test_every_design_label_is_in_the_registry() -> None:
    missing = [label for label in DESIGN_LABELS if label not in REGISTRY]
    assert missing == []
    assert list(REGISTRY)[: len(DESIGN_LABELS)] == DESIGN_LABELS


@pytest.mark.parametrize("label", list(REGISTRY))
def test_result_is_proved(label: str) -> None:
    result = REGISTRY[label]
    proof = result.prove()
    assert proof.label == label
    assert proof.proved, f"{label}: difference {proof.difference}"
    assert proof.seconds >= 0


@pytest.mark.parametrize("label", list(REGISTRY))
def test_result_has_statement_steps_and_latex(label: str) -> None:
    result = REGISTRY[label]
    assert result.label == label
    assert result.title
    assert "\n" not in result.statement
    assert result.steps
    for step in result.steps:
        assert step.explanation
        assert " = " in step.latex()
        assert "$" not in step.latex()
    latex = result.latex()
    assert " = " in latex
    assert "$" not in latex
    assert "\\label" not in latex


@pytest.mark.parametrize("label", ["eq-output-delta", "eq-hidden-delta"])
def test_vector_statements_use_odot(label: str) -> None:
    assert r"\odot" in REGISTRY[label].latex()
    assert r"\circ" not in REGISTRY[label].latex()


def test_hidden_delta_is_displayed_with_the_transpose() -> None:
    assert REGISTRY["eq-hidden-delta"].latex() == (
        r"\delta^{(1)} = \left(\left(W^{(2)}\right)^{T} \delta^{(2)}\right)"
        r" \odot \sigma'\left(z^{(1)}\right)"
    )


@pytest.mark.parametrize("label", list(brute_force.PROOFS))
def test_brute_force_is_proved(label: str) -> None:
    report = brute_force.PROOFS[label].report()
    assert report.proof.proved
    assert all(row.proved for row in report.rows)
    sizes = report.layer_sizes
    n_parameters = sum(sizes[l] * sizes[l - 1] + sizes[l] for l in range(1, len(sizes)))
    assert sum(row.kind != "delta" for row in report.rows) == n_parameters
    assert report.m > 1


def test_brute_force_covers_the_nine_parameters_of_2_2_1() -> None:
    rows = brute_force.PROOFS["brute-force-2-2-1"].report().rows
    names = [row.parameter for row in rows if row.kind != "delta"]
    assert names == [
        "W(1)[1,1]",
        "W(1)[1,2]",
        "W(1)[2,1]",
        "W(1)[2,2]",
        "b(1)[1]",
        "b(1)[2]",
        "W(2)[1,1]",
        "W(2)[1,2]",
        "b(2)[1]",
    ]


# The prover can fail ---------------------------------------------------------------------


def test_output_delta_without_sigma_prime_is_not_proved() -> None:
    result = REGISTRY["eq-output-delta"]
    net = symbols()
    z = explicit(net.z[2])
    wrong = explicit(net.a[2] - net.y, {net.a[2]: z.applyfunc(sigma)})
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_hidden_delta_with_untransposed_weights_is_not_proved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def untransposed(w_next: object, delta_next: object, z: object) -> object:
        from derivations.notation import SigmaPrimeOf

        return sp.HadamardProduct(w_next * delta_next, SigmaPrimeOf(z))

    square = symbols((2, 3, 3), 3)
    assert hidden_delta.hidden_delta(square).prove().proved
    monkeypatch.setattr(hidden_delta, "closed_form", untransposed)
    assert not hidden_delta.hidden_delta(square).prove().proved


def test_gradient_with_a_mean_is_not_proved() -> None:
    result = REGISTRY["eq-grad-w2"]
    wrong = result.closed_form / 3
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_sigmoid_derivative_with_a_wrong_sign_is_not_proved() -> None:
    result = REGISTRY["eq-sigmoid-derivative"]
    x = sp.Symbol("x", real=True)
    wrong = (sigma(x) * (1 + sigma(x))).rewrite(sp.exp)
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_brute_force_catches_a_wrong_delta_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_sigma_prime(a: object, y: object, z: object) -> object:
        del z
        return sp.MatAdd(a, -y)

    monkeypatch.setattr(output_delta, "closed_form", no_sigma_prime)
    brute_force._composed.cache_clear()
    brute_force._derivatives.cache_clear()
    brute_force._report.cache_clear()
    try:
        report = brute_force._report("wrong", (2, 2, 1), 2)
        assert not report.proof.proved
        assert any(not row.proved for row in report.rows)
    finally:
        brute_force._composed.cache_clear()
        brute_force._derivatives.cache_clear()
        brute_force._report.cache_clear()


# The generator ---------------------------------------------------------------------------


def test_generated_files_carry_the_header() -> None:
    for generated in generate():
        assert generated.name.startswith("test_")
        assert "Generated by `python -m derivations` from derivations/" in generated.text
        assert "Do not edit; regenerate with `nox -s derive`." in generated.text


def test_committed_generated_files_are_fresh(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0, capsys.readouterr().out


def test_check_reports_stale_and_changed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--output", str(tmp_path)]) == 0
    assert main(["--check", "--output", str(tmp_path)]) == 0
    (tmp_path / "test_old_name.py").write_text("# stale\n", encoding="utf-8")
    victim = min(tmp_path.glob("test_*.py"))
    victim.write_text(victim.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--check", "--output", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "test_old_name.py: stale" in out
    assert f"{victim.name}: differs" in out
    assert main(["--output", str(tmp_path)]) == 0
    assert not (tmp_path / "test_old_name.py").exists()
    assert main(["--check", "--output", str(tmp_path)]) == 0


def test_output_is_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "12345"):
        directory = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run(
            [sys.executable, "-m", "derivations", "--output", str(directory)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
            timeout=300,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(directory.glob("*.py"))})
    committed = {p.name: p.read_bytes() for p in sorted(GENERATED.glob("*.py"))}
    assert outputs[0] == outputs[1] == committed


def test_generated_code_is_ruff_formatted(tmp_path: Path) -> None:
    for generated in generate():
        (tmp_path / generated.name).write_text(generated.text, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--check",
            "--diff",
            "--config",
            str(ROOT / "pyproject.toml"),
            str(tmp_path),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_fails_when_a_proof_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import derivations.__main__ as entry_point

    right = REGISTRY["eq-grad-b2"]
    wrong = dataclasses.replace(right, closed_form=right.closed_form * 2)
    monkeypatch.setattr(entry_point, "REGISTRY", {**REGISTRY, "eq-grad-b2": wrong})
    assert main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "eq-grad-b2" in out
    assert "FAILED" in out
