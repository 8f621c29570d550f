"""How fast does backprop train? Timings and ratios against baselines measured in the same run.

Run with ``nox -s bench`` (or ``python benchmarks/training_speed.py``). It prints:

1. Many networks: 10,000 networks × 10,000 epochs of 2-2-1 on XOR with
   :class:`backprop.Ensemble`, in nanoseconds per network-epoch, against two plain NumPy
   formulations of the same training written below: the straightforward one, batched ``@``
   over a leading member axis (target: ≤ 50 ns per network-epoch and ≥ 4× it), and the
   stronger einsum one, one ``np.einsum`` per layer over a trailing member axis (the ratio
   is reported; Ensemble fuses more, so it should stay above 1).
2. One network, 10,000 epochs: :meth:`backprop.Network.train` against the tutorial's plain
   NumPy loop, the formulas written inline (target: not slower); against the tutorial's
   step-by-step cells in a loop, one ``backprop`` function per equation, which is what
   ``Network.train`` runs; and, where PyTorch is installed, against PyTorch autograd on the
   same network (informative; PyTorch is never a dependency).

Each timing is the best of a few repeats, which is the least noisy estimate on a shared
machine. Nothing here asserts: timings belong in benchmarks, not in tests.
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable

import numpy as np

import backprop as bp

LEARNING_RATE = 0.1


def best_of(repeats: int, run: Callable[[], object]) -> float:
    """Return the fastest of `repeats` wall-clock timings of `run()`, in seconds."""
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return min(timings)


def straightforward_ensemble(n_networks: int, epochs: int) -> None:
    """Train n 2-2-1 networks on XOR the obvious vectorised way: batched ``@`` per member."""
    X, y = bp.xor()
    rng = np.random.default_rng(0)
    W1, b1 = rng.standard_normal((n_networks, 2, 2)), rng.standard_normal((n_networks, 2, 1))
    W2, b2 = rng.standard_normal((n_networks, 1, 2)), rng.standard_normal((n_networks, 1, 1))
    for _ in range(epochs):
        a1 = 1 / (1 + np.exp(-(W1 @ X + b1)))
        a2 = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
        d2 = (a2 - y) * a2 * (1 - a2)
        d1 = (np.swapaxes(W2, 1, 2) @ d2) * a1 * (1 - a1)
        W2 -= LEARNING_RATE * (d2 @ np.swapaxes(a1, 1, 2))
        b2 -= LEARNING_RATE * d2.sum(axis=2, keepdims=True)
        W1 -= LEARNING_RATE * (d1 @ X.T)
        b1 -= LEARNING_RATE * d1.sum(axis=2, keepdims=True)


def einsum_ensemble(n_networks: int, epochs: int) -> None:
    """Train n 2-2-1 networks with one ``np.einsum`` per layer and pass, member axis last.

    The member axis i comes last, as in ``Ensemble``, so every elementwise operation and
    every reduction runs with stride 1 over the members; with the member axis first (as in
    the batched ``@`` baseline) the same einsums measured about half as fast.
    """
    X, y = bp.xor()
    target = y[:, :, None]
    rng = np.random.default_rng(0)
    W1, b1 = rng.standard_normal((2, 2, n_networks)), rng.standard_normal((2, 1, n_networks))
    W2, b2 = rng.standard_normal((1, 2, n_networks)), rng.standard_normal((1, 1, n_networks))
    for _ in range(epochs):
        a1 = 1 / (1 + np.exp(-(np.einsum("jki,ks->jsi", W1, X) + b1)))
        a2 = 1 / (1 + np.exp(-(np.einsum("jki,ksi->jsi", W2, a1) + b2)))
        d2 = (a2 - target) * a2 * (1 - a2)
        d1 = np.einsum("kji,ksi->jsi", W2, d2) * a1 * (1 - a1)
        W2 -= LEARNING_RATE * np.einsum("jsi,ksi->jki", d2, a1)
        b2 -= LEARNING_RATE * d2.sum(axis=1, keepdims=True)
        W1 -= LEARNING_RATE * np.einsum("jsi,ks->jki", d1, X)
        b1 -= LEARNING_RATE * d1.sum(axis=1, keepdims=True)


def tutorial_loop(epochs: int) -> list[float]:
    """The plain NumPy loop a tutorial writes for one 2-2-1 network, keeping the loss curve."""
    X, y = bp.xor()
    rng = np.random.default_rng(3)
    W1, b1 = rng.standard_normal((2, 2)), rng.standard_normal((2, 1))
    W2, b2 = rng.standard_normal((1, 2)), rng.standard_normal((1, 1))
    losses = []
    for _ in range(epochs):
        a1 = 1 / (1 + np.exp(-(W1 @ X + b1)))
        a2 = 1 / (1 + np.exp(-(W2 @ a1 + b2)))
        losses.append(0.5 * float(np.sum((a2 - y) ** 2)))
        d2 = (a2 - y) * a2 * (1 - a2)
        d1 = (W2.T @ d2) * a1 * (1 - a1)
        W2 -= LEARNING_RATE * d2 @ a1.T
        b2 -= LEARNING_RATE * d2.sum(axis=1, keepdims=True)
        W1 -= LEARNING_RATE * d1 @ X.T
        b1 -= LEARNING_RATE * d1.sum(axis=1, keepdims=True)
    return losses


def tutorial_cells_loop(epochs: int) -> list[float]:
    """The tutorial's step-by-step cells repeated: one backprop function per equation."""
    X, y = bp.xor()
    network = bp.Network([2, 2, 1], seed=3)
    (W1, W2), (b1, b2) = network.weights, network.biases
    losses = []
    for _ in range(epochs):
        _, a1 = bp.forward_layer(W1, b1, X)
        _, a2 = bp.forward_layer(W2, b2, a1)
        losses.append(bp.mse(a2, y))
        delta2 = bp.output_delta(a2, y)
        delta1 = bp.hidden_delta(W2, delta2, a1)
        W2 = bp.gradient_descent_update(W2, bp.weight_gradient(delta2, a1), LEARNING_RATE)
        b2 = bp.gradient_descent_update(b2, bp.bias_gradient(delta2), LEARNING_RATE)
        W1 = bp.gradient_descent_update(W1, bp.weight_gradient(delta1, X), LEARNING_RATE)
        b1 = bp.gradient_descent_update(b1, bp.bias_gradient(delta1), LEARNING_RATE)
    return losses


def torch_loop(epochs: int) -> list[float]:
    """The same network trained by PyTorch autograd, float64, on the CPU."""
    import torch  # noqa: PLC0415 -- optional, imported only when installed

    X, y = (torch.tensor(a) for a in bp.xor())
    generator = torch.Generator().manual_seed(3)
    params = [
        torch.randn(shape, dtype=torch.float64, generator=generator, requires_grad=True)
        for shape in ((2, 2), (2, 1), (1, 2), (1, 1))
    ]
    W1, b1, W2, b2 = params
    losses = []
    for _ in range(epochs):
        a2 = torch.sigmoid(W2 @ torch.sigmoid(W1 @ X + b1) + b2)
        loss = 0.5 * ((a2 - y) ** 2).sum()
        losses.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.sub_(LEARNING_RATE * p.grad)
                p.grad = None
    return losses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--networks", type=int, default=10_000)
    parser.add_argument("--epochs", type=int, default=10_000)
    parser.add_argument(
        "--baseline-epochs",
        type=int,
        default=500,
        help="epochs for the two NumPy formulations (they are timed per network-epoch)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    X, y = bp.xor()

    print(f"1. {args.networks:,} networks × {args.epochs:,} epochs of 2-2-1 on XOR")
    ensemble = bp.Ensemble([2, 2, 1], args.networks)
    ensemble_seconds = best_of(
        1, lambda: ensemble.train(X, y, args.epochs, LEARNING_RATE, record_every=args.epochs)
    )
    network_epochs = args.networks * args.epochs
    ensemble_ns = ensemble_seconds * 1e9 / network_epochs
    baseline_seconds = best_of(
        args.repeats, lambda: straightforward_ensemble(args.networks, args.baseline_epochs)
    )
    baseline_ns = baseline_seconds * 1e9 / (args.networks * args.baseline_epochs)
    einsum_seconds = best_of(
        args.repeats, lambda: einsum_ensemble(args.networks, args.baseline_epochs)
    )
    einsum_ns = einsum_seconds * 1e9 / (args.networks * args.baseline_epochs)
    print(
        f"   Ensemble.train:              {ensemble_ns:7.1f} ns per network-epoch "
        f"({ensemble_seconds:.1f} s in all; target ≤ 50 ns)"
    )
    print(f"   straightforward batched @:   {baseline_ns:7.1f} ns per network-epoch")
    print(f"   einsum per layer:            {einsum_ns:7.1f} ns per network-epoch")
    print(f"   speed-up over batched @:     {baseline_ns / ensemble_ns:7.1f}×  (target ≥ 4×)")
    print(f"   speed-up over einsum:        {einsum_ns / ensemble_ns:7.1f}×")

    print(f"\n2. One 2-2-1 network, {args.epochs:,} epochs on XOR")
    network = best_of(
        args.repeats, lambda: bp.Network([2, 2, 1], seed=3).train(X, y, args.epochs, 0.1)
    )
    plain = best_of(args.repeats, lambda: tutorial_loop(args.epochs))
    cells = best_of(args.repeats, lambda: tutorial_cells_loop(args.epochs))
    print(f"   Network.train:               {network * 1e3:7.1f} ms")
    print(f"   tutorial's plain NumPy loop: {plain * 1e3:7.1f} ms")
    print(f"   ratio plain / Network.train: {plain / network:7.2f}  (target ≥ 1: not slower)")
    print(f"   tutorial's cells in a loop:  {cells * 1e3:7.1f} ms")
    print(f"   ratio cells / Network.train: {cells / network:7.2f}")
    if importlib.util.find_spec("torch") is None:
        print("   PyTorch autograd:            not installed (optional), skipped")
    else:
        torch_seconds = best_of(args.repeats, lambda: torch_loop(args.epochs))
        print(f"   PyTorch autograd:            {torch_seconds * 1e3:7.1f} ms")
        print(f"   ratio PyTorch / Network.train: {torch_seconds / network:5.2f}")


if __name__ == "__main__":
    main()
