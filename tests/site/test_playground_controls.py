"""Every control of the playground works by keyboard and by pointer; bad input changes nothing.

Each control has a label and a visible focus ring; setup, weights, stages and training are
operated both ways; bad input leaves the state unchanged with a message beside the control;
divergence stops training with a message; the gradient check agrees with backprop. Shared
pieces: ``tests/site/playground.py``.
"""

from __future__ import annotations

from typing import Any

import backprop as bp
from tests.site.playground import RTOL, _has_focus_ring, _parameters, _params, _relative
from tests.site.test_browser import (  # noqa: F401 (fixtures shared with the page checks)
    browser,
    chromium_path,
    server,
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
