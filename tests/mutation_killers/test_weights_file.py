"""Mutation killers for backprop.weights_file: what Network.save writes and how.

``nox -s mutation`` runs mutmut over ``backprop/``; each test in tests/mutation_killers/
pins down behaviour that some surviving mutant changed, which the rest of the suite let
survive. Here: the loss recorded by default, integer input stored as float64,
a network without hidden layers round-tripping, lists of different lengths refused, and the
hidden temporary file beside the target that makes a save atomic.
"""

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import backprop as bp
from backprop import losses, weights_file


def test_weights_file_save_records_the_squared_error_by_default(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    weights_file.save(path, (2, 1), [np.ones((1, 2))], [np.zeros((1, 1))])
    sizes, weights, _biases, loss = weights_file.load(path)
    assert loss is losses.SQUARED_ERROR
    assert sizes == (2, 1)
    np.testing.assert_array_equal(weights[0], np.ones((1, 2)))


def test_weights_file_save_stores_integer_input_as_float64(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    weights_file.save(path, (2, 1), [[[1, 2]]], [[[3]]])
    _sizes, weights, biases, _ = weights_file.load(path)
    assert weights[0].dtype == np.float64
    assert biases[0].dtype == np.float64
    np.testing.assert_array_equal(weights[0], [[1.0, 2.0]])


def test_a_network_without_hidden_layers_round_trips(tmp_path: Path) -> None:
    net = bp.Network([2, 1], seed=0)
    net.save(tmp_path / "w.npz")
    loaded = bp.Network.load(tmp_path / "w.npz")
    assert loaded.layer_sizes == (2, 1)


def test_weights_file_save_refuses_lists_of_different_lengths(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="zip"):
        weights_file.save(
            tmp_path / "w.npz", (2, 2, 1), [np.ones((2, 2)), np.ones((1, 2))], [np.ones((2, 1))]
        )


def test_weights_file_save_writes_a_hidden_temporary_file_beside_the_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[Path, Path]] = []
    original = Path.replace

    def recording(self: Path, target: Any) -> Path:
        renames.append((Path(self), Path(target)))
        return original(self, target)

    monkeypatch.setattr(Path, "replace", recording)
    bp.Network([2, 1], seed=0).save(tmp_path / "w.npz")
    [(temporary, target)] = renames
    assert target == tmp_path / "w.npz"
    assert temporary.parent == tmp_path
    assert temporary.name.startswith(".w.npz.")
    assert temporary.name.endswith(".tmp")
