"""Cases, the flow document each case runs as, and the value-for-value comparison of results."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import polars as pl

Expected = Callable[[dict[str, pl.DataFrame]], pl.DataFrame]


@dataclass
class Case:
    """One node with one set of settings over named tables, and what it must give.

    inputs maps the node's input ports (main#2 for a second edge into main) to tables (each read by a read_parquet node); a source node
    (a reader, manual_input) has none. The engine writes the node's main output with a write_parquet
    node to ${out}/<name>.parquet; a writer writes its own file there (result names the extension)
    and read_result reads it back. expected gets the input tables by port and answers the exact
    result, types included; error instead names text the run's error must contain. Where a node
    promises a property rather than one answer (a random sample), check tells what is wrong with the
    result, and repeatable asks every configuration for the same rows.
    """
    name: str
    type: str
    settings: dict
    inputs: dict[str, str] = field(default_factory=dict)
    expected: Expected | None = None
    ordered: bool = True
    result: str = "parquet"
    read_result: Callable[[str], pl.DataFrame] | None = None
    tolerance: float = 1e-9
    error: str | None = None
    check: Callable[[dict[str, pl.DataFrame], pl.DataFrame], str | None] | None = None
    repeatable: bool = False

    def flow(self) -> dict:
        nodes, edges = [], []
        for key, table in self.inputs.items():
            port = key.split("#")[0]  # main#2: a second edge into the port main
            source = "in_" + key.replace("#", "_")
            nodes.append({"id": source, "type": "read_parquet", "settings": {"path": f"tables/{table}.parquet"}})
            edges.append({"from": source, "to": "node" if port == "main" else f"node.{port}"})
        nodes.append({"id": "node", "type": self.type, "settings": self.settings})
        if self.result == "parquet":  # "none": a writer expected to refuse
            nodes.append({"id": "out", "type": "write_parquet", "settings": {"path": f"${{out}}/{self.name}.parquet"}})
            edges.append({"from": "node", "to": "out"})
        return {"flowfile": 1, "name": self.name, "parameters": {"out": "results"}, "nodes": nodes, "edges": edges}


def _same(a, b, tolerance: float) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or math.isclose(a, b, rel_tol=tolerance, abs_tol=1e-12)
    return a == b


def _sort_key(row: tuple) -> tuple:
    key = []
    for value in row:
        if value is None:
            key.append((0, 0, ""))
        elif isinstance(value, float):
            key.append((1, 1, 0.0) if math.isnan(value) else (1, 0, float(f"{value:.9g}")))
        elif isinstance(value, bool):
            key.append((1, 0, int(value)))
        else:
            key.append((1, 0, value))
    return tuple(key)


def compare(expected: pl.DataFrame, actual: pl.DataFrame, ordered: bool, tolerance: float) -> str | None:
    """None when actual equals expected value for value (types included), else what differs first."""
    if expected.schema != actual.schema:
        return f"columns differ: expected {dict(expected.schema)}, got {dict(actual.schema)}"
    if expected.height != actual.height:
        return f"expected {expected.height} rows, got {actual.height}"
    expected_rows, actual_rows = expected.rows(), actual.rows()
    if not ordered:
        expected_rows, actual_rows = sorted(expected_rows, key=_sort_key), sorted(actual_rows, key=_sort_key)
    for index, (want, got) in enumerate(zip(expected_rows, actual_rows)):
        for column, a, b in zip(expected.columns, want, got):
            if not _same(a, b, tolerance):
                where = f"row {index}" if ordered else f"row {index} of the sorted rows"
                return f"{where}, column {column}: expected {a!r}, got {b!r} (expected row {want!r}, got {got!r})"
    return None
