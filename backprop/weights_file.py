"""Weight files: ``.npz`` archives of plain float64 arrays, never pickle.

A file holds ``format`` (the string ``"backprop-derived weights v1"``), ``layer_sizes``,
``loss`` (the name of the loss the network is trained on; files written before it existed
lack it and mean ``"squared_error"``), and ``W1`` … ``WL``, ``b1`` … ``bL``. It is written to a temporary file beside the target
and renamed over it, so a crash never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from backprop.losses import LOSSES, SQUARED_ERROR, Loss

__all__ = ["FORMAT", "load", "save"]

FORMAT = "backprop-derived weights v1"

Array = NDArray[np.float64]


def save(
    path: str | os.PathLike[str],
    layer_sizes: Sequence[int],
    weights: Sequence[Array],
    biases: Sequence[Array],
    loss: str = "squared_error",
) -> None:
    """Write a weights file atomically.

    Parameters
    ----------
    path : str or path-like
        The file to write; its folder must exist. Written exactly at this path (no
        ``.npz`` is appended).
    layer_sizes : sequence of int
        The architecture.
    weights, biases : sequence of ndarray
        W⁽¹⁾ … W⁽ᴸ⁾ and b⁽¹⁾ … b⁽ᴸ⁾.
    loss : str, optional
        The loss's name, a key of :data:`backprop.losses.LOSSES`.
    """
    target = Path(path)
    arrays: dict[str, NDArray[np.generic]] = {
        "format": np.array(FORMAT),
        "layer_sizes": np.array(layer_sizes, dtype=np.int64),
        "loss": np.array(loss),
    }
    for layer, (W, b) in enumerate(zip(weights, biases, strict=True), start=1):
        arrays[f"W{layer}"] = np.asarray(W, dtype=np.float64)
        arrays[f"b{layer}"] = np.asarray(b, dtype=np.float64)
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(descriptor, "wb") as stream:
            np.savez(stream, allow_pickle=False, **arrays)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load(
    path: str | os.PathLike[str], layer_sizes: tuple[int, ...] | None = None
) -> tuple[tuple[int, ...], list[Array], list[Array], Loss]:
    """Read and check a weights file: everything in it, once.

    Parameters
    ----------
    path : str or path-like
        A file written by :func:`save`.
    layer_sizes : tuple of int, optional
        The architecture the caller expects.

    Returns
    -------
    layer_sizes : tuple of int
    weights, biases : list of ndarray
        W⁽¹⁾ … W⁽ᴸ⁾ and b⁽¹⁾ … b⁽ᴸ⁾, float64, finite, of the shapes `layer_sizes` gives.
    loss : Loss
        The :class:`~backprop.losses.Loss` the file names (the squared error for files
        written before the loss was stored).

    Raises
    ------
    FileNotFoundError
        If there is no file at `path`.
    ValueError
        If the file is not a weights file of this format, is corrupt, holds pickled
        objects, is internally inconsistent, or holds another architecture than
        `layer_sizes`.
    """
    source = Path(path)
    if not source.is_file():
        msg = f"no weights file at {str(source)!r}"
        raise FileNotFoundError(msg)
    try:
        with source.open("rb") as stream:
            archive = np.load(stream, allow_pickle=False)
            if not isinstance(archive, np.lib.npyio.NpzFile):
                msg = (
                    f"{str(source)!r} is not a backprop weights file: it holds a single "
                    "array, not an .npz archive of weights"
                )
                raise _Refused(msg)
            with archive:
                arrays = {name: archive[name] for name in archive.files}
    except _Refused as error:
        raise ValueError(str(error)) from None
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, KeyError) as error:
        reason = (
            "it holds pickled Python objects, which are never loaded (allow_pickle=False)"
            if "pickle" in str(error)
            else str(error)
        )
        msg = (
            f"{str(source)!r} is not a readable backprop weights file (an .npz archive of "
            f"float64 arrays written by Network.save): {reason}"
        )
        raise ValueError(msg) from error
    return _parse(str(source), arrays, layer_sizes)


class _Refused(Exception):
    """A readable file that is not a weights archive."""


def _parse(
    source: str, arrays: dict[str, NDArray[np.generic]], expected: tuple[int, ...] | None
) -> tuple[tuple[int, ...], list[Array], list[Array], Loss]:
    def refuse(reason: str) -> ValueError:
        return ValueError(f"{source!r} is not a valid backprop weights file: {reason}")

    if "format" not in arrays or arrays["format"].shape != () or str(arrays["format"]) != FORMAT:
        found = str(arrays["format"]) if "format" in arrays else "no 'format' entry"
        msg = f"expected format {FORMAT!r}, found {found}"
        raise refuse(msg)
    sizes_array = arrays.get("layer_sizes")
    if (
        sizes_array is None
        or sizes_array.ndim != 1
        or sizes_array.size < 2
        or not np.issubdtype(sizes_array.dtype, np.integer)
        or bool(np.any(sizes_array.astype(np.int64) < 1))
    ):
        msg = "'layer_sizes' must be a list of at least two positive integers"
        raise refuse(msg)
    sizes = tuple(int(n) for n in sizes_array)
    n_layers = len(sizes) - 1
    loss_name = str(arrays["loss"]) if "loss" in arrays else SQUARED_ERROR.name
    if "loss" in arrays and (arrays["loss"].shape != () or loss_name not in LOSSES):
        msg = f"'loss' must be one of {list(LOSSES)}, found {loss_name!r}"
        raise refuse(msg)
    names = {"format", "layer_sizes"} | {f"{p}{i}" for p in "Wb" for i in range(1, n_layers + 1)}
    if set(arrays) - {"loss"} != names:
        msg = (
            f"for layer sizes {list(sizes)} expected entries {sorted(names)}, "
            f"found {sorted(arrays)}"
        )
        raise refuse(msg)
    weights: list[Array] = []
    biases: list[Array] = []
    for layer in range(1, n_layers + 1):
        n_in, n_out = sizes[layer - 1], sizes[layer]
        for name, shape, store in (
            (f"W{layer}", (n_out, n_in), weights),
            (f"b{layer}", (n_out, 1), biases),
        ):
            array = arrays[name]
            if array.shape != shape or array.dtype != np.float64:
                msg = (
                    f"{name} should be float64 of shape {shape} for layer sizes "
                    f"{list(sizes)}, found {array.dtype} of shape {array.shape}"
                )
                raise refuse(msg)
            if not np.isfinite(array).all():
                msg = f"{name} holds NaN or infinite entries"
                raise refuse(msg)
            store.append(array.astype(np.float64))
    if expected is not None and sizes != expected:
        msg = (
            f"{source!r} holds a network of layer sizes {list(sizes)}, "
            f"but layer sizes {list(expected)} were expected"
        )
        raise ValueError(msg)
    return sizes, weights, biases, LOSSES[loss_name]
