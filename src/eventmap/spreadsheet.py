"""CSV cells a spreadsheet will not run: article text must never become a formula.

Quotes, sources and notes come from articles and their senders. A cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by Excel, LibreOffice and
Google Sheets as a formula (OWASP "CSV injection"), so such text cells get a leading
apostrophe, which spreadsheets display as plain text. Numbers (coordinates, fatalities)
are never changed; a text cell that was neutralised shows its apostrophe in other tools,
which is the price of opening safely by double click. The GeoJSON and GeoPackage exports
keep the text exactly.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """One cell: text starting with a formula character gets a leading apostrophe."""
    return "'" + value if _dangerous(value) else value


def _dangerous(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS_START)


def safe_for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text columns cannot start a formula; numeric columns are untouched."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        textual = series.dtype == object or pd.api.types.is_string_dtype(series.dtype)
        if textual and any(_dangerous(v) for v in series):
            values = [neutralise(v) for v in series]
            out[column] = pd.Series(values, index=out.index, dtype=series.dtype)
    return out


def to_csv(frame: pd.DataFrame, target: Any, **kwargs: Any) -> None:
    """frame.to_csv(target) with every text cell neutralised (index off unless asked)."""
    kwargs.setdefault("index", False)
    safe_for_csv(frame).to_csv(target, **kwargs)
