"""The generated checks bite: every mistake of the catalogue makes the checks it names fail.

Each mistake of ``selfcheck/mistakes.py`` is installed in ``backprop`` (a wrong formula in
the module ``Network`` looks it up in, or a ``Network`` subclass overriding one hook), and
every check of ``Mistake.caught_by`` must then fail on at least one generated case: the
function's own check given the wrong function, and the network checks it reaches.
"""

import warnings

import numpy as np
import pytest

from selfcheck import checks
from selfcheck.cases import collection
from selfcheck.checks import CheckFailure
from selfcheck.mistakes import MISTAKES, Mistake
from selfcheck.reference import backprop_implementation

PAIRS = [(mistake, name) for mistake in MISTAKES for name in mistake.caught_by]


def _fails_somewhere(check: checks.Check, mistake: Mistake) -> bool:
    # A wrong formula may overflow or warn; what must fail is the comparison.
    with (
        mistake.installed() as network_class,
        warnings.catch_warnings(),
        np.errstate(all="ignore"),
    ):
        warnings.simplefilter("ignore")
        implementation = backprop_implementation(network_class)
        for case in collection(check.cases):
            try:
                check.run(implementation, case)
            except (CheckFailure, ValueError):
                # ValueError: shapes that cannot be combined (W for Wᵀ on a non-square layer).
                return True
    return False


@pytest.mark.parametrize(("mistake", "name"), PAIRS, ids=[f"{m.name}-{n}" for m, n in PAIRS])
def test_the_named_check_catches_the_mistake(mistake: Mistake, name: str) -> None:
    assert _fails_somewhere(checks.by_name(name), mistake)


def test_every_mistake_names_the_checks_that_catch_it() -> None:
    known = {check.name for check in checks.CHECKS}
    for mistake in MISTAKES:
        assert mistake.caught_by, mistake.name
        assert set(mistake.caught_by) <= known, mistake.name


def test_every_function_mistake_is_caught_by_the_function_s_own_check() -> None:
    for mistake in MISTAKES:
        if not mistake.is_network:
            assert mistake.attribute in mistake.caught_by, mistake.name


@pytest.mark.parametrize("check", checks.CHECKS, ids=[c.name for c in checks.CHECKS])
def test_backprop_passes_every_check_on_every_case(check: checks.Check) -> None:
    implementation = backprop_implementation()
    for case in collection(check.cases):
        check.run(implementation, case)


def test_a_failure_says_which_label_which_case_expected_and_got() -> None:
    check = checks.by_name("hidden_delta")
    case = collection("hidden_delta")[0]
    mistake = next(m for m in MISTAKES if m.name == "hidden-delta-untransposed")
    with pytest.raises(CheckFailure) as caught:
        check.run({"hidden_delta": mistake.wrong}, case)
    failure = caught.value
    assert failure.label == "eq-hidden-delta"
    assert failure.case is case
    message = str(failure)
    assert message.startswith("eq-hidden-delta: hidden_delta(W_next, delta_next, a) is wrong")
    assert case.id in message
    assert "expected (derived):" in message
    assert "got:" in message
    assert "rtol=1e-12" in message
