"""The playground's numbers are backprop's, to 1e-12 relative, and a planted wrong formula shows.

For several seeds and both losses the page's forward pass, deltas, gradients, one step and
a 10,000-epoch loss history must agree with ``backprop`` run in this process; a wrong
formula planted in ``network.js`` (patched on its way to the browser) must make that
comparison fail. Shared pieces: ``tests/site/playground.py``.
"""

from __future__ import annotations

from typing import Any

import pytest

import backprop as bp
from tests.site.helpers import SITE, require_site
from tests.site.playground import (
    LOSSES,
    PAGE,
    RTOL,
    SCRIPT,
    SEEDS,
    _disagreement,
    _parameters,
    _relative,
)
from tests.site.test_browser import (  # noqa: F401 (fixtures shared with the page checks)
    browser,
    chromium_path,
    server,
)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("seed", SEEDS)
def test_page_arithmetic_equals_backprop(
    playground: tuple[Any, Any], seed: int, loss: str
) -> None:
    page, _ = playground
    for samples in ([0, 1, 2, 3], [1]):
        errors = _disagreement(page, seed, loss, samples)
        assert max(errors.values()) <= RTOL, (samples, errors)


def test_page_holds_backprops_initial_parameters_and_its_step_button_steps(
    playground: tuple[Any, Any],
) -> None:
    page, _ = playground
    data = page.evaluate("() => globalThis.backpropPlayground.instances[0].data")
    X, y = bp.xor()
    assert data["X"] == X.tolist()
    assert data["y"] == y.tolist()
    for seed, params in data["seeds"].items():
        assert params == _parameters(bp.Network([2, 2, 1], seed=int(seed)))  # exact, not close
    # The interface's own step: seven stages, then "Next stage" applies the update.
    full = page.locator(".bp-full")
    full.locator("[data-control=rate]").fill("0.5")
    full.locator("[data-control=rate]").press("Enter")
    for _ in range(7):
        full.locator("[data-control=next]").click()
    got = page.evaluate("() => globalThis.backpropPlayground.instances[0].params")
    net = bp.Network([2, 2, 1], seed=data["defaultSeed"])
    net.step(net.backward(X, y), 0.5)
    assert (
        max(
            _relative(g, w)
            for g, w in zip(got["weights"] + got["biases"], net.weights + net.biases, strict=True)
        )
        <= RTOL
    )


PLANTED = [
    ("the output error's sign", "(a[j][i] - y[j][i])", "(y[j][i] - a[j][i])"),
    ("σ of −z", "1/(1 + Math.exp(-z))", "1/(1 + Math.exp(z))"),
    (
        "a hidden delta without the transpose",
        "Wnext[k][j]*deltaNext[k][i]",
        "Wnext[0][k]*deltaNext[k][i]",
    ),
    (
        "a gradient step uphill",
        "-learningRate*grad[j][i] + theta[j][i]",
        "learningRate*grad[j][i] + theta[j][i]",
    ),
]


@pytest.mark.parametrize(("what", "right", "wrong"), PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_wrong_formula_fails_the_comparison(
    context: Any,
    server: str,  # noqa: F811
    what: str,
    right: str,
    wrong: str,
) -> None:
    require_site()
    script = (SITE / SCRIPT).read_text(encoding="utf-8")
    assert script.count(right) == 1, f"{what}: {right!r} not found once in network.js"
    planted = script.replace(right, wrong)
    page = context.new_page()
    page.route(
        "**/" + SCRIPT, lambda route: route.fulfill(body=planted, content_type="text/javascript")
    )
    try:
        page.goto(server + PAGE, wait_until="load")
        page.wait_for_function("() => globalThis.backpropJS !== undefined")
        errors = _disagreement(page, 3, "squared_error", [0, 1, 2, 3])
    finally:
        page.close()
    assert max(errors.values()) > RTOL, f"planting {what} went unnoticed: {errors}"
