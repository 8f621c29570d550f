"""selfcheck.adapters: the shapes students write are recognised, adapted and checked end to end.

Expected values come from ``backprop`` (the site's reference, itself checked against the
derivations by tests/generated/) or from the generated checks the self-check runs.
"""

from pathlib import Path

import numpy as np
import pytest

import backprop as bp
from selfcheck import adapters
from selfcheck.__main__ import main
from selfcheck.checks import FUNCTION_NAMES
from selfcheck.student import load_module

SUBMISSIONS = Path(__file__).resolve().parent / "submissions"

#: The checks a correct 2-2-1 network must pass, whatever its shape.
NETWORK_CHECKS = (
    "Network.forward",
    "Network.backward: output delta",
    "Network.backward: hidden deltas",
    "Network.backward: gradients",
    "Network.step",
)

# (file, the shape the report names, the checks it supports beyond NETWORK_CHECKS)
CORRECT = [
    ("site_api.py", "Network(sizes) with weights, biases lists and backward(X, y)", True),
    ("nielsen.py", "Nielsen's Network(sizes)", True),
    ("inplace_rows.py", "attributes W1 b1 W2 b2, in-place backward", False),
    ("inplace_columns.py", "attributes W1 b1 W2 b2, in-place backward", False),
]

# (file with one classic mistake, the label its first failure must name)
MISTAKES = [
    ("nielsen_sigma_prime_of_activation.py", "eq-hidden-delta"),
    ("inplace_rows_derivative_of_z.py", "eq-output-delta"),
]


def _report(name: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main([str(SUBMISSIONS / name)])
    return status, capsys.readouterr().out


@pytest.mark.parametrize(("name", "shape", "deep"), CORRECT, ids=[c[0] for c in CORRECT])
def test_a_correct_network_of_each_shape_passes_the_checks_it_supports(
    capsys: pytest.CaptureFixture[str], name: str, shape: str, deep: bool
) -> None:
    status, out = _report(name, capsys)
    assert status == 0, out
    assert out.splitlines()[0].startswith(f"checked as: {shape}")
    assert "FAIL" not in out
    for check in NETWORK_CHECKS:
        assert f"PASS  {check} " in out
    assert ("PASS  Network, depth 3 and 4: gradients" in out) == deep
    if not deep:
        assert "depth 3 and 4 checks do not apply" in out


@pytest.mark.parametrize(("name", "label"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_classic_mistake_of_each_shape_fails_on_the_numbers_with_its_label(
    capsys: pytest.CaptureFixture[str], name: str, label: str
) -> None:
    status, out = _report(name, capsys)
    assert status == 1
    failures = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert failures
    assert failures[0].endswith(label)
    assert "expected:" in out
    assert "got:" in out
    assert "PASS  Network.forward " in out  # the forward pass is right: only the mistake fails


@pytest.mark.parametrize(
    ("name", "layout"),
    [("inplace_rows.py", "samples found as rows"), ("inplace_columns.py", "as columns")],
)
def test_the_report_says_whether_samples_were_found_as_rows_or_columns(
    capsys: pytest.CaptureFixture[str], name: str, layout: str
) -> None:
    _, out = _report(name, capsys)
    assert layout in out.split("selfcheck of")[0]


def _xor_network(seed: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    net = bp.Network([2, 2, 1], seed=seed)
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases]


@pytest.mark.parametrize("name", ["nielsen.py", "inplace_rows.py", "inplace_columns.py"])
def test_adapted_gradients_and_deltas_are_backprops(name: str) -> None:
    adapted = adapters.adapt(load_module(SUBMISSIONS / name), FUNCTION_NAMES)
    assert adapted.make_network is not None
    X, y = bp.xor()
    weights, biases = _xor_network(seed=3)
    expected = bp.Network.from_parameters(weights, biases).backward(X, y)
    got = adapted.make_network(weights, biases).backward(X, y)
    for g, e in zip(
        [*got.weights, *got.biases], [*expected.weights, *expected.biases], strict=True
    ):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-15)
    for g, e in zip(got.deltas, expected.deltas, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ["nielsen.py", "inplace_rows.py"])
def test_an_adapted_step_is_backprops_step(name: str) -> None:
    adapted = adapters.adapt(load_module(SUBMISSIONS / name), FUNCTION_NAMES)
    assert adapted.make_network is not None
    X, y = bp.xor()
    weights, biases = _xor_network(seed=5)
    reference = bp.Network.from_parameters(weights, biases)
    reference.step(reference.backward(X, y), learning_rate=0.5)
    net = adapted.make_network(weights, biases)
    net.step(net.backward(X, y), learning_rate=0.5)
    for g, e in zip(
        [*net.weights, *net.biases], [*reference.weights, *reference.biases], strict=True
    ):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-15)


def test_recovered_gradients_are_within_the_stated_rounding_bound() -> None:
    X, y = bp.xor()
    for seed in range(20):
        net = bp.Network([2, 3, 1], seed=seed)
        grads = net.backward(X, y)
        before = [p.copy() for p in [*net.weights, *net.biases]]
        net.step(grads, learning_rate=adapters.ALPHA)  # an in-place update at the known rate
        after = [*net.weights, *net.biases]
        recovered = adapters.recover_gradients(before, after, adapters.ALPHA)
        for r, g, b, a in zip(
            recovered, [*grads.weights, *grads.biases], before, after, strict=True
        ):
            bound = adapters.recovery_error_bound(b, a, adapters.ALPHA)
            assert np.all(np.abs(r - g) <= bound + 2 * np.finfo(float).eps * np.abs(g))
            # far inside the generated checks' tolerance, which is used unchanged
            assert np.all(bound <= 1e-3 * (1e-15 + 1e-12 * np.abs(g)))


def test_a_consistent_mean_convention_passes_and_says_which_equation_it_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out = _report("site_api_mean.py", capsys)
    assert status == 0, out
    header = out.split("selfcheck of")[0]
    assert "gradients of the mean over the samples C = L/m" in header
    assert "eq-grad-w1/w2/b1/b2 divided by it" in header
    assert "PASS  Network: one convention (sum/mean, ½ or not)" in out


def test_the_mean_convention_is_scaled_to_backprops_gradients() -> None:
    adapted = adapters.adapt(load_module(SUBMISSIONS / "site_api_mean.py"), FUNCTION_NAMES)
    assert adapted.convention is not None
    assert adapted.convention.gradient_means == (True, False)
    assert adapted.convention.loss_means == (True, False)
    assert adapted.make_network is not None
    X, y = bp.xor()
    weights, biases = _xor_network(seed=1)
    expected = bp.Network.from_parameters(weights, biases).backward(X, y)
    got = adapted.make_network(weights, biases).backward(X, y)
    np.testing.assert_allclose(got.weights[0], expected.weights[0], rtol=1e-12, atol=1e-15)
    a = bp.Network.from_parameters(weights, biases).forward(X)
    assert adapted.functions["mse"](a, y) == pytest.approx(bp.mse(a, y), rel=1e-12)


def test_an_inconsistent_convention_fails_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    status, out = _report("site_api_mean_loss_sum_gradient.py", capsys)
    assert status == 1
    failing = [" ".join(line.split()) for line in out.splitlines() if line.startswith("FAIL")]
    assert failing == ["FAIL Network: one convention (sum/mean, ½ or not) eq-loss"]
    assert "but backward returns the gradients of the sum L" in out


# (file in the convention without the ½, the gradients the note must name, the loss's, or None)
NO_HALF = [
    ("site_api_no_half.py", "the sum without the ½, Σ (a − y)² = 2L", "the sum without the ½"),
    (
        "site_api_mean_no_half.py",
        "the mean without the ½, Σ (a − y)²/(m n) = 2L/(m n)",
        "the mean without the ½, Σ (a − y)²/(m n)",
    ),
    ("nielsen_no_half.py", "the sum without the ½, Σ (a − y)² = 2L", None),
    ("inplace_rows_no_half.py", "the sum without the ½, Σ (a − y)² = 2L", None),
]


@pytest.mark.parametrize(("name", "gradients", "loss"), NO_HALF, ids=[c[0] for c in NO_HALF])
def test_a_consistent_loss_without_the_half_passes_and_says_which_equation_it_is(
    capsys: pytest.CaptureFixture[str], name: str, gradients: str, loss: str | None
) -> None:
    status, out = _report(name, capsys)
    assert status == 0, out
    assert "FAIL" not in out
    header = out.split("selfcheck of")[0]
    assert f"convention: gradients of {gradients} (eq-loss × 2" in header
    assert "they are 2 × eq-grad-w1/w2/b1/b2" in header
    assert "eq-update-* at the rate 2α" in header
    if loss is not None:
        assert f"convention: mse is {loss}" in header
        assert "PASS  Network: one convention (sum/mean, ½ or not)" in out
    for check in NETWORK_CHECKS:
        assert f"PASS  {check} " in out


@pytest.mark.parametrize(
    ("name", "means"),
    [("site_api_no_half.py", (False, False)), ("site_api_mean_no_half.py", (True, True))],
)
def test_the_convention_without_the_half_is_halved_to_backprops_gradients_and_loss(
    name: str, means: tuple[bool, bool]
) -> None:
    adapted = adapters.adapt(load_module(SUBMISSIONS / name), FUNCTION_NAMES)
    assert adapted.convention is not None
    assert adapted.convention.gradient_factor == adapted.convention.loss_factor == 2
    assert adapted.convention.gradient_means == adapted.convention.loss_means == means
    assert adapted.make_network is not None
    X, y = bp.xor()
    weights, biases = _xor_network(seed=2)
    reference = bp.Network.from_parameters(weights, biases)
    expected = reference.backward(X, y)
    net = adapted.make_network(weights, biases)
    got = net.backward(X, y)
    for g, e in zip(
        [*got.weights, *got.biases], [*expected.weights, *expected.biases], strict=True
    ):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-15)
    a = reference.forward(X)
    assert adapted.functions["mse"](a, y) == pytest.approx(bp.mse(a, y), rel=1e-12)
    # the site's step at rate α is the student's step at α/2 (and × the count for a mean)
    reference.step(expected, learning_rate=0.5)
    net.step(got, learning_rate=0.5)
    for g, e in zip(
        [*net.weights, *net.biases], [*reference.weights, *reference.biases], strict=True
    ):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(
    ("name", "loss", "gradients"),
    [
        (
            "site_api_no_half_loss_site_gradient.py",
            "the sum without the ½, Σ (a − y)² = 2L",
            "the sum L = ½ Σ (a − y)²",
        ),
        (
            "site_api_half_loss_double_gradient.py",
            "the sum L = ½ Σ (a − y)²",
            "the sum without the ½, Σ (a − y)² = 2L",
        ),
    ],
)
def test_a_loss_and_gradients_that_disagree_on_the_half_fail_and_say_why(
    capsys: pytest.CaptureFixture[str], name: str, loss: str, gradients: str
) -> None:
    status, out = _report(name, capsys)
    assert status == 1
    failing = [" ".join(line.split()) for line in out.splitlines() if line.startswith("FAIL")]
    assert failing == ["FAIL Network: one convention (sum/mean, ½ or not) eq-loss"]
    assert f"mse is {loss}, but backward returns the gradients of {gradients}" in out


def test_bias_gradients_twice_the_sites_alone_are_a_mistake_not_a_convention(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (SUBMISSIONS / "site_api.py").read_text(encoding="utf-8")
    wrong = source.replace(
        '"biases": [d.sum(axis=1, keepdims=True) for d in deltas]',
        '"biases": [2 * d.sum(axis=1, keepdims=True) for d in deltas]',
    )
    assert wrong != source
    path = tmp_path / "biases_doubled.py"
    path.write_text(wrong, encoding="utf-8")
    adapted = adapters.adapt(load_module(path), FUNCTION_NAMES)
    assert adapted.convention is not None
    assert adapted.convention.gradient_factor is None  # not 2 in every parameter
    assert main([str(path)]) == 1
    failing = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAIL")]
    assert failing
    assert failing[0].split()[-1].startswith("eq-grad-b")


def test_an_unrecognised_network_says_what_was_looked_for_and_how_to_adapt_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(SUBMISSIONS / "unrecognised.py")]) == 2
    err = capsys.readouterr().err
    for looked_for in adapters.LOOKED_FOR:
        assert looked_for in err
    assert "def make_network(weights, biases):" in err


def test_functions_without_a_recognised_network_are_checked_and_the_network_is_not_skipped_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (SUBMISSIONS / "unrecognised.py").read_text(encoding="utf-8")
    path = tmp_path / "with_a_function.py"
    path.write_text(source + "\n\ndef sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n")
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "PASS  sigmoid" in out
    assert "no network recognised; looked for:" in out.split("selfcheck of")[0]


def test_the_three_line_adapter_of_the_recipe_makes_a_network_checkable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site_api = (SUBMISSIONS / "site_api.py").read_text(encoding="utf-8")
    # The site_api Network renamed, as if it were a shape the self-check does not know.
    source = site_api.replace("class Network:", "class MyNet:")
    recipe = adapters.ADAPTER_RECIPE.replace("YourNetwork(...)", "MyNet([2, 2, 1])")
    path = tmp_path / "adapted.py"
    path.write_text(source + "\n\n" + recipe + "\n", encoding="utf-8")
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("checked as: make_network(weights, biases)")
    assert "PASS  Network.backward: gradients" in out


def test_backward_returning_no_gradients_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="must return the gradients as an object"):
        adapters._gradients_of(3.0)
    with pytest.raises(TypeError, match="no weights or no biases"):
        adapters._gradients_of({"deltas": []})
