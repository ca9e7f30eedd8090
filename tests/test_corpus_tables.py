"""Corpus table types: rows straight to Arrow give what the pandas path gives."""

import datetime as dt
import itertools
import math

import numpy as np
import pandas as pd
import pytest

from eventmap.corpus.tables import rows_to_arrow, to_arrow

COLUMNS = ("fatalities", "latitude", "verified", "minhash", "notes", "wounded")

# Values each column may hold: its plain type, None, missing, and the odd ones the pandas
# path coerces (numeric strings, numpy scalars, dates, ints in a string column, NaN).
VALUES = {
    "fatalities": [3, 0, None, "7", np.int64(2), 2**60, True, 1.5],
    "latitude": [36.2, -0.0, math.nan, None, 4, np.float64(1.25)],
    "verified": [True, False, None, 1],
    "minhash": [b"\x00\x01", None, bytearray(b"x")],
    "notes": ["a", None, 3, dt.date(2024, 1, 2), math.nan],
    "wounded": [3, None, "2", 2**60],
}


def _reference(rows: list[dict]) -> object:
    return to_arrow(pd.DataFrame(rows, columns=list(COLUMNS)), COLUMNS)


@pytest.mark.parametrize("column", COLUMNS)
def test_every_mix_of_values_gives_the_pandas_table(column: str) -> None:
    values = VALUES[column]
    for k in (1, 2, 3):
        for combo in itertools.combinations([*values, "<missing>"], k):
            rows = [{} if v == "<missing>" else {column: v} for v in combo]
            try:
                expected = _reference(rows)
            except Exception:  # the pandas path refuses it: so must we
                with pytest.raises(Exception):  # noqa: B017
                    rows_to_arrow(rows, COLUMNS)
                continue
            assert rows_to_arrow(rows, COLUMNS).equals(expected), combo


def test_plain_rows_and_no_rows() -> None:
    rows = [
        {"fatalities": 2, "latitude": 1.5, "verified": True, "minhash": b"ab", "notes": "x"},
        {"fatalities": None, "wounded": 4},
    ]
    assert rows_to_arrow(rows, COLUMNS).equals(_reference(rows))
    assert rows_to_arrow([], COLUMNS).equals(_reference([]))
