"""The derivations: every label registered and proved, the prover able to fail, and the
generator deterministic and in sync with the committed tests/generated/."""

import ast
import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sympy as sp

from derivations import (
    REGISTRY,
    brute_force,
    composed_loss,
    cross_entropy,
    deep,
    hidden_delta,
    output_delta,
)
from derivations.__main__ import main
from derivations.evaluate import evaluate, to_float
from derivations.generate import DATA, TESTS, generate
from derivations.network import symbols
from derivations.notation import explicit, matrix, sigma, sigma_prime
from tests.support import DESIGN_LABELS

ROOT = Path(__file__).resolve().parent.parent


def test_every_design_label_is_in_the_registry() -> None:
    missing = [label for label in DESIGN_LABELS if label not in REGISTRY]
    assert missing == []
    assert tuple(REGISTRY)[: len(DESIGN_LABELS)] == DESIGN_LABELS


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
        if generated.name.startswith(f"{TESTS}/"):
            assert generated.name.rsplit("/", 1)[1].startswith("test_")
            assert "Generated by `python -m derivations` from derivations/" in generated.text
            assert "Do not edit; regenerate with `nox -s derive`." in generated.text
        else:
            assert generated.name.startswith(f"{DATA}/")
            assert json.loads(generated.text)["about"].startswith("Generated by")


def test_generated_tests_hold_no_logic() -> None:
    for generated in generate():
        if generated.name.endswith(".py"):
            tree = ast.parse(generated.text)
            kinds = {type(node).__name__ for node in tree.body}
            assert kinds == {"Expr", "ImportFrom", "Assign"}, generated.name


def test_every_label_has_a_formula_of_named_parameters() -> None:
    for label, result in REGISTRY.items():
        assert result.formula is not None, label
        assert all(name.isidentifier() for name in result.formula.parameters), label


def test_a_formula_evaluates_on_any_shape() -> None:
    formula = REGISTRY["eq-hidden-delta"].formula
    assert formula is not None
    w, d, z = matrix("W", 3, 4), matrix("D", 3, 2), matrix("Z", 4, 2)
    entries = explicit(formula(w_next=w, delta_next=d, z=z))
    assert entries.shape == (4, 2)
    values = dict.fromkeys([*explicit(w), *explicit(d)], 0.5) | {
        sigma(e): 0.25 for e in explicit(z)
    }
    # With every entry of W and D at 0.5 and σ(z) = 0.25: (Wᵀ D)[0, 0] = 3 × 0.5 × 0.5, times
    # σ′ = 0.25 (1 − 0.25).
    assert to_float(evaluate(entries[0, 0], values)) == 3 * 0.25 * 0.25 * 0.75
    with pytest.raises(TypeError, match="takes w_next, delta_next, z"):
        formula(w=w)


def test_committed_generated_files_are_fresh(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--check"]) == 0, capsys.readouterr().out


def test_check_reports_stale_and_changed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--output", str(tmp_path)]) == 0
    assert main(["--check", "--output", str(tmp_path)]) == 0
    (tmp_path / TESTS / "test_old_name.py").write_text("# stale\n", encoding="utf-8")
    (tmp_path / DATA / "old.json").write_text("{}\n", encoding="utf-8")
    victim = min((tmp_path / TESTS).glob("test_*.py"))
    victim.write_text(victim.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["--check", "--output", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "test_old_name.py: stale" in out
    assert "old.json: stale" in out
    assert f"{victim.name}: differs" in out
    assert main(["--output", str(tmp_path)]) == 0
    assert not (tmp_path / TESTS / "test_old_name.py").exists()
    assert main(["--check", "--output", str(tmp_path)]) == 0


def _generated_bytes(root: Path) -> dict[str, bytes]:
    paths = [*(root / TESTS).glob("*.py"), *(root / DATA).glob("*.json")]
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(paths)}


def test_output_is_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for seed in ("0", "12345"):
        directory = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "derivations", "--output", str(directory)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
            timeout=300,
        )
        outputs.append(_generated_bytes(directory))
    assert outputs[0] == outputs[1] == _generated_bytes(ROOT)


def test_generated_code_is_ruff_formatted(tmp_path: Path) -> None:
    for generated in generate():
        if generated.name.endswith(".py"):
            name = generated.name.rsplit("/", 1)[1]
            (tmp_path / name).write_text(generated.text, encoding="utf-8")
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


# Issue 6: cross-entropy and any number of layers ------------------------------------------

NEW_LABELS = [
    "eq-cross-entropy",
    "eq-output-delta-cross-entropy",
    "eq-forward-general",
    "eq-delta-recursion",
    "eq-grad-w-general",
    "eq-grad-b-general",
    "eq-output-delta-general",
]
GENERAL_LABELS = NEW_LABELS[2:6]


def test_new_labels_follow_the_design_labels() -> None:
    assert list(REGISTRY)[len(DESIGN_LABELS) :] == NEW_LABELS


def test_cross_entropy_output_delta_has_no_sigma_prime() -> None:
    result = REGISTRY["eq-output-delta-cross-entropy"]
    assert result.latex() == r"\delta^{(2)} = a^{(2)} - y"
    assert r"\odot" not in result.latex()
    # The steps show σ′ appearing (the chain rule) before it cancels.
    assert any(step.rhs.has(sigma_prime) for step in result.steps)
    assert not result.steps[-1].rhs.has(sigma_prime)


def test_cross_entropy_output_delta_with_sigma_prime_is_not_proved() -> None:
    result = REGISTRY["eq-output-delta-cross-entropy"]
    net = symbols()
    z = explicit(net.z[2])
    wrong = explicit(
        output_delta.closed_form(net.a[2], net.y, net.z[2]), {net.a[2]: z.applyfunc(sigma)}
    )
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_cross_entropy_with_a_wrong_stable_form_is_not_proved() -> None:
    result = REGISTRY["eq-cross-entropy"]
    z, y = sp.Symbol("z", real=True), sp.Symbol("y", real=True)
    wrong = sp.log(1 + sp.exp(z)) + y * z
    closed = sp.ImmutableMatrix([sp.diff(wrong, z), wrong.subs(z, 0)])
    assert not dataclasses.replace(result, closed_form=closed).prove().proved
    # A form that is right at z = 0 but wrong elsewhere fails on the derivative.
    shifted = sp.log(1 + sp.exp(z)) - y * z + z**2
    closed = sp.ImmutableMatrix([sp.diff(shifted, z), shifted.subs(z, 0)])
    assert not dataclasses.replace(result, closed_form=closed).prove().proved


@pytest.mark.parametrize("label", GENERAL_LABELS)
def test_general_results_have_symbolic_sizes(label: str) -> None:
    result = REGISTRY[label]
    assert result.instance.startswith("general sizes")
    sizes = {str(symbol) for symbol in result.derivation.free_symbols}
    assert sizes & {"n_{l-1}", "n_{l}", "n_{l+1}", "m"}


def test_delta_recursion_without_sigma_prime_is_not_proved() -> None:
    result = REGISTRY["eq-delta-recursion"]
    g = deep.general_symbols()
    wrong = deep.canonical((g.w_next.T * g.delta_next)[deep.j, deep.i])
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_delta_recursion_of_the_wrong_entry_is_not_proved() -> None:
    result = REGISTRY["eq-delta-recursion"]
    g = deep.general_symbols()
    closed = hidden_delta.closed_form(g.w_next, g.delta_next, g.z)
    wrong = deep.canonical(closed[deep.i, deep.j])
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_general_gradient_with_a_mean_is_not_proved() -> None:
    result = REGISTRY["eq-grad-w-general"]
    g = deep.general_symbols()
    wrong = result.closed_form / g.m
    assert not dataclasses.replace(result, closed_form=wrong).prove().proved


def test_brute_force_covers_depth_two_to_four_and_both_losses() -> None:
    squared = [p for p in brute_force.PROOFS.values() if p.loss == "squared_error"]
    assert {len(p.layer_sizes) - 1 for p in squared} == {2, 3, 4}
    cross = [p for p in brute_force.PROOFS.values() if p.loss == "cross_entropy"]
    assert (2, 2, 1) in [p.layer_sizes for p in cross]
    assert all(p.m > 1 for p in brute_force.PROOFS.values())
    assert brute_force.PROOFS["brute-force-cross-entropy-2-2-1"].architecture == (
        "2-2-1, cross-entropy"
    )


def test_brute_force_cross_entropy_covers_the_nine_parameters_of_2_2_1() -> None:
    report = brute_force.PROOFS["brute-force-cross-entropy-2-2-1"].report()
    assert report.proof.proved
    assert sum(row.kind != "delta" for row in report.rows) == 9
    assert report.loss == "cross_entropy"


def test_brute_force_cross_entropy_catches_the_squared_error_delta(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def with_sigma_prime(a: object, y: object) -> object:
        z = sp.MatrixSymbol("z^{(2)}", 1, 2)
        return output_delta.closed_form(a, y, z)

    monkeypatch.setattr(cross_entropy, "closed_form", with_sigma_prime)
    caches = (brute_force._composed, brute_force._derivatives, brute_force._report)
    for cache in caches:
        cache.cache_clear()
    try:
        report = brute_force._report("wrong", (2, 2, 1), 2, "cross_entropy")
        assert not report.proof.proved
    finally:
        for cache in caches:
            cache.cache_clear()


def test_compose_rejects_an_unknown_loss() -> None:
    with pytest.raises(ValueError, match="loss_name is 'mean_squared'"):
        composed_loss.compose((2, 2, 1), 2, "mean_squared")
