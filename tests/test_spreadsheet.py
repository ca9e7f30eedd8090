"""CSV exports never hand a spreadsheet a formula (OWASP CSV injection)."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from eventmap.spreadsheet import neutralise, safe_for_csv, to_csv


@pytest.mark.parametrize("payload", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"])
def test_formula_starts_get_an_apostrophe(payload: str) -> None:
    assert neutralise(payload) == "'" + payload


@pytest.mark.parametrize("value", ["Homs", "", " =x", "a=b", 3, -4.5, None])
def test_other_values_are_unchanged(value: object) -> None:
    assert neutralise(value) == value


def test_numbers_keep_their_sign_and_text_columns_are_neutralised() -> None:
    frame = pd.DataFrame(
        {"latitude": [-33.5, 34.7], "quote": ['=HYPERLINK("http://x","y")', "fine"]}
    )
    buffer = io.StringIO()
    to_csv(frame, buffer)
    text = buffer.getvalue()
    assert "-33.5" in text
    assert "'=HYPERLINK" in text
    assert frame["quote"][0].startswith("=")  # the caller's frame is not changed
    assert safe_for_csv(frame)["quote"][1] == "fine"


def test_pandas_string_columns_with_gaps() -> None:
    frame = pd.DataFrame({"quote": pd.array(["=x", None, "ok"], dtype="string")})
    safe = safe_for_csv(frame)
    assert safe["quote"][0] == "'=x" and pd.isna(safe["quote"][1])
