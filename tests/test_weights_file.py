"""Weight files: exact round trips, atomic writes, and refusals of anything else."""

import pickle

import numpy as np
import pytest

import backprop as bp
from backprop import weights_file


def _write_npz(path, **arrays):
    with path.open("wb") as stream:
        np.savez(stream, **arrays)


def _valid_arrays(network):
    arrays = {
        "format": np.array(weights_file.FORMAT),
        "layer_sizes": np.array(network.layer_sizes),
    }
    for i, (W, b) in enumerate(zip(network.weights, network.biases, strict=True), start=1):
        arrays[f"W{i}"], arrays[f"b{i}"] = W, b
    return arrays


@pytest.mark.parametrize("sizes", [[2, 2, 1], [3, 4, 2], [2, 3, 3, 1]])
def test_save_then_load_is_an_exact_round_trip(tmp_path, sizes):
    net = bp.Network(sizes, seed=9)
    net.train(np.ones((sizes[0], 3)), np.zeros((sizes[-1], 3)), epochs=3, learning_rate=0.1)
    path = tmp_path / "net.npz"
    net.save(path)
    loaded = bp.Network.load(path)
    assert loaded.layer_sizes == net.layer_sizes
    for p, q in zip(net.weights + net.biases, loaded.weights + loaded.biases, strict=True):
        assert p.dtype == q.dtype == np.float64
        assert p.tobytes() == q.tobytes()


def test_save_writes_exactly_the_given_path_and_leaves_no_temporary_file(tmp_path, network):
    network.save(tmp_path / "weights")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["weights"]


def test_save_accepts_a_string_path(tmp_path, network):
    network.save(str(tmp_path / "w.npz"))
    assert bp.Network.load(str(tmp_path / "w.npz")).layer_sizes == (2, 2, 1)


def test_a_failed_save_leaves_the_old_file_intact_and_no_temporary_file(
    tmp_path, network, monkeypatch
):
    path = tmp_path / "net.npz"
    network.save(path)
    original = path.read_bytes()

    def broken_savez(*_args, **_kwargs):
        msg = "disk full"
        raise OSError(msg)

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError, match="disk full"):
        bp.Network([2, 2, 1], seed=1).save(path)
    assert path.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.npz"]


def test_save_into_a_missing_folder_raises_file_not_found(tmp_path, network):
    with pytest.raises(FileNotFoundError):
        network.save(tmp_path / "missing" / "net.npz")


def test_load_of_a_missing_file_raises_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError, match="no weights file at"):
        bp.Network.load(tmp_path / "nope.npz")


def test_load_refuses_another_architecture_than_expected(tmp_path, network):
    network.save(tmp_path / "net.npz")
    with pytest.raises(
        ValueError, match=r"layer sizes \[2, 2, 1\], but layer sizes \[2, 3, 1\] were expected"
    ):
        bp.Network.load(tmp_path / "net.npz", layer_sizes=[2, 3, 1])
    assert bp.Network.load(tmp_path / "net.npz", layer_sizes=(2, 2, 1)).layer_sizes == (2, 2, 1)


def test_load_refuses_a_corrupt_file(tmp_path, network):
    path = tmp_path / "net.npz"
    network.save(path)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(ValueError, match="not a readable backprop weights file"):
        bp.Network.load(path)


def test_load_refuses_random_bytes(tmp_path):
    path = tmp_path / "noise.npz"
    path.write_bytes(np.random.default_rng(0).bytes(512))
    with pytest.raises(ValueError, match="not a readable backprop weights file"):
        bp.Network.load(path)


def test_load_refuses_a_pickle_and_never_unpickles_it(tmp_path):
    path = tmp_path / "evil.npz"
    path.write_bytes(pickle.dumps({"W1": [[1.0]]}))
    with pytest.raises(ValueError, match="allow_pickle=False"):
        bp.Network.load(path)


def test_load_refuses_an_archive_holding_pickled_objects(tmp_path, network):
    arrays = _valid_arrays(network)
    arrays["W1"] = np.array([{"payload": 1}, None], dtype=object)
    _write_npz(tmp_path / "objects.npz", **arrays)
    with pytest.raises(ValueError, match="allow_pickle=False"):
        bp.Network.load(tmp_path / "objects.npz")


def test_load_refuses_a_single_npy_array(tmp_path):
    path = tmp_path / "array.npy"
    np.save(path, np.zeros((2, 2)))
    with pytest.raises(ValueError, match=r"single array, not an \.npz archive"):
        bp.Network.load(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": np.array("something else")}, "expected format 'backprop-derived weights v1'"),
        ({"format": None}, "no 'format' entry"),
        ({"layer_sizes": np.array([2.0, 2.0, 1.0])}, "'layer_sizes' must be a list"),
        ({"layer_sizes": np.array([2, 0, 1])}, "'layer_sizes' must be a list"),
        ({"layer_sizes": np.array([2, 3, 1])}, r"W1 should be float64 of shape \(3, 2\)"),
        ({"W1": np.zeros((2, 2), dtype=np.float32)}, r"found float32 of shape \(2, 2\)"),
        ({"b2": np.array([[np.nan]])}, "b2 holds NaN or infinite entries"),
        ({"W2": None}, r"expected entries \['W1', 'W2', 'b1', 'b2', 'format', 'layer_sizes'\]"),
        ({"W3": np.zeros((1, 1))}, r"found \['W1', 'W2', 'W3'"),
    ],
)
def test_load_refuses_files_that_are_not_consistent_weights(tmp_path, network, change, message):
    arrays = _valid_arrays(network)
    for name, value in change.items():
        if value is None:
            del arrays[name]
        else:
            arrays[name] = value
    _write_npz(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ValueError, match=message):
        bp.Network.load(tmp_path / "bad.npz")
