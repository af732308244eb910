"""Cases of the nodes that combine rows: group_by, pivot, unpivot, window, join."""
from __future__ import annotations

import math
import statistics
from decimal import Decimal

import polars as pl

from framework import Case
from semantics import columns_frame, compare_values, exact_sum, frame, integer_sum_type, is_nan, sort_rows, text

INTEGERS = {"i": pl.Int64, "k2": pl.Int32, "big": pl.Int64}
DIGITS = {pl.Int32: 10, pl.Int64: 19}


def _present(values):
    return [v for v in values if v is not None]


def _float_sum(values):
    present = _present(values)
    if not present:
        return None
    return math.fsum(present) if not any(is_nan(v) or math.isinf(v) for v in present) else sum(present)


def _ordered(values):
    return sorted(_present(values), key=lambda v: (is_nan(v), 0 if is_nan(v) else v))


def _median(values, dtype):
    present = _ordered(values)
    if not present:
        return None
    middle = len(present) // 2
    if dtype == pl.Float64:
        return present[middle] if len(present) % 2 else (present[middle - 1] + present[middle]) / 2
    low, high = Decimal(present[(len(present) - 1) // 2]), Decimal(present[middle])
    return (low + high) / 2


def _median_type(dtype):
    if dtype == pl.Float64:
        return pl.Float64
    if isinstance(dtype, pl.Decimal):
        return pl.Decimal(dtype.precision + 1, dtype.scale + 1)
    return pl.Decimal(DIGITS[dtype] + 1, 1)


def _spread(values, squared: bool):
    present = _present(values)
    if len(present) < 2:
        return None
    floats = [float(v) for v in present]
    if any(math.isnan(v) for v in floats):
        return math.nan
    variance = statistics.variance(floats)
    return variance if squared else math.sqrt(variance)


def _distinct(values):
    return len({("nan",) if is_nan(v) else (0.0 if v == 0 and isinstance(v, float) else v,) for v in _present(values)})


def aggregate(function: str, values: list, dtype, separator: str = ","):
    """One aggregate of a group's values (in input order) as the node promises it."""
    match function:
        case "sum":
            return _float_sum(values) if dtype == pl.Float64 else exact_sum(values)
        case "min" | "max":
            present = _ordered(values)
            return (present[0] if function == "min" else present[-1]) if present else None
        case "mean":
            present = _present(values)
            if not present:
                return None
            if dtype == pl.Float64:
                total = _float_sum(present)
                return total / len(present)
            return float(Decimal(sum(Decimal(v) for v in present)) / len(present))
        case "median":
            return _median(values, dtype)
        case "count":
            return len(_present(values))
        case "count_distinct":
            return _distinct(values)
        case "first":
            return values[0] if values else None
        case "last":
            return values[-1] if values else None
        case "std" | "var":
            return _spread(values, function == "var")
        case "concat":
            present = _present(values)
            return separator.join(text(v, dtype) for v in present) if present else None


def aggregate_type(function: str, dtype, results: list):
    match function:
        case "sum":
            if dtype == pl.Float64:
                return pl.Float64
            if isinstance(dtype, pl.Decimal):
                return pl.Decimal(38, dtype.scale)
            return integer_sum_type(results)
        case "mean" | "std" | "var":
            return pl.Float64
        case "median":
            return _median_type(dtype)
        case "count" | "count_distinct":
            return pl.Int64
        case "concat":
            return pl.String
    return dtype


def _groups(rows: list[dict], keys: list[str]) -> dict:
    groups: dict = {}
    for row in rows:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    return groups


def group_by_expected(df: pl.DataFrame, keys: list[str], aggregations: list[dict]) -> pl.DataFrame:
    rows = list(df.iter_rows(named=True))
    groups = _groups(rows, keys)
    if not keys and not groups:
        groups = {(): []}
    columns = {k: ([g[i] for g in groups], df.schema[k]) for i, k in enumerate(keys)}
    for entry in aggregations:
        column, function = entry["column"], entry["function"]
        dtype = df.schema[column]
        results = [aggregate(function, [r[column] for r in members], dtype, entry.get("separator", ","))
                   for members in groups.values()]
        out_type = aggregate_type(function, dtype, results)
        if isinstance(out_type, pl.Decimal):
            results = [None if v is None else Decimal(v).quantize(Decimal(1).scaleb(-out_type.scale)) for v in results]
        columns[entry.get("alias") or f"{column}_{function}"] = (results, out_type)
    return columns_frame(columns)


NUMERIC = ["i", "k2", "big", "f", "d2", "d4"]
ANY = ["i", "f", "d2", "dt", "ts", "k", "s", "b"]
FUNCTIONS = {"sum": NUMERIC, "mean": NUMERIC, "median": NUMERIC, "std": NUMERIC, "var": NUMERIC,
             "min": ANY + ["big"], "max": ANY + ["big"], "count": ANY, "count_distinct": ANY, "first": ANY, "last": ANY,
             "concat": ["s", "k", "i", "dt"]}
GROUPINGS = [[], ["k"], ["k", "k2"]]


def group_by_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    cases = []
    number = 0
    for function, columns in FUNCTIONS.items():
        for column in columns:
            keys = GROUPINGS[number % len(GROUPINGS)]
            number += 1
            aggregation = {"column": column, "function": function} | ({"separator": " | "} if function == "concat" else {})
            settings = {"group_by": keys, "aggregations": [aggregation]}
            cases.append(Case(f"group_by_{function}_{column}_{len(keys)}", "group_by", settings, {"main": "main"},
                              lambda t, k=keys, a=aggregation: group_by_expected(t["main"], k, [a]), ordered=False))
    for function in ("first", "last", "concat"):
        for column in ("id", "s"):
            aggregation = {"column": column, "function": function}
            settings = {"group_by": ["k"], "aggregations": [aggregation]}
            cases.append(Case(f"group_by_{function}_{column}_long", "group_by", settings, {"main": "long"},
                              lambda t, a=aggregation: group_by_expected(t["main"], ["k"], [a]), ordered=False))
    for keys in GROUPINGS:
        aggregations = [{"column": c, "function": f} for f, cs in FUNCTIONS.items() for c in cs[:2]]
        for table in ("empty", "one"):
            cases.append(Case(f"group_by_all_{len(keys)}_{table}", "group_by", {"group_by": keys, "aggregations": aggregations},
                              {"main": table}, lambda t, k=keys, a=aggregations: group_by_expected(t["main"], k, a),
                              ordered=False))
    return cases


PIVOT_TYPES = {"sum": None, "min": "same", "max": "same", "mean": pl.Float64, "count": pl.Int64, "first": "same",
               "concat": pl.String}


def pivot_expected(df, index, pivot_column, value_column, aggregation, values, separator=","):
    rows = list(df.iter_rows(named=True))
    groups = _groups(rows, index) or ({(): []} if not index else {})
    dtype = df.schema[value_column]
    columns = {k: ([g[i] for g in groups], df.schema[k]) for i, k in enumerate(index)}
    for value in values:
        cells = []
        for members in groups.values():
            matching = [r[value_column] for r in members if r[pivot_column] is not None and text(r[pivot_column], None) == value]
            cells.append(aggregate(aggregation, matching, dtype, separator) if matching or aggregation == "count" else None)
        out_type = aggregate_type(aggregation, dtype, cells)
        if aggregation == "count":
            cells = [c if c is not None else 0 for c in cells]
        columns[value] = (cells, out_type)
    return columns_frame(columns)


def pivot_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    cases = []
    for aggregation in PIVOT_TYPES:
        for value_column in ("i", "d2", "s") if aggregation in ("first", "concat", "count", "min", "max") else ("i", "d2", "big"):
            for index in ([], ["k"]):
                for table in ("main", "long"):
                    values = ["1", "2", "3", "7"]
                    settings = {"index": index, "pivot_column": "k2", "value_column": value_column,
                                "aggregation": aggregation, "values": values} | (
                        {"separator": " / "} if aggregation == "concat" and table == "long" else {})
                    cases.append(Case(f"pivot_{aggregation}_{value_column}_{len(index)}_{table}", "pivot", settings,
                                      {"main": table},
                                      lambda t, s=settings: pivot_expected(t["main"], s["index"], "k2", s["value_column"],
                                                                           s["aggregation"], s["values"], s.get("separator", ",")),
                                      ordered=False))
    return cases


def unpivot_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    def expected(df, index, columns, dtype):
        rows = []
        for row in df.iter_rows(named=True):
            for column in columns:
                rows.append({**{k: row[k] for k in index}, "variable": column, "value": row[column]})
        return frame(rows, {**{k: df.schema[k] for k in index}, "variable": pl.String, "value": dtype})

    variants = [(["id", "k"], ["i", "big"], pl.Int64), (["id"], ["k", "s"], pl.String), (["id"], ["dt"], pl.Date),
                (["id", "b"], ["d2"], pl.Decimal(12, 2)), (["id"], ["i", "k2"], pl.Int64), (["id"], ["f"], pl.Float64)]
    cases = []
    for number, (index, columns, dtype) in enumerate(variants):
        for table in ("main", "empty"):
            cases.append(Case(f"unpivot_{number}_{table}", "unpivot", {"index": index, "columns": columns}, {"main": table},
                              lambda t, i=index, c=columns, d=dtype: expected(t["main"], i, c, d), ordered=False))
    cases.append(Case("unpivot_names", "unpivot", {"index": ["id"], "columns": ["i", "big"], "variable_name": "which",
                                                   "value_name": "amount"}, {"main": "main"},
                      lambda t: expected(t["main"], ["id"], ["i", "big"], pl.Int64).rename({"variable": "which", "value": "amount"}),
                      ordered=False))
    return cases


def window_expected(df, partition_by, order_by, functions):
    rows = list(df.iter_rows(named=True))
    results = {id(row): {} for row in rows}
    for members in _groups(rows, partition_by).values():
        ordered = sort_rows(members, [(k["column"], k.get("direction") == "desc", False) for k in order_by])
        order_key = [tuple(r[k["column"]] for k in order_by) for r in ordered]
        for spec in functions:
            function, column, name = spec["function"], spec.get("column"), spec["alias"]
            rank = dense = 0
            for position, row in enumerate(ordered):
                values = [r[column] for r in ordered[:position + 1]] if column else None
                if function == "cumulative_sum":
                    value = aggregate("sum", values, df.schema[column])
                elif function == "cumulative_count":
                    value = len(_present(values)) if column else position + 1
                elif function in ("cumulative_min", "cumulative_max"):
                    value = aggregate(function[11:], values, df.schema[column])
                elif function in ("rolling_mean", "rolling_sum"):
                    window = values[max(0, len(values) - spec["size"]):]
                    value = aggregate("mean" if function == "rolling_mean" else "sum", window, df.schema[column])
                elif function == "row_number":
                    value = position + 1
                elif function in ("rank", "dense_rank"):
                    if position == 0 or not all(compare_values(a, b) == 0 if a is not None and b is not None else a is b
                                                for a, b in zip(order_key[position], order_key[position - 1])):
                        rank, dense = position + 1, dense + 1
                    value = rank if function == "rank" else dense
                else:
                    step = spec.get("offset", 1) * (1 if function == "lead" else -1)
                    other = position + step
                    value = ordered[other][column] if 0 <= other < len(ordered) else None
                results[id(row)][name] = value
    schema = dict(df.schema)
    for spec in functions:
        function, column = spec["function"], spec.get("column")
        produced = [results[id(r)][spec["alias"]] for r in rows]
        if function in ("cumulative_sum", "rolling_sum"):
            schema[spec["alias"]] = aggregate_type("sum", df.schema[column], produced)
        elif function == "rolling_mean":
            schema[spec["alias"]] = pl.Float64
        elif function in ("cumulative_count", "row_number", "rank", "dense_rank"):
            schema[spec["alias"]] = pl.Int64
        else:
            schema[spec["alias"]] = df.schema[column]
    return frame([{**row, **results[id(row)]} for row in rows], schema)


def window_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    function_sets = [
        [{"function": "cumulative_sum", "column": "i"}, {"function": "cumulative_count", "column": "i"},
         {"function": "cumulative_count"}, {"function": "row_number"}],
        [{"function": "cumulative_min", "column": "f"}, {"function": "cumulative_max", "column": "d2"},
         {"function": "cumulative_sum", "column": "d4"}],
        [{"function": "rolling_mean", "column": "i", "size": 3}, {"function": "rolling_sum", "column": "k2", "size": 2},
         {"function": "rolling_sum", "column": "f", "size": 4}],
        [{"function": "lag", "column": "s"}, {"function": "lead", "column": "dt", "offset": 2},
         {"function": "lag", "column": "ts", "offset": 3}],
        [{"function": "cumulative_sum", "column": "big"}, {"function": "cumulative_max", "column": "k"}],
    ]
    orders = [[{"column": "id"}], [{"column": "f", "direction": "desc"}, {"column": "id"}], [{"column": "dt"}, {"column": "id"}]]
    cases = []
    for number, functions in enumerate(function_sets):
        for alias_number, spec in enumerate(functions):
            spec["alias"] = f"w{alias_number}"
        for order_number, order_by in enumerate(orders):
            for partition_by in ([], ["k"]):
                settings = {"partition_by": partition_by, "order_by": order_by, "functions": functions}
                cases.append(Case(f"window_{number}_{order_number}_{len(partition_by)}", "window", settings, {"main": "main"},
                                  lambda t, s=settings: window_expected(t["main"], s["partition_by"], s["order_by"],
                                                                        s["functions"]), ordered=False))
    ranks = [{"function": "rank", "alias": "r"}, {"function": "dense_rank", "alias": "d"}, {"function": "row_number", "alias": "n"}]
    for order_by in ([{"column": "k2"}], [{"column": "k", "direction": "desc"}, {"column": "b"}]):
        for partition_by in ([], ["b"]):
            settings = {"partition_by": partition_by, "order_by": order_by, "functions": ranks}
            # row_number among ties is not defined by the order: checked only where the keys are unique
            functions = ranks[:2]
            cases.append(Case(f"window_rank_{order_by[0]['column']}_{len(partition_by)}", "window",
                              settings | {"functions": functions}, {"main": "main"},
                              lambda t, s=settings, f=functions: window_expected(t["main"], s["partition_by"], s["order_by"], f),
                              ordered=False))
    return cases


def join_expected(left, right, how, keys, left_suffix="", right_suffix="_right"):
    left_rows, right_rows = list(left.iter_rows(named=True)), list(right.iter_rows(named=True))
    same_name = {l for l, r in keys if l == r}
    if how in ("semi", "anti"):
        def matched(row):
            return any(all(row[l] is not None and row[l] == other[r] for l, r in keys) for other in right_rows)
        return frame([row for row in left_rows if matched(row) == (how == "semi")], left.schema)
    right_names = [c for c in right.columns if c not in same_name]
    clashes = {c for c in right_names if c in left.columns}
    schema = {(c + left_suffix if c in clashes else c): left.schema[c] for c in left.columns}
    schema |= {(c + right_suffix if c in clashes else c): right.schema[c] for c in right_names}

    def combine(l_row, r_row):
        out = {}
        for c in left.columns:
            value = l_row[c] if l_row else None
            if l_row is None and c in same_name:
                value = r_row[c]
            out[c + left_suffix if c in clashes else c] = value
        for c in right_names:
            out[c + right_suffix if c in clashes else c] = r_row[c] if r_row else None
        return out

    rows, used = [], set()
    for l_row in left_rows:
        hit = False
        for index, r_row in enumerate(right_rows):
            if how == "cross" or all(l_row[l] is not None and l_row[l] == r_row[r] for l, r in keys):
                rows.append(combine(l_row, r_row))
                used.add(index)
                hit = True
        if not hit and how in ("left", "full"):
            rows.append(combine(l_row, None))
    if how in ("right", "full"):
        rows += [combine(None, r_row) for index, r_row in enumerate(right_rows) if index not in used]
    return frame(rows, schema)


def join_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    cases = []
    key_sets = [[("k", "k")], [("k", "k"), ("k2", "k2")], [("k2", "k2")]]
    for how in ("inner", "left", "right", "full", "semi", "anti"):
        for number, keys in enumerate(key_sets):
            for left, right in (("main", "right"), ("main", "right_empty"), ("empty", "right")):
                settings = {"how": how, "keys": [{"left": l, "right": r} for l, r in keys]}
                cases.append(Case(f"join_{how}_{number}_{left}_{right}", "join", settings, {"left": left, "right": right},
                                  lambda t, h=how, k=keys: join_expected(t["left"], t["right"], h, k), ordered=False))
    cases.append(Case("join_suffixes", "join", {"how": "left", "keys": [{"left": "k2", "right": "k2"}], "left_suffix": "_l",
                                                "right_suffix": "_r"}, {"left": "main", "right": "right"},
                      lambda t: join_expected(t["left"], t["right"], "left", [("k2", "k2")], "_l", "_r"), ordered=False))
    cases.append(Case("join_clash_fail", "join", {"how": "inner", "keys": [{"left": "k2", "right": "k2"}], "clash": "fail"},
                      {"left": "main", "right": "right"}, error="columns on both sides: k, s"))
    cases.append(Case("join_cross", "join", {"how": "cross"}, {"left": "one", "right": "right"},
                      lambda t: join_expected(t["left"], t["right"], "cross", []), ordered=False))
    return cases


def cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    return group_by_cases(tables) + pivot_cases(tables) + unpivot_cases(tables) + window_cases(tables) + join_cases(tables)
