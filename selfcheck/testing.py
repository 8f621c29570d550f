"""Make the generated tests: each is one check of :mod:`selfcheck.checks` over its cases.

``tests/generated/test_hidden_delta.py`` holds ``test_hidden_delta = generated_test("hidden_delta")``:
a pytest test parametrised over the check's generated cases, one id per case that names the
equation label and the case (``test_hidden_delta[eq-hidden-delta-3x3-m3]``), run against
``backprop``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from selfcheck import checks
from selfcheck.cases import Case, collection
from selfcheck.reference import backprop_implementation

__all__ = ["case_ids", "generated_test"]


def case_ids(check: checks.Check) -> list[str]:
    """Return the pytest ids of `check`'s cases: ``<label>-<case id>``."""
    return [f"{check.label}-{case.id}" for case in collection(check.cases)]


def generated_test(name: str) -> Callable[[Case], None]:
    """Return the test of the check called `name`, parametrised over its cases."""
    check = checks.by_name(name)

    @pytest.mark.parametrize("case", collection(check.cases), ids=case_ids(check))
    def test(case: Case) -> None:
        check.run(backprop_implementation(), case)

    test.__name__ = test.__qualname__ = f"test_{name}"
    test.__doc__ = check.function.__doc__
    return test
