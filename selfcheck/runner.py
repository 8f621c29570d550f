"""Run the derivation-generated checks against an implementation and report per formula.

An *implementation* is a mapping from the names of ``/work/shared/DESIGN.md`` (the same
names ``backprop`` uses: ``sigmoid``, ``output_delta``, ..., ``Network``) to callables.
Every check of ``tests/generated/`` takes the function (or the network class) it tests as
an argument, so the same golden values, derived by SymPy to 50 digits, judge ``backprop``,
a catalogue mistake, or a student's own code.
"""

from __future__ import annotations

import contextlib
import importlib
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

__all__ = [
    "CHECKS",
    "FUNCTION_NAMES",
    "Check",
    "Outcome",
    "format_outcomes",
    "label_url",
    "run_checks",
]

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: Used when the checkout has no CITATION.cff to read the address from.
DEFAULT_SITE_URL = "https://backprop-derived.readthedocs.io/en/latest/"

#: The formula functions a student's module may define (DESIGN.md's names).
FUNCTION_NAMES = (
    "sigmoid",
    "sigmoid_prime",
    "sigmoid_derivative",
    "forward_layer",
    "mse",
    "output_delta",
    "hidden_delta",
    "weight_gradient",
    "bias_gradient",
    "gradient_descent_update",
    "cross_entropy",
    "output_delta_cross_entropy",
)

Status = Literal["pass", "fail", "skip"]


@dataclass(frozen=True)
class Check:
    """One check: a ``check_*`` function and what it needs.

    Attributes
    ----------
    title : str
        What is checked, as shown in reports (``output_delta``, ``Network.backward: deltas``).
    label : str
        The equation label to read when the check fails.
    module : str
        The module holding the check: ``tests.generated.test_output_delta`` or
        ``selfcheck.runner``.
    function : str
        The check function's name in `module`.
    needs : tuple of str
        The implementation names passed to it, in order (``("Network", "mse")``).
    cross_entropy : bool
        Whether it needs ``from_parameters(..., loss="cross_entropy")``.
    """

    title: str
    label: str
    module: str
    function: str
    needs: tuple[str, ...]
    cross_entropy: bool = False

    @property
    def where(self) -> str:
        """``tests/generated/test_output_delta.py::check_output_delta`` and the like."""
        return f"{self.module.replace('.', '/')}.py::{self.function}"

    @property
    def short(self) -> str:
        """``test_output_delta.py::check_output_delta``; the self-check's own checks in full."""
        if not self.module.startswith(_G):
            return self.where
        return f"{self.module.rsplit('.', 1)[1]}.py::{self.function}"

    def load(self) -> Callable[..., None]:
        """Return the check function itself."""
        function: Callable[..., None] = getattr(
            importlib.import_module(self.module), self.function
        )
        return function


_G = "tests.generated."

#: Every check, formula functions first, then the network; each in the order of the maths.
CHECKS: tuple[Check, ...] = (
    Check("sigmoid", "eq-sigmoid", _G + "test_sigmoid", "check_sigmoid", ("sigmoid",)),
    Check(
        "sigmoid_prime",
        "eq-sigmoid-derivative",
        _G + "test_sigmoid",
        "check_sigmoid_prime",
        ("sigmoid_prime",),
    ),
    Check(
        "sigmoid_derivative",
        "eq-sigmoid-derivative-output",
        _G + "test_sigmoid",
        "check_sigmoid_derivative",
        ("sigmoid_derivative",),
    ),
    Check(
        "forward_layer",
        "eq-forward-hidden",
        _G + "test_forward",
        "check_forward_layer",
        ("forward_layer",),
    ),
    Check("mse", "eq-loss", _G + "test_loss", "check_mse", ("mse",)),
    Check(
        "output_delta",
        "eq-output-delta",
        _G + "test_output_delta",
        "check_output_delta",
        ("output_delta",),
    ),
    Check(
        "hidden_delta",
        "eq-hidden-delta",
        _G + "test_hidden_delta",
        "check_hidden_delta",
        ("hidden_delta",),
    ),
    Check(
        "weight_gradient",
        "eq-grad-w2",
        _G + "test_gradients",
        "check_weight_gradient",
        ("weight_gradient",),
    ),
    Check(
        "bias_gradient",
        "eq-grad-b2",
        _G + "test_gradients",
        "check_bias_gradient",
        ("bias_gradient",),
    ),
    Check(
        "gradient_descent_update",
        "eq-update-w2",
        _G + "test_update",
        "check_gradient_descent_update",
        ("gradient_descent_update",),
    ),
    Check(
        "cross_entropy",
        "eq-cross-entropy",
        _G + "test_cross_entropy",
        "check_cross_entropy",
        ("cross_entropy",),
    ),
    Check(
        "output_delta_cross_entropy",
        "eq-output-delta-cross-entropy",
        _G + "test_cross_entropy",
        "check_output_delta_cross_entropy",
        ("output_delta_cross_entropy",),
    ),
    Check(
        "Network.forward",
        "eq-forward-output",
        _G + "test_forward",
        "check_network_forward",
        ("Network",),
    ),
    Check(
        "Network loss (mse of forward)",
        "eq-loss",
        _G + "test_loss",
        "check_network_loss",
        ("Network", "mse"),
    ),
    Check(
        "Network.backward: output delta",
        "eq-output-delta",
        _G + "test_output_delta",
        "check_network_output_delta",
        ("Network",),
    ),
    Check(
        "Network.backward: hidden deltas",
        "eq-hidden-delta",
        _G + "test_hidden_delta",
        "check_network_hidden_deltas",
        ("Network",),
    ),
    Check(
        "Network.backward: gradients",
        "eq-grad-w1",
        _G + "test_gradients",
        "check_network_gradients",
        ("Network",),
    ),
    Check(
        "Network.step",
        "eq-update-w1",
        _G + "test_update",
        "check_network_step",
        ("Network",),
    ),
    Check(
        "Network.backward after a step",
        "eq-forward-hidden",
        "selfcheck.runner",
        "check_backward_after_step",
        ("Network",),
    ),
    Check(
        "Network, depth 3 and 4: forward",
        "eq-forward-general",
        _G + "test_deep_networks",
        "check_network_forward",
        ("Network",),
    ),
    Check(
        "Network, depth 3 and 4: deltas",
        "eq-delta-recursion",
        _G + "test_deep_networks",
        "check_network_deltas",
        ("Network",),
    ),
    Check(
        "Network, depth 3 and 4: gradients",
        "eq-grad-w-general",
        _G + "test_deep_networks",
        "check_network_gradients",
        ("Network",),
    ),
    Check(
        "Network, depth 3 and 4: step",
        "eq-grad-w-general",
        _G + "test_deep_networks",
        "check_network_step",
        ("Network",),
    ),
    Check(
        "Network(loss='cross_entropy').backward",
        "eq-output-delta-cross-entropy",
        _G + "test_cross_entropy",
        "check_network_backward",
        ("Network",),
        cross_entropy=True,
    ),
    Check(
        "Network(loss='cross_entropy').train",
        "eq-cross-entropy",
        _G + "test_cross_entropy",
        "check_network_train",
        ("Network",),
        cross_entropy=True,
    ),
)


def check_backward_after_step(network_class: Any) -> None:
    """Check backward after a step (and after a forward pass on another batch) uses the new weights.

    Compares, on the generated network cases, the gradients of a network that has taken a
    step with those of a new network built from the stepped parameters. Gradients computed
    from activations left over by an earlier forward pass fail it.
    """
    gradient_checks = importlib.import_module(_G + "test_gradients")
    array, check = gradient_checks._array, gradient_checks._check
    for case in gradient_checks.NETWORK_CASES:
        X, y = array(case["x"]), array(case["y"])
        net = gradient_checks._network(network_class, case)
        net.step(net.backward(X, y), learning_rate=0.5)
        net.forward(X[:, :1])  # leave the activations of another batch behind
        got = net.backward(X, y)
        stepped = [np.array(w, dtype=np.float64) for w in net.weights]
        stepped_b = [np.array(b, dtype=np.float64) for b in net.biases]
        fresh = network_class.from_parameters(stepped, stepped_b).backward(X, y)
        for layer, (g, e) in enumerate(zip(got.weights, fresh.weights, strict=True), 1):
            what = f"eq-forward-hidden: dL/dW({layer}) of backward after a step, {case['name']}"
            check(g, e, what)
        for layer, (g, e) in enumerate(zip(got.biases, fresh.biases, strict=True), 1):
            what = f"eq-forward-hidden: dL/db({layer}) of backward after a step, {case['name']}"
            check(g, e, what)


# Running -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The result of one check on one implementation.

    Attributes
    ----------
    check : Check
    status : {"pass", "fail", "skip"}
    label : str
        The label to read: the failing case's own label when it names one, else the check's.
    case : str
        The first failing case (``eq-output-delta: output_delta(a, y), 3 outputs, batch 3``),
        or why the check was skipped.
    expected, got : object
        What the derivation gives and what the implementation returned, for that case.
    error : str
        The exception the implementation raised, if it raised one (``TypeError: ...``).
    """

    check: Check
    status: Status
    label: str
    case: str = ""
    expected: Any = None
    got: Any = None
    error: str = ""
    details: str = field(default="", repr=False)


def _known_labels() -> set[str]:
    return set(label_pages())


_CASE_LABEL = re.compile(r"^(eq-[a-z0-9-]+)")
_LAYER = re.compile(r"\(layer (\d+)\)")


def _case_label(what: str, default: str) -> str:
    """Return the label a failing case names, made precise (``eq-update-w`` + layer 1 → w1)."""
    match = _CASE_LABEL.match(what)
    if match is None:
        return default
    label = match.group(1)
    if label in _known_labels():
        return label
    layer = _LAYER.search(what)
    if layer is not None and f"{label}{layer.group(1)}" in _known_labels():
        return f"{label}{layer.group(1)}"
    return default


@contextlib.contextmanager
def _recording(module: Any) -> Iterator[dict[str, Any]]:
    """Record the first (actual, expected, what) that `module`'s ``_check`` rejects."""
    record: dict[str, Any] = {}
    original = getattr(module, "_check", None)
    if original is None:
        yield record
        return

    def recording(actual: Any, expected: Any, what: str) -> None:
        try:
            original(actual, expected, what)
        except AssertionError:
            record.setdefault("case", (actual, expected, what))
            raise

    module._check = recording
    try:
        yield record
    finally:
        module._check = original


def run_check(check: Check, implementation: Mapping[str, Any]) -> Outcome:
    """Run one check against `implementation` and say how it went.

    Parameters
    ----------
    check : Check
    implementation : mapping of str to callable
        Must hold every name of ``check.needs``, or the check is skipped.

    Returns
    -------
    Outcome
    """
    missing = [name for name in check.needs if name not in implementation]
    if missing:
        return Outcome(check, "skip", check.label, case=f"not defined: {', '.join(missing)}")
    arguments = [implementation[name] for name in check.needs]
    function = check.load()
    module = importlib.import_module(check.module)
    if check.module == __name__:
        module = importlib.import_module(_G + "test_gradients")
    with (
        _recording(module) as record,
        warnings.catch_warnings(),
        np.errstate(all="ignore"),
    ):
        warnings.simplefilter("ignore")
        try:
            function(*arguments)
        except AssertionError as error:
            details = str(error).strip()
            if "case" in record:
                got, expected, what = record["case"]
                label = _case_label(what, check.label)
                return Outcome(check, "fail", label, what, expected, got, details=details)
            first = details.splitlines()[0] if details else "assertion failed"
            return Outcome(check, "fail", _case_label(first, check.label), first, details=details)
        except Exception as error:  # noqa: BLE001 -- any crash of the code under test is a finding
            text = f"{type(error).__name__}: {error}".splitlines()[0]
            return Outcome(check, "fail", check.label, "the code raised", error=text)
    return Outcome(check, "pass", check.label)


def run_checks(
    implementation: Mapping[str, Any], checks: tuple[Check, ...] = CHECKS
) -> list[Outcome]:
    """Run every check of `checks` against `implementation`, in order."""
    return [run_check(check, implementation) for check in checks]


# Labels and their pages ---------------------------------------------------------------------


def site_url() -> str:
    """Return the site's address, read from CITATION.cff (the project's one record of it)."""
    citation = ROOT / "CITATION.cff"
    if citation.is_file():
        match = re.search(
            r'^url:\s*"?([^"\s]+)"?', citation.read_text(encoding="utf-8"), re.MULTILINE
        )
        if match:
            return match.group(1).rstrip("/") + "/"
    return DEFAULT_SITE_URL


_PAGES: dict[str, str] | None = None


def label_pages(docs: Path = DOCS) -> dict[str, str]:
    """Map each equation label to the docs page defining it (``derivations/output-delta``)."""
    global _PAGES  # noqa: PLW0603 -- read the sources once per process
    if _PAGES is not None and docs == DOCS:
        return _PAGES
    pages: dict[str, str] = {}
    if docs.is_dir():
        for source in sorted(docs.glob("*/*.md")):
            for line in source.read_text(encoding="utf-8").splitlines():
                if line.strip().startswith(":label: eq-"):
                    label = line.split(":label:", 1)[1].strip()
                    pages[label] = source.relative_to(docs).with_suffix("").as_posix()
    if docs == DOCS:
        _PAGES = pages
    return pages


def label_url(label: str) -> str:
    """Return the permanent address of `label` on the site, or the bare label if no page has it."""
    page = label_pages().get(label)
    if page is None:
        return label
    return f"{site_url()}{page}.html#equation-{label}"


# Reporting ------------------------------------------------------------------------------------


def _short(value: Any) -> str:
    with np.printoptions(precision=6, suppress=False, linewidth=88, threshold=12):
        text = np.array2string(np.asarray(value), separator=", ")
    return text.replace("\n", "\n" + " " * 16)


def format_outcome(outcome: Outcome) -> str:
    """Format one outcome: a PASS/FAIL/skip line, and for a failure what to read."""
    status = {"pass": "PASS", "fail": "FAIL", "skip": "skip"}[outcome.status]
    line = f"{status}  {outcome.check.title:<38} {outcome.label}"
    if outcome.status == "skip":
        return f"{line}  ({outcome.case})"
    if outcome.status == "pass":
        return line
    lines = [line, f"      check:    {outcome.check.where}"]
    if outcome.error:
        lines.append(f"      error:    {outcome.error}")
    else:
        lines.append(f"      case:     {outcome.case}")
        if outcome.got is not None or outcome.expected is not None:
            lines.append(f"      expected: {_short(outcome.expected)}")
            lines.append(f"      got:      {_short(outcome.got)}")
    lines.append(f"      read:     {label_url(outcome.label)}")
    return "\n".join(lines)


def format_outcomes(outcomes: list[Outcome], show_skipped: bool = True) -> str:
    """Format a whole report, with a last line counting passes and failures."""
    shown = [o for o in outcomes if show_skipped or o.status != "skip"]
    counts = {s: sum(o.status == s for o in outcomes) for s in ("pass", "fail", "skip")}
    summary = f"{counts['pass']} passed, {counts['fail']} failed, {counts['skip']} skipped"
    return "\n".join([*(format_outcome(o) for o in shown), summary])
