"""The playground page in headless Chromium: its numbers are backprop's, and every control works.

The page computes with ``_static/playground/network.js``, which ``python -m derivations``
prints from the proved results. Here the expected values are computed by ``backprop`` in
this process, never stored: for several seeds and both losses the page's forward pass,
deltas, gradients, one step and a 10,000-epoch loss history must agree to 1e-12
relative. A wrong formula planted in the script (patched on its way to the browser) must
make that comparison fail. Every control is operated by keyboard and by pointer; bad
input leaves the state unchanged with a message beside the control; the page works from
file:// and from the local server with every outside request blocked and no console
error. Screenshots (light and dark) go to ``docs/_build/screenshots/``, and the measured
frame rate and the bytes the page loads to ``docs/_build/screenshots/playground.json``.

Browser and server as in ``tests/site/test_browser.py`` (Debian's Chromium, Playwright).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

import backprop as bp
from tests.site.helpers import SCREENSHOTS, SITE, require_site
from tests.site.test_browser import (  # noqa: F401 (fixtures shared with the page checks)
    SETTLED,
    _open,
    browser,
    chromium_path,
    server,
)

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


@pytest.fixture(scope="module")
def context(browser: Any) -> Iterator[Any]:  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def playground(context: Any, server: str) -> Iterator[tuple[Any, Any]]:  # noqa: F811
    require_site()
    page, visit = _open(context, server + PAGE)
    page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
    try:
        yield page, visit
    finally:
        page.close()
    assert not visit.errors, visit.errors
    assert not visit.blocked, visit.blocked


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


def test_every_control_has_a_label_and_a_focus_ring(playground: tuple[Any, Any]) -> None:
    page, _ = playground
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('.bp-playground input, .bp-playground select, .bp-playground button')]
          .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
          .map((e) => e.outerHTML)"""
    )
    assert unnamed == []
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    page.focus(".bp-full [data-control=seed]")
    controls = page.evaluate(
        "() => [...document.querySelectorAll('.bp-full [data-control]')].map((e) => e.dataset.control)"
    )
    # seed, loss, sample; 9 fields and 9 sliders; 7 stages, back, next; rate, speed, play, reset; check
    assert len(controls) == 3 + 9 * 2 + 7 + 2 + 4 + 1
    missing = []
    for control in controls:
        selector = f".bp-full [data-control='{control}']"
        page.focus(selector)
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        if not _has_focus_ring(page, selector):
            missing.append(control)
    assert missing == []


def test_setup_controls_by_keyboard_and_pointer(playground: tuple[Any, Any]) -> None:
    page, _ = playground
    full = page.locator(".bp-full")
    seed = full.locator("[data-control=seed]")
    seed.focus()
    page.keyboard.press("ArrowDown")  # seed 3 → 4
    assert _params(page) == _parameters(bp.Network([2, 2, 1], seed=4))
    seed.select_option("7")
    assert _params(page) == _parameters(bp.Network([2, 2, 1], seed=7))
    loss = full.locator("[data-control=loss]")
    loss.focus()
    page.keyboard.press("ArrowDown")
    assert (
        page.evaluate("() => globalThis.backpropPlayground.instances[0].loss") == "cross_entropy"
    )
    loss.select_option("squared_error")
    assert (
        page.evaluate("() => globalThis.backpropPlayground.instances[0].loss") == "squared_error"
    )
    sample = full.locator("[data-control=sample]")
    sample.focus()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => globalThis.backpropPlayground.instances[0].sample") == "0"
    assert "(0, 0)" in full.locator(".bp-caption").inner_text()
    sample.select_option("all")
    assert page.evaluate("() => globalThis.backpropPlayground.instances[0].sample") == "all"


def test_weights_by_typing_and_dragging_and_bad_input_changes_nothing(
    playground: tuple[Any, Any],
) -> None:
    page, _ = playground
    full = page.locator(".bp-full")
    field = full.locator("[data-control=param-0]")
    message = full.locator(f"#{field.get_attribute('id')}-message")
    field.click()
    field.press("Control+a")
    page.keyboard.type("1.25")
    page.keyboard.press("Enter")
    assert _params(page)["weights"][0][0][0] == 1.25
    before = _params(page)
    for bad in ["", "abc", "1,5", "Infinity", "NaN", "1e400", "5000", "-1e6"]:
        field.fill(bad)
        field.press("Enter")
        assert message.inner_text().strip(), f"no message for {bad!r}"
        assert field.get_attribute("aria-invalid") == "true"
        assert _params(page) == before, f"{bad!r} changed the state"
    field.fill("-0.5")
    field.press("Enter")
    assert _params(page)["weights"][0][0][0] == -0.5
    assert message.inner_text().strip() == ""
    slider = full.locator("[data-control=slider-8]")
    slider.focus()
    start = _params(page)["biases"][1][0][0]
    page.keyboard.press("ArrowRight")
    assert _params(page)["biases"][1][0][0] != start
    box = slider.bounding_box()
    assert box is not None
    page.mouse.click(
        box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2
    )  # pointer drag target
    assert _params(page)["biases"][1][0][0] > 5


def test_stages_by_keyboard_and_pointer_name_their_equations(playground: tuple[Any, Any]) -> None:
    page, _ = playground
    full = page.locator(".bp-full")
    expected = [
        ["eq-forward-hidden"], ["eq-forward-output"], ["eq-loss"], ["eq-output-delta"],
        ["eq-hidden-delta"], ["eq-grad-w2", "eq-grad-b2", "eq-grad-w1", "eq-grad-b1"],
        ["eq-update-w2", "eq-update-b2", "eq-update-w1", "eq-update-b1"],
    ]  # fmt: skip
    next_button = full.locator("[data-control=next]")
    next_button.focus()
    for index, labels in enumerate(expected):
        links = full.locator(".bp-stage-text a.bp-equation")
        assert [links.nth(i).get_attribute("data-label") for i in range(links.count())] == labels
        for i in range(links.count()):
            href = links.nth(i).get_attribute("href") or ""
            assert href.endswith(f"#equation-{labels[i]}")
            assert "derivations/" in href
            assert links.nth(i).inner_text().startswith("(")  # the equation number
        assert (
            full.locator(".bp-stage[aria-current=step]").inner_text()
            == full.locator(".bp-stage").nth(index).inner_text()
        )
        if index < len(expected) - 1:
            page.keyboard.press("Enter" if index % 2 else "Space")
    assert "W →" in full.locator("svg").inner_html()  # the update stage: the new weights
    full.locator("[data-control=stage-3]").click()  # pointer: jump to the output delta
    assert (
        full.locator(".bp-stage-text a.bp-equation").first.get_attribute("data-label")
        == "eq-output-delta"
    )
    full.locator("[data-control=loss]").select_option("cross_entropy")
    assert (
        full.locator(".bp-stage-text a.bp-equation").first.get_attribute("data-label")
        == "eq-output-delta-cross-entropy"
    )
    full.locator("[data-control=back]").focus()
    page.keyboard.press("Enter")
    assert (
        full.locator(".bp-stage-text a.bp-equation").first.get_attribute("data-label")
        == "eq-cross-entropy"
    )
    full.locator(".bp-stage-text a.bp-equation").first.click()
    page.wait_for_url("**/derivations/**#equation-eq-cross-entropy")


def test_training_controls_by_keyboard_and_pointer(playground: tuple[Any, Any]) -> None:
    page, _ = playground
    full = page.locator(".bp-full")
    instance = "globalThis.backpropPlayground.instances[0]"
    rate = full.locator("[data-control=rate]")
    rate_message = full.locator(f"#{rate.get_attribute('id')}-message")
    for bad in ["", "0", "-0.1", "fast", "Infinity", "1e999"]:
        rate.fill(bad)
        rate.press("Enter")
        assert rate_message.inner_text().strip(), bad
        assert page.evaluate(f"() => {instance}.learningRate") == 0.5
    rate.fill("2")
    rate.press("Enter")
    assert page.evaluate(f"() => {instance}.learningRate") == 2
    speed = full.locator("[data-control=speed]")
    speed.fill("0")
    speed.press("Enter")
    assert full.locator(f"#{speed.get_attribute('id')}-message").inner_text().strip()
    speed.fill("50")
    speed.press("Enter")
    assert page.evaluate(f"() => {instance}.epochsPerFrame") == 50
    play = full.locator("[data-control=play]")
    play.focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"() => {instance}.history.length >= 500")
    page.keyboard.press("Enter")  # pause
    assert play.get_attribute("aria-pressed") == "false"
    paused = page.evaluate(f"() => {instance}.history.length")
    page.wait_for_timeout(200)
    assert page.evaluate(f"() => {instance}.history.length") == paused
    assert "Epoch" in full.locator(".bp-status").inner_text()
    assert "epochs, from" in (
        full.locator("canvas.bp-view-loss").get_attribute("aria-label") or ""
    )
    play.click()
    page.wait_for_function(f"() => {instance}.history.length > {paused}")
    play.click()
    full.locator("[data-control=reset]").click()
    assert _params(page) == _parameters(bp.Network([2, 2, 1], seed=3))
    assert page.evaluate(f"() => {instance}.history.length") == 0


def test_divergence_stops_training_with_a_message(playground: tuple[Any, Any]) -> None:
    page, _ = playground
    full = page.locator(".bp-full")
    instance = "globalThis.backpropPlayground.instances[0]"
    # Python diverges from seed 3 with the cross-entropy at this rate too (the loss becomes inf).
    full.locator("[data-control=loss]").select_option("cross_entropy")
    full.locator("[data-control=rate]").fill("1e308")
    full.locator("[data-control=rate]").press("Enter")
    assert (
        "diverge"
        in full.locator(
            f"#{full.locator('[data-control=rate]').get_attribute('id')}-message"
        ).inner_text()
    )
    before = _params(page)
    full.locator("[data-control=play]").click()
    page.wait_for_function(f"() => !{instance}.playing")
    assert "training diverged" in full.locator(".bp-training [role=status]").inner_text()
    assert _params(page) == before


def test_check_my_gradients(playground: tuple[Any, Any]) -> None:
    page, _ = playground
    full = page.locator(".bp-full")
    full.locator("[data-control=check]").focus()
    page.keyboard.press("Enter")
    rows = page.evaluate("() => globalThis.backpropPlayground.instances[0].checkRows")
    assert len(rows) == 9
    X, y = bp.xor()
    grads = bp.Network([2, 2, 1], seed=3).backward(X, y)
    analytic = [row["analytic"] for row in rows]
    expected = [
        *grads.weights[0].ravel(),
        *grads.biases[0].ravel(),
        *grads.weights[1].ravel(),
        *grads.biases[1].ravel(),
    ]
    assert _relative(analytic, expected) <= RTOL
    assert max(row["error"] for row in rows) < 1e-6  # centred differences, h = 1e-5
    assert full.locator(".bp-check-table tbody tr").count() == 9


@pytest.mark.parametrize("how", ["http", "file"])
def test_works_offline_without_console_errors(context: Any, server: str, how: str) -> None:  # noqa: F811
    require_site()
    for name in (PAGE, "tutorial/train-xor.html", "explanation/chain-rule.html"):
        url = server + name if how == "http" else (SITE / name).as_uri()
        page, visit = _open(context, url)
        try:
            page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
            root = page.locator(".bp-playground").first
            root.locator("[data-control=next]").click()
            if name == PAGE:
                root.locator("[data-control=play]").click()
                page.wait_for_timeout(300)
                root.locator("[data-control=play]").click()
            else:
                assert root.get_attribute("data-variant") == "compact"
                assert root.locator("a[href*='playground']").count() == 1
        finally:
            page.close()
        assert not visit.errors, (name, visit.errors)
        assert not visit.blocked, (name, visit.blocked)


def test_frame_rate_and_page_weight_are_measured(browser: Any, server: str) -> None:  # noqa: F811
    require_site()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    sizes: dict[str, int] = {}
    context.on("response", lambda response: sizes.__setitem__(response.url, len(response.body())))
    page, visit = _open(context, server + PAGE)
    try:
        assert page.evaluate(SETTLED) in {"typeset", "no math"}
        page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
        page.locator(".bp-full [data-control=play]").click()
        page.wait_for_timeout(3000)
        fps = page.evaluate("() => globalThis.backpropPlayground.instances[0].framesPerSecond()")
        epochs = page.evaluate("() => globalThis.backpropPlayground.instances[0].history.length")
        page.locator(".bp-full [data-control=play]").click()
    finally:
        context.close()
    measured = {
        "frames_per_second": round(fps, 1),
        "epochs_in_3_s": epochs,
        "bytes_loaded": sum(sizes.values()),
        "bytes_by_file": dict(sorted(sizes.items())),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "playground.json").write_text(json.dumps(measured, indent=2) + "\n")
    print(json.dumps({k: v for k, v in measured.items() if k != "bytes_by_file"}))
    assert not visit.errors + visit.blocked
    # The aim is 60 (headless Chromium paces frames at most at 60); on a shared, loaded machine
    # it measures lower, so this only catches a frame that has become far too slow.
    assert fps >= 10, measured


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot(browser: Any, server: str, theme: str) -> None:  # noqa: F811
    require_site()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    page, visit = _open(context, server + PAGE)
    try:
        page.wait_for_function("() => globalThis.backpropPlayground?.instances.length > 0")
        assert page.evaluate("() => document.body.dataset.theme") == theme
        full = page.locator(".bp-full")
        full.locator("[data-control=play]").click()
        page.wait_for_function(
            "() => globalThis.backpropPlayground.instances[0].history.length > 2000"
        )
        full.locator("[data-control=play]").click()
        full.locator("[data-control=stage-5]").click()
        full.locator("[data-control=check]").click()
        full.locator("[data-control=param-1]").fill("oops")
        full.locator("[data-control=param-1]").press("Enter")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.locator(".bp-full").screenshot(path=str(SCREENSHOTS / f"playground-{theme}.png"))
    finally:
        context.close()
    assert not visit.errors + visit.blocked
