"""What the playground's browser tests share: the page, the arithmetic it runs, and comparisons.

The tests are ``test_playground_arithmetic.py`` (the page's numbers are backprop's, and a
planted wrong formula is caught), ``test_playground_controls.py`` (every control by keyboard
and by pointer; bad input changes nothing) and ``test_playground_offline.py`` (file:// and
the local server with every outside request blocked, the frame rate and page weight, the
screenshots). The page computes with ``_static/playground/network.js``, which
``python -m derivations`` prints from the proved results; the expected values are computed
by ``backprop`` in the test's process, never stored. The fixtures ``context`` and
``playground`` are in ``conftest.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

import backprop as bp

PAGE = "playground/index.html"
SCRIPT = "_static/playground/network.js"
SEEDS = [0, 3, 7]
LOSSES = ["squared_error", "cross_entropy"]
RTOL = 1e-12
EPOCHS = 10_000
RATE = 0.5

# Everything the comparison needs, computed in the page by backpropJS.
PAGE_ARITHMETIC = """
({params, X, y, loss, rate, epochs}) => {
  const bp = globalThis.backpropJS;
  const pass = bp.forward(params, X);
  const grads = bp.backward(params, X, y, loss);
  const stepped = bp.step(params, grads, rate);
  const trained = {weights: params.weights, biases: params.biases};
  const history = bp.train(trained, X, y, {epochs, learningRate: rate, loss});
  return {pass, grads, stepped, history, lossValue: bp.lossOf(params, X, y, loss)};
}
"""


def _relative(got: Any, expected: Any) -> float:
    got_array, want = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    assert got_array.shape == want.shape, (got_array.shape, want.shape)
    scale = np.maximum(np.abs(want), np.finfo(float).tiny)
    return float(
        np.nanmax(np.where(np.isnan(got_array), np.inf, np.abs(got_array - want) / scale))
    )


def _parameters(net: bp.Network) -> dict[str, list[Any]]:
    return {
        "weights": [w.tolist() for w in net.weights],
        "biases": [b.tolist() for b in net.biases],
    }


def _disagreement(page: Any, seed: int, loss: str, samples: list[int]) -> dict[str, float]:
    """Run the page's arithmetic and backprop's on the same start; the worst relative errors."""
    X_all, y_all = bp.xor()
    X, y = X_all[:, samples], y_all[:, samples]
    net = bp.Network([2, 2, 1], seed=seed, loss=loss)
    start = _parameters(net)
    got = page.evaluate(
        PAGE_ARITHMETIC,
        {
            "params": start,
            "X": X.tolist(),
            "y": y.tolist(),
            "loss": loss,
            "rate": RATE,
            "epochs": EPOCHS,
        },
    )
    net.forward(X)
    grads = net.backward(X, y)
    errors = {
        "activations": max(
            _relative(g, w)
            for g, w in zip(got["pass"]["activations"], net.activations, strict=True)
        ),
        "zs": max(_relative(g, w) for g, w in zip(got["pass"]["zs"], net.zs, strict=True)),
    }
    for kind in ("weights", "biases", "deltas"):
        errors[f"gradient {kind}"] = max(
            _relative(g, w) for g, w in zip(got["grads"][kind], getattr(grads, kind), strict=True)
        )
    loss_value = (
        bp.cross_entropy(net.zs[-1], y)
        if loss == "cross_entropy"
        else bp.mse(net.activations[-1], y)
    )
    errors["loss"] = _relative(got["lossValue"], loss_value)
    net.step(grads, RATE)
    errors["step"] = max(
        _relative(g, w)
        for g, w in zip(
            got["stepped"]["weights"] + got["stepped"]["biases"],
            net.weights + net.biases,
            strict=True,
        )
    )
    history = bp.Network([2, 2, 1], seed=seed, loss=loss).train(X, y, EPOCHS, RATE)
    errors["history"] = _relative(got["history"], history)
    return errors


def _params(page: Any) -> Any:
    return page.evaluate("() => globalThis.backpropPlayground.instances[0].params")


def _has_focus_ring(page: Any, selector: str) -> bool:
    return bool(
        page.evaluate(
            "(s) => { const e = document.querySelector(s); const st = getComputedStyle(e);"
            " return document.activeElement === e && st.outlineStyle !== 'none'"
            " && parseFloat(st.outlineWidth) >= 2; }",
            selector,
        )
    )
