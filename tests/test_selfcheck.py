"""``python -m selfcheck path/to/code.py`` checks a student's own module, formula by formula."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from selfcheck import mutation_gate
from selfcheck.__main__ import main
from selfcheck.links import read_url
from selfcheck.student import SelfCheckError, implementation_of, load_module

ROOT = Path(__file__).resolve().parent.parent

CORRECT = '''
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    s = sigmoid(z)
    return s * (1.0 - s)


def sigmoid_derivative(a):
    return a * (1.0 - a)


def mse(a, y):
    return 0.5 * float(np.sum((a - y) ** 2))


def output_delta(a, y):
    return (a - y) * a * (1.0 - a)


def hidden_delta(W_next, delta_next, a):
    return (W_next.T @ delta_next) * a * (1.0 - a)


def weight_gradient(delta, a_prev):
    return delta @ a_prev.T


def bias_gradient(delta):
    return delta.sum(axis=1, keepdims=True)


def gradient_descent_update(theta, grad, learning_rate):
    return theta - learning_rate * grad


class Network:
    """Nielsen-style: built from layer sizes, parameters in lists; no from_parameters."""

    def __init__(self, sizes):
        rng = np.random.default_rng(0)
        self.weights = [rng.standard_normal((n, m)) for m, n in zip(sizes[:-1], sizes[1:])]
        self.biases = [rng.standard_normal((n, 1)) for n in sizes[1:]]

    def forward(self, X):
        self.zs, self.activations = [], [X]
        for W, b in zip(self.weights, self.biases):
            self.zs.append(W @ self.activations[-1] + b)
            self.activations.append(sigmoid(self.zs[-1]))
        return self.activations[-1]

    def backward(self, X, y):
        self.forward(X)
        a = self.activations
        deltas = [output_delta(a[-1], y)]
        for layer in range(len(self.weights) - 1, 0, -1):
            deltas.insert(0, hidden_delta(self.weights[layer], deltas[0], a[layer]))
        return {
            "weights": [d @ p.T for d, p in zip(deltas, a[:-1])],
            "biases": [d.sum(axis=1, keepdims=True) for d in deltas],
            "deltas": deltas,
        }

    def step(self, grads, learning_rate):
        self.weights = [W - learning_rate * g for W, g in zip(self.weights, grads["weights"])]
        self.biases = [b - learning_rate * g for b, g in zip(self.biases, grads["biases"])]
'''

# (name, replaced line, wrong line, the label the report must point at)
WRONG = [
    (
        "sigma-prime-of-a-as-if-z",
        "    return a * (1.0 - a)\n",
        "    return sigmoid(a) * (1.0 - sigmoid(a))\n",
        "eq-sigmoid-derivative-output",
    ),
    (
        "output-delta-without-sigma-prime",
        "    return (a - y) * a * (1.0 - a)\n",
        "    return a - y\n",
        "eq-output-delta",
    ),
    (
        "untransposed",
        "    return (W_next.T @ delta_next) * a * (1.0 - a)\n",
        "    return (W_next @ delta_next) * a * (1.0 - a)\n",
        "eq-hidden-delta",
    ),
    (
        "bias-gradient-wrong-axis",
        "    return delta.sum(axis=1, keepdims=True)\n",
        "    return delta.sum(axis=0, keepdims=True)\n",
        "eq-grad-b2",
    ),
    (
        "update-wrong-sign",
        "    return theta - learning_rate * grad\n",
        "    return theta + learning_rate * grad\n",
        "eq-update-w2",
    ),
    (
        "network-biases-never-updated",
        (
            "        self.biases = [b - learning_rate * g for b, g in zip(self.biases, "
            'grads["biases"])]\n'
        ),
        "        pass\n",
        "eq-update-b",
    ),
]


def _write(tmp_path: Path, text: str, name: str = "student.py") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_correct_module_passes_every_formula_and_its_network(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, CORRECT)
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "FAIL" not in out
    for name in ("output_delta", "hidden_delta", "Network.backward: gradients", "Network.step"):
        assert f"PASS  {name}" in out
    # Not defined, so skipped: forward_layer, the cross-entropy functions and networks.
    assert out.splitlines()[-1].endswith("0 failed, 9 skipped")


@pytest.mark.parametrize(("name", "right", "wrong", "label"), WRONG, ids=[w[0] for w in WRONG])
def test_a_wrong_module_fails_with_the_label_to_read(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    right: str,
    wrong: str,
    label: str,
) -> None:
    assert right in CORRECT, name
    path = _write(tmp_path, CORRECT.replace(right, wrong))
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    failures = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert failures
    assert label in failures[0]
    assert "expected:" in out
    assert "got:" in out
    assert "#equation-eq-" in out


def test_only_the_names_defined_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        """
        def output_delta(a, y):
            return (a - y) * a * (1 - a)
        """,
    )
    assert main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "PASS  output_delta" in out
    assert "1 passed, 0 failed" in out


def test_a_crash_in_student_code_is_reported_as_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        """
        def hidden_delta(W_next, delta_next, a):
            raise NotImplementedError("todo")
        """,
    )
    assert main([str(path)]) == 1
    assert "error:    NotImplementedError: todo" in capsys.readouterr().out


def test_json_reports_every_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = CORRECT.replace("    return (a - y) * a * (1.0 - a)\n", "    return a - y\n")
    path = _write(tmp_path, wrong)
    assert main([str(path), "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["status"] == 1
    by_check = {record["check"]: record for record in document["checks"]}
    failed = by_check["output_delta"]
    assert failed["status"] == "fail"
    assert failed["label"] == "eq-output-delta"
    assert failed["read"].endswith("#equation-eq-output-delta")
    assert len(failed["expected"]) == len(failed["got"]) == 3
    assert by_check["sigmoid"]["status"] == "pass"
    assert by_check["forward_layer"]["status"] == "skip"


def test_bad_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-such-option"]) == 2
    assert "usage:" in capsys.readouterr().err


def test_the_checks_and_cases_load_without_sympy(tmp_path: Path) -> None:
    path = _write(tmp_path, CORRECT)
    blocker = _write(tmp_path, "raise ImportError('no SymPy for students')\n", "sympy.py")
    done = subprocess.run(
        [sys.executable, "-m", "selfcheck", str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(blocker.parent)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed" in done.stdout


def test_a_missing_file_gives_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no/such/file.py"]) == 2
    assert "no file at 'no/such/file.py'" in capsys.readouterr().err


def test_a_folder_gives_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_a_module_with_none_of_the_names_gives_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "def forward(x):\n    return x\n")
    with pytest.raises(SelfCheckError, match="defines none of the names"):
        implementation_of(load_module(path))
    assert main([str(path)]) == 2


def test_a_module_that_does_not_import_gives_a_clear_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "import numpy as np\ndef sigmoid(z:\n")
    with pytest.raises(SelfCheckError, match=r"importing .* failed: SyntaxError"):
        load_module(path)


def test_a_catalogue_mistake_shows_what_a_student_sees(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--mistake", "hidden-delta-untransposed"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  hidden_delta" in out
    assert read_url("eq-hidden-delta") in out
    assert main(["--mistake", "no-such-mistake"]) == 2


def test_read_urls_point_at_the_page_that_defines_the_label() -> None:
    url = read_url("eq-output-delta")
    assert url.endswith("/derivations/output-delta.html#equation-eq-output-delta")
    # A label no page defines: the site's search page for it, or the bare label offline.
    unknown = read_url("eq-not-a-label")
    assert unknown == "eq-not-a-label" or unknown.endswith("search.html?q=eq-not-a-label")


def test_the_command_line_runs_as_a_module(tmp_path: Path) -> None:
    path = _write(tmp_path, CORRECT)
    done = subprocess.run(
        [sys.executable, "-m", "selfcheck", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed" in done.stdout


# The mutation gate (selfcheck/mutation_gate.py) ---------------------------------------------


RESULTS = """\
    backprop.update.x_gradient_descent_update__mutmut_1: survived
    backprop.losses.x_mse__mutmut_7: no tests
    backprop.losses.x_mse__mutmut_8: timeout
"""


def test_the_gate_reads_mutmut_results_and_the_equivalents_list(tmp_path: Path) -> None:
    listed = tmp_path / "equivalents.md"
    listed.write_text(
        "# Equivalent mutants\n\n"
        "- `backprop.update.x_gradient_descent_update__mutmut_1`: same float64 result\n",
        encoding="utf-8",
    )
    survivors = mutation_gate.survivors(RESULTS)
    assert survivors == {
        "backprop.update.x_gradient_descent_update__mutmut_1": "survived",
        "backprop.losses.x_mse__mutmut_7": "no tests",
    }
    stats = {"killed": 96, "timeout": 1, "total": 100, "skipped": 0, "survived": 1}
    gate = mutation_gate.evaluate(stats, survivors, mutation_gate.equivalents(listed))
    assert gate.equivalent == 1
    assert gate.unexplained == {"backprop.losses.x_mse__mutmut_7": "no tests"}
    assert not gate.passed
    assert "x_mse__mutmut_7" in gate.report()
    assert round(gate.score, 2) == round(100 * 97 / 99, 2)


def test_the_gate_fails_below_the_threshold_and_passes_above_it() -> None:
    stats = {"killed": 94, "total": 100, "skipped": 0}
    assert not mutation_gate.evaluate(stats, {}, {}).passed
    stats = {"killed": 95, "total": 100, "skipped": 0}
    assert mutation_gate.evaluate(stats, {}, {}).passed


def test_the_gate_needs_the_statistics_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert mutation_gate.main(["--stats", str(tmp_path / "missing.json")]) == 2
    assert "mutmut export-cicd-stats" in capsys.readouterr().err


def test_every_listed_equivalent_mutant_has_a_reason() -> None:
    path = ROOT / "tests" / "mutation-equivalents.md"
    listed = mutation_gate.equivalents(path)
    bullet_lines = [
        line for line in path.read_text(encoding="utf-8").splitlines() if "__mutmut_" in line
    ]
    assert len(listed) == len(bullet_lines)
    assert all(len(reason) > 10 for reason in listed.values())
