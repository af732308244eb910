"""The value semantics the node descriptions promise, written out in plain Python.

These are the decisions the suite encodes once, where Polars' own defaults differ by design:
- order (sort, min, max, comparisons): NaN is larger than every other number and equal to itself;
  -0.0 equals 0.0; text compares by code point (UTF-8 byte order); nulls are placed by the setting.
- comparisons with null are not true: a filter never keeps a null, except is_null.
- numbers given as text compare exactly: a value is never rounded to the column's type.
"""
from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from functools import cmp_to_key

import polars as pl

EXACT_NUMBERS = (pl.Int8, pl.Int16, pl.Int32, pl.Int64, pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)


def is_nan(value) -> bool:
    return isinstance(value, float) and math.isnan(value)


def compare_values(a, b) -> int:
    """-1, 0 or 1: the order of two non-null values of one column (NaN the largest number)."""
    if is_nan(a) or is_nan(b):
        return (1 if is_nan(a) else 0) - (1 if is_nan(b) else 0)
    if isinstance(a, (int, float, Decimal)) and not isinstance(a, bool):
        a, b = Decimal(a) if not isinstance(a, float) else a, Decimal(b) if not isinstance(b, float) else b
    return (a > b) - (a < b)


def text(value, dtype) -> str:
    """A value as the text DuckDB casts it to (for the types the suite casts)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse(value: str, dtype):
    """The exact value a filter's text stands for, against a column of dtype."""
    if dtype == pl.Float64 or dtype == pl.Float32:
        return float(value)
    if dtype in EXACT_NUMBERS or isinstance(dtype, pl.Decimal):
        return Decimal(value)
    if dtype == pl.Date:
        return dt.date.fromisoformat(value)
    if isinstance(dtype, pl.Datetime):
        return dt.datetime.fromisoformat(value)
    if dtype == pl.Boolean:
        return value.lower() == "true"
    return value


def sort_rows(rows: list[dict], keys: list[tuple[str, bool, bool]]) -> list[dict]:
    """rows sorted by keys of (column, descending, nulls_first); ties keep their order (stable)."""
    def order(a: dict, b: dict) -> int:
        for column, descending, nulls_first in keys:
            x, y = a[column], b[column]
            if x is None or y is None:
                if x is None and y is None:
                    continue
                return (-1 if x is None else 1) * (1 if nulls_first else -1)
            result = compare_values(x, y)
            if result:
                return -result if descending else result
        return 0
    return sorted(rows, key=cmp_to_key(order))


def frame(rows: list[dict], schema) -> pl.DataFrame:
    """A frame of plain rows with an exact schema."""
    return columns_frame({name: ([row[name] for row in rows], dtype) for name, dtype in dict(schema).items()})


def columns_frame(columns: dict[str, tuple[list, pl.DataType]]) -> pl.DataFrame:
    """A frame of named (values, type) columns; integers bound for a DECIMAL column become decimals
    (Polars would build the column as Int64 from the first value and refuse a larger one)."""
    data = {}
    for name, (values, dtype) in columns.items():
        if isinstance(dtype, pl.Decimal):
            values = [None if v is None else Decimal(v) for v in values]
        data[name] = pl.Series(name, values, dtype=dtype)
    return pl.DataFrame(data)


def exact_sum(values: list) -> int | Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, start=type(present[0])(0)) if present else None


def integer_sum_type(total_values: list) -> pl.DataType:
    """An integer sum is written BIGINT when every value fits, else DECIMAL(38,0)."""
    fits = all(v is None or -(2**63) <= v < 2**63 for v in total_values)
    return pl.Int64 if fits else pl.Decimal(38, 0)


def column_values(df: pl.DataFrame, column: str) -> list:
    return df.get_column(column).to_list()
