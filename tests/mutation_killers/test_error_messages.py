"""Mutation killers for the wording of backprop's errors, one table of bad calls.

``nox -s mutation`` runs mutmut over ``backprop/``; each test in tests/mutation_killers/
pins down behaviour that some surviving mutant changed, which the rest of the suite let
survive. The style guide asks every error to say what was expected and
what was given, so the wording is behaviour: each row is a bad call to Network, Ensemble or
weights_file, the exception it raises and its exact message (or, ending in ": ", the start
of it).
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import backprop as bp
from backprop import weights_file
from tests.mutation_killers.samples import _noisy, _noisy_binary


def _huge_step(net: bp.Network) -> None:
    tens = bp.Gradients(
        [np.full_like(W, 10.0) for W in net.weights],
        [np.full_like(b, 10.0) for b in net.biases],
        [],
    )
    net.step(tens, learning_rate=1e308)


def _save_arrays(path: Path, **arrays: Any) -> Path:
    with path.open("wb") as stream:
        np.savez(stream, **arrays)
    return path


# Exact error messages -----------------------------------------------------------------------

BAD_CALLS: list[tuple[str, Callable[[Path], Any], type[Exception], str]] = [
    (
        "from_parameters-empty",
        lambda _: bp.Network.from_parameters([], []),
        ValueError,
        (
            "weights and biases must be non-empty lists of the same length (one entry per layer), "
            "got 0 weights and 0 biases"
        ),
    ),
    (
        "from_parameters-1d-weights",
        lambda _: bp.Network.from_parameters([np.zeros(3)], [np.zeros((1, 1))]),
        ValueError,
        "weights[0] must have shape (n_out, 0) to follow a layer of 0 units, got shape (3,)",
    ),
    (
        "from_parameters-no-units",
        lambda _: bp.Network.from_parameters([np.zeros((0, 2))], [np.zeros((0, 1))]),
        ValueError,
        "weights[0] must have shape (n_out, 2) to follow a layer of 2 units, got shape (0, 2)",
    ),
    (
        "from_parameters-bias-shape",
        lambda _: bp.Network.from_parameters([np.zeros((3, 2))], [np.zeros((2, 1))]),
        ValueError,
        "biases[0] must have shape (3, 1), got shape (2, 1)",
    ),
    (
        "from_parameters-nan-bias",
        lambda _: bp.Network.from_parameters(
            [np.zeros((1, 2)), np.zeros((1, 1))], [np.zeros((1, 1)), [[np.nan]]]
        ),
        ValueError,
        "biases[1] holds NaN or infinite entries",
    ),
    (
        "from_parameters-text-bias",
        lambda _: bp.Network.from_parameters([np.zeros((1, 2))], [[["one"]]]),
        TypeError,
        "biases[0] must be an array of real numbers, got [['one']] (list)",
    ),
    (
        "forward-text",
        lambda _: bp.Network([2, 1], seed=0).forward([["a", "b"]]),
        TypeError,
        "X must be an array of real numbers, got [['a', 'b']] (list)",
    ),
    (
        "loss-not-a-name",
        lambda _: bp.Network([2, 1], seed=0, loss=3),
        TypeError,
        "loss must be one of 'squared_error', 'cross_entropy', got 3 (int)",
    ),
    (
        "member-index-not-an-integer",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).member(1.5),
        TypeError,
        "index must be an integer, got 1.5 (float)",
    ),
    (
        "step-overflow",
        lambda _: _huge_step(bp.Network([2, 2, 1], seed=3)),
        ValueError,
        (
            "a step with learning rate 1e+308 would make some weights infinite; nothing was "
            "changed. Use a smaller learning rate."
        ),
    ),
    (
        "train-nan-after-the-last-epoch",
        lambda _: bp.Network([2, 2, 1], seed=3).train(
            *_noisy_binary(), epochs=1, learning_rate=1.7e308
        ),
        FloatingPointError,
        (
            "training diverged: the loss became nan after epoch 1 (learning rate 1.7e+308). The "
            "weights were restored to what they were before train() was called; use a smaller "
            "learning rate."
        ),
    ),
    (
        "train-nan-within-the-epochs",
        lambda _: bp.Network([2, 2, 1], seed=3).train(
            *_noisy_binary(), epochs=2, learning_rate=1.7e308
        ),
        FloatingPointError,
        (
            "training diverged: the loss became nan after epoch 1 (learning rate 1.7e+308). The "
            "weights were restored to what they were before train() was called; use a smaller "
            "learning rate."
        ),
    ),
    (
        "train-weight-infinite",
        lambda _: bp.Network([2, 2, 1], seed=3).train(*_noisy(), epochs=3, learning_rate=1.7e308),
        FloatingPointError,
        (
            "training diverged: a weight became infinite within 3 epochs (learning rate 1.7e+308). "
            "The weights were restored to what they were before train() was called; use a smaller "
            "learning rate."
        ),
    ),
    (
        "ensemble-rates-not-numbers",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            *_noisy(), epochs=1, learning_rate=["a", "b", "c"]
        ),
        TypeError,
        (
            "learning_rate must be a finite positive number or one per member, got ['a', 'b', 'c'] "
            "(list)"
        ),
    ),
    (
        "ensemble-rates-not-positive",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            *_noisy(), epochs=1, learning_rate=[0.1, -0.2, 0.1]
        ),
        ValueError,
        "every learning rate must be a finite positive number",
    ),
    (
        "ensemble-one-member-diverges",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            *_noisy(), epochs=3, learning_rate=[0.1, 1.7e308, 0.1]
        ),
        FloatingPointError,
        (
            "training diverged for 1 of 3 members (1): the loss or a weight stopped being finite "
            "(learning rate 1.7e+308 for member 1). Every member was restored to its weights "
            "before train() was called; use a smaller learning rate."
        ),
    ),
    (
        "ensemble-train-y-rows",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            _noisy()[0], np.zeros((2, 50)), epochs=1, learning_rate=0.1
        ),
        ValueError,
        (
            "y has 2 rows, but the network expects 1 outputs (layer sizes [2, 2, 1]); samples are "
            "columns, so y should have shape (1, n_samples)"
        ),
    ),
    (
        "ensemble-train-x-rows",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=3).train(
            np.zeros((3, 50)), _noisy()[1], epochs=1, learning_rate=0.1
        ),
        ValueError,
        (
            "X has 3 rows, but the network expects 2 inputs (layer sizes [2, 2, 1]); samples are "
            "columns, so X should have shape (2, n_samples)"
        ),
    ),
    (
        "ensemble-from-no-networks",
        lambda _: bp.Ensemble.from_networks([]),
        TypeError,
        "from_networks needs a non-empty sequence of Network objects, got [] (list)",
    ),
    (
        "ensemble-mixed-losses",
        lambda _: bp.Ensemble.from_networks(
            [bp.Network([2, 2, 1], seed=0, loss="cross_entropy"), bp.Network([2, 2, 1], seed=1)]
        ),
        ValueError,
        "every network must have the loss 'cross_entropy', but network 1 has 'squared_error'",
    ),
    (
        "ensemble-member-out-of-range",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).member(-4),
        IndexError,
        "member index -4 is out of range for an ensemble of 3",
    ),
    (
        "ensemble-forward-wrong-rows",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).forward(np.zeros((3, 4))),
        ValueError,
        (
            "X has 3 rows, but the network expects 2 inputs (layer sizes [2, 2, 1]); samples are "
            "columns, so X should have shape (2, n_samples)"
        ),
    ),
    (
        "ensemble-forward-one-dimensional",
        lambda _: bp.Ensemble([2, 2, 1], 3, seed=0).forward(np.zeros(2)),
        ValueError,
        (
            "X must be a 2-D array of shape (2, n_samples) with samples as columns, got an array "
            "of shape (2,) (layer sizes [2, 2, 1])"
        ),
    ),
    (
        "ensemble-ten-members-diverge",
        lambda _: bp.Ensemble([2, 2, 1], 13, seed=3).train(
            *_noisy(), epochs=3, learning_rate=1.7e308
        ),
        FloatingPointError,
        "training diverged for 10 of 13 members (0, 1, 3, 5, 7, 8, 9, 10, 11, 12): ",
    ),
    (
        "ensemble-eleven-members-diverge",
        lambda _: bp.Ensemble([2, 2, 1], 14, seed=3).train(
            *_noisy(), epochs=3, learning_rate=1.7e308
        ),
        FloatingPointError,
        "training diverged for 11 of 14 members (0, 1, 3, 5, 7, 8, 9, 10, 11, 12 …): ",
    ),
    (
        "load-missing-file",
        lambda tmp: weights_file.load(tmp / "missing.npz"),
        FileNotFoundError,
        "no weights file at '{tmp}/missing.npz'",
    ),
    (
        "load-single-array",
        lambda tmp: (np.save(tmp / "one.npy", np.zeros(3)), weights_file.load(tmp / "one.npy")),
        ValueError,
        (
            "'{tmp}/one.npy' is not a backprop weights file: it holds a single array, not an .npz "
            "archive of weights"
        ),
    ),
    (
        "load-pickled-objects",
        lambda tmp: weights_file.load(
            _save_arrays(tmp / "p.npz", format=np.array([object()], dtype=object))
        ),
        ValueError,
        (
            "'{tmp}/p.npz' is not a readable backprop weights file (an .npz archive of float64 "
            "arrays written by Network.save): it holds pickled Python objects, which are never "
            "loaded (allow_pickle=False)"
        ),
    ),
    (
        "load-random-bytes",
        lambda tmp: (
            (tmp / "r.npz").write_bytes(b"PK\x03\x04 not really a zip"),
            weights_file.load(tmp / "r.npz"),
        ),
        ValueError,
        (
            "'{tmp}/r.npz' is not a readable backprop weights file (an .npz archive of float64 "
            "arrays written by Network.save): "
        ),
    ),
    (
        "load-no-format",
        lambda tmp: weights_file.load(_save_arrays(tmp / "f.npz", W1=np.zeros((1, 2)))),
        ValueError,
        (
            "'{tmp}/f.npz' is not a valid backprop weights file: expected format "
            "'backprop-derived weights v1', found no 'format' entry"
        ),
    ),
    (
        "load-wrong-format",
        lambda tmp: weights_file.load(_save_arrays(tmp / "g.npz", format=np.array("v0"))),
        ValueError,
        (
            "'{tmp}/g.npz' is not a valid backprop weights file: expected format "
            "'backprop-derived weights v1', found v0"
        ),
    ),
    (
        "load-layer-sizes-2d",
        lambda tmp: weights_file.load(
            _save_arrays(
                tmp / "s.npz",
                format=np.array(weights_file.FORMAT),
                layer_sizes=np.array([[2, 1]]),
            )
        ),
        ValueError,
        (
            "'{tmp}/s.npz' is not a valid backprop weights file: 'layer_sizes' must be a list of "
            "at least two positive integers"
        ),
    ),
    (
        "load-layer-sizes-missing",
        lambda tmp: weights_file.load(
            _save_arrays(tmp / "t.npz", format=np.array(weights_file.FORMAT))
        ),
        ValueError,
        (
            "'{tmp}/t.npz' is not a valid backprop weights file: 'layer_sizes' must be a list of "
            "at least two positive integers"
        ),
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [case[1:] for case in BAD_CALLS],
    ids=[case[0] for case in BAD_CALLS],
)
def test_errors_say_exactly_what_was_expected_and_what_was_given(
    tmp_path: Path, call: Callable[[Path], Any], error: type[Exception], message: str
) -> None:
    expected = message.replace("{tmp}", str(tmp_path))
    with pytest.raises(error) as raised:
        call(tmp_path)
    text = str(raised.value)
    if expected.endswith(": "):
        assert text.startswith(expected)
        assert len(text) > len(expected)
        assert "pickle" not in text[len(expected) :]
        assert text[len(expected) :] != "None"
    else:
        assert text == expected, f"\n{text}\n!=\n{expected}"
