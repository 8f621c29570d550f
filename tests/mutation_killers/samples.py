"""The noisy samples that the mutation-killing tests train on, and diverge on at huge rates.

Shared by the ensemble tests and the table of exact error messages; seeded, so every mutant
sees the same numbers.
"""

import numpy as np


def _noisy(samples: int = 50) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.standard_normal((2, samples)), rng.random((1, samples))


def _noisy_binary() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 1000))
    return X, (rng.random((1, 1000)) > 0.5).astype(float)
