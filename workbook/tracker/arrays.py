"""Small vectorised helpers shared by the store and the CSV reader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

Ints = npt.NDArray[np.int64]
Objects = npt.NDArray[np.object_]


def objects(values: Sequence[object]) -> Objects:
    """A one-dimensional object array, whatever the values are (tuples stay whole)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def number(*keys: npt.NDArray[Any]) -> tuple[Ints, Ints]:
    """Number the distinct combinations of `keys` (equal-length arrays) in order of first
    appearance: returns the number of each row, and the first row of each number."""
    combined = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(key, use_na_sentinel=False)
        combined = np.asarray(pd.factorize(combined * (len(uniques) + 1) + codes)[0])
    first = np.zeros(int(combined.max(initial=-1)) + 1, dtype=np.int64)
    first[combined[::-1]] = np.arange(len(combined) - 1, -1, -1)
    return combined.astype(np.int64), first
