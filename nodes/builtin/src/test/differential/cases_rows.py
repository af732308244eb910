"""Cases of the nodes that keep, drop, order or derive rows one by one: filter, formula, select, sort,
sample, record_id, record_count, text_to_rows, unique, union."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl

from framework import Case
from semantics import compare_values, frame, is_nan, parse, sort_rows, text

FILTER_COLUMNS = ["i", "k2", "big", "f", "d2", "d4", "dt", "ts", "k", "s", "b"]
ORDER_OPERATORS = {"equals": lambda c: c == 0, "not_equals": lambda c: c != 0, "greater_than": lambda c: c > 0,
                   "greater_or_equal": lambda c: c >= 0, "less_than": lambda c: c < 0, "less_or_equal": lambda c: c <= 0}


def _keep(df: pl.DataFrame, predicate) -> pl.DataFrame:
    mask = [predicate(row) is True for row in df.iter_rows(named=True)]
    return df.filter(pl.Series(mask, dtype=pl.Boolean)) if mask else df.clear()


def _probes(df: pl.DataFrame, column: str) -> list[str]:
    """Values to compare a column with: some of its own values, and values between its values."""
    values = [v for v in df.get_column(column).to_list() if v is not None and not is_nan(v)]
    dtype = df.schema[column]
    picked = sorted({text(v, dtype) for v in values[:3]})
    extra = {"i": ["2.5", "-0.5", "1e2"], "k2": ["1.5"], "d2": ["900.005", "0.1"], "d4": ["-0.00005"],
             "f": ["2.5", "0.1"], "dt": ["2000-02-29"], "ts": ["2010-05-01 12:00:00+00:00"], "k": ["café"],
             "big": ["9223372036854775807", "4611686018427387904.5"]}
    return picked + extra.get(column, [])


def filter_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    main = tables["main"]
    cases = []
    for column in FILTER_COLUMNS:
        dtype = main.schema[column]
        for number, value in enumerate(_probes(main, column)):
            for operator, holds in ORDER_OPERATORS.items():
                if column == "b" and operator not in ("equals", "not_equals"):
                    continue
                target = parse(value, dtype)
                cases.append(Case(
                    f"filter_{column}_{operator}_{number}", "filter",
                    {"mode": "basic", "basic": {"column": column, "operator": operator, "value": value}}, {"main": "main"},
                    lambda t, c=column, h=holds, v=target: _keep(t["main"], lambda r: r[c] is not None and h(compare_values(r[c], v)))))
        for operator in ("is_null", "is_not_null"):
            cases.append(Case(f"filter_{column}_{operator}", "filter",
                              {"mode": "basic", "basic": {"column": column, "operator": operator}}, {"main": "main"},
                              lambda t, c=column, o=operator: _keep(t["main"], lambda r: (r[c] is None) == (o == "is_null"))))
        probes = _probes(main, column)
        if column != "b" and len(probes) >= 2:
            low, high = sorted(probes[:2], key=lambda p: parse(p, dtype) if not isinstance(parse(p, dtype), str) else p)
            lo, hi = parse(low, dtype), parse(high, dtype)
            cases.append(Case(f"filter_{column}_between", "filter",
                              {"mode": "basic", "basic": {"column": column, "operator": "between", "value": low, "value2": high}},
                              {"main": "main"},
                              lambda t, c=column, lo=lo, hi=hi: _keep(t["main"], lambda r: r[c] is not None
                                                                      and compare_values(r[c], lo) >= 0
                                                                      and compare_values(r[c], hi) <= 0)))
            wanted = [parse(p, dtype) for p in probes]
            cases.append(Case(f"filter_{column}_in", "filter",
                              {"mode": "basic", "basic": {"column": column, "operator": "in", "values": probes}}, {"main": "main"},
                              lambda t, c=column, w=wanted: _keep(t["main"], lambda r: r[c] is not None
                                                                  and any(compare_values(r[c], x) == 0 for x in w))))
    for column in ("s", "k", "i"):
        for operator, test in (("contains", str.__contains__), ("starts_with", str.startswith), ("ends_with", str.endswith)):
            for number, needle in enumerate([",", "a", "é", "1", ""]):
                cases.append(Case(f"filter_{column}_{operator}_{number}", "filter",
                                  {"mode": "basic", "basic": {"column": column, "operator": operator, "value": needle}},
                                  {"main": "main"},
                                  lambda t, c=column, f=test, n=needle: _keep(t["main"], lambda r: r[c] is not None
                                                                              and f(text(r[c], None), n))))
    advanced = {
        "i > 0 AND k = 'a'": lambda r: _and(None if r["i"] is None else r["i"] > 0, None if r["k"] is None else r["k"] == "a"),
        "f < 10 OR b": lambda r: _or(None if r["f"] is None else (not is_nan(r["f"]) and r["f"] < 10), r["b"]),
        "length(s) > 3": lambda r: None if r["s"] is None else len(r["s"]) > 3,
        "dt >= DATE '2000-01-01'": lambda r: None if r["dt"] is None else r["dt"] >= dt.date(2000, 1, 1),
        "NOT b": lambda r: None if r["b"] is None else not r["b"],
        "k IN ('a', 'café', '')": lambda r: None if r["k"] is None else r["k"] in ("a", "café", ""),
        "d2 > 0.005": lambda r: None if r["d2"] is None else r["d2"] > Decimal("0.005"),
    }
    for number, (expression, predicate) in enumerate(advanced.items()):
        for table in ("main", "empty"):
            cases.append(Case(f"filter_advanced_{number}_{table}", "filter", {"mode": "advanced", "expression": expression},
                              {"main": table}, lambda t, p=predicate: _keep(t["main"], p)))
    return cases


def _and(a, b):
    if a is False or b is False:
        return False
    return None if a is None or b is None else True


def _or(a, b):
    if a is True or b is True:
        return True
    return None if a is None or b is None else False


def _trunc_div(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient


def _with(df: pl.DataFrame, column: str, values: list, dtype) -> pl.DataFrame:
    series = pl.Series(column, values, dtype=dtype)
    return df.with_columns(series) if column in df.columns else df.with_columns(series)


def formula_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    formulas = [
        ("twice", "i * 2 + 1", None, pl.Int64, lambda r: None if r["i"] is None else r["i"] * 2 + 1),
        ("i", "i * 3", None, pl.Int64, lambda r: None if r["i"] is None else r["i"] * 3),
        ("upper", "upper(k)", None, pl.String, lambda r: None if r["k"] is None else r["k"].upper()),
        ("chars", "length(s)", None, pl.Int64, lambda r: None if r["s"] is None else len(r["s"])),
        ("half", "f / 2", None, pl.Float64, lambda r: None if r["f"] is None else r["f"] / 2),
        ("quotient", "i // 7", None, pl.Int64, lambda r: None if r["i"] is None else _trunc_div(r["i"], 7)),
        ("rest", "i % 7", None, pl.Int64, lambda r: None if r["i"] is None else r["i"] - 7 * _trunc_div(r["i"], 7)),
        ("next_day", "dt + 1", None, pl.Date, lambda r: None if r["dt"] is None else r["dt"] + dt.timedelta(days=1)),
        ("flag", "CASE WHEN b THEN 'y' ELSE 'n' END", None, pl.String, lambda r: "y" if r["b"] else "n"),
        ("positive", "i > 0", None, pl.Boolean, lambda r: None if r["i"] is None else r["i"] > 0),
        ("filled", "coalesce(i, 0)", None, pl.Int64, lambda r: 0 if r["i"] is None else r["i"]),
        ("doubled", "d2 * 2", "DECIMAL(18,2)", pl.Decimal(18, 2), lambda r: None if r["d2"] is None else r["d2"] * 2),
        ("as_double", "i", "DOUBLE", pl.Float64, lambda r: None if r["i"] is None else float(r["i"])),
        ("joined", "k || '-' || s", None, pl.String,
         lambda r: None if r["k"] is None or r["s"] is None else r["k"] + "-" + r["s"]),
    ]
    cases = []
    for column, expression, type_, dtype, compute in formulas:
        settings = {"column": column, "expression": expression} | ({"type": type_} if type_ else {})
        for table in ("main", "one", "empty"):
            cases.append(Case(f"formula_{column}_{table}", "formula", settings, {"main": table},
                              lambda t, c=column, f=compute, d=dtype: _with(
                                  t["main"], c, [f(r) for r in t["main"].iter_rows(named=True)], d)))
    return cases


def select_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    def cast_text(values, dtype):
        return [None if v is None else text(v, dtype) for v in values]

    variants = {
        "reorder": ([{"column": "s"}, {"column": "id"}], False),
        "drop": ([{"column": "f", "keep": False}, {"column": "ts", "keep": False}], False),
        "rename": ([{"column": "k", "rename_to": "key"}, {"column": "i", "rename_to": "I2"}], True),
        "cast": ([{"column": "i", "cast_to": "DOUBLE"}, {"column": "k2", "cast_to": "BIGINT"},
                  {"column": "dt", "cast_to": "VARCHAR"}, {"column": "b", "cast_to": "INTEGER"},
                  {"column": "d2", "cast_to": "DECIMAL(14,3)"}, {"column": "id", "cast_to": "VARCHAR"}], True),
    }

    def expected(df: pl.DataFrame, columns: list[dict], drop_unlisted: bool) -> pl.DataFrame:
        listed = {c["column"] for c in columns}
        out = {}
        for entry in columns:
            if entry.get("keep", True) is False:
                continue
            values, dtype = df.get_column(entry["column"]).to_list(), df.schema[entry["column"]]
            cast = entry.get("cast_to")
            if cast == "DOUBLE":
                values, dtype = [None if v is None else float(v) for v in values], pl.Float64
            elif cast == "BIGINT":
                dtype = pl.Int64
            elif cast == "INTEGER":
                values, dtype = [None if v is None else int(v) for v in values], pl.Int32
            elif cast == "VARCHAR":
                values, dtype = cast_text(values, dtype), pl.String
            elif cast == "DECIMAL(14,3)":
                dtype = pl.Decimal(14, 3)
            out[entry.get("rename_to") or entry["column"]] = (values, dtype)
        if not drop_unlisted:
            for name in df.columns:
                if name not in listed:
                    out[name] = (df.get_column(name).to_list(), df.schema[name])
        return pl.DataFrame({n: v for n, (v, _) in out.items()}, schema={n: d for n, (_, d) in out.items()})

    cases = []
    for name, (columns, drop) in variants.items():
        for drop_unlisted in (False, True):
            for table in ("main", "empty"):
                if name == "drop" and drop_unlisted:
                    cases.append(Case(f"select_{name}_{drop_unlisted}_{table}", "select",
                                      {"columns": columns, "drop_unlisted": True}, {"main": table},
                                      error="no column is left"))
                    continue
                cases.append(Case(f"select_{name}_{drop_unlisted}_{table}", "select",
                                  {"columns": columns, "drop_unlisted": drop_unlisted}, {"main": table},
                                  lambda t, c=columns, d=drop_unlisted: expected(t["main"], c, d)))
    return cases


def sort_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    cases = []
    for column in ["i", "f", "d2", "dt", "ts", "k", "s", "b", "big"]:
        for direction in ("asc", "desc"):
            for nulls in ("first", "last"):
                keys = [{"column": column, "direction": direction, "nulls": nulls}, {"column": "id"}]
                spec = [(column, direction == "desc", nulls == "first"), ("id", False, False)]
                cases.append(Case(f"sort_{column}_{direction}_{nulls}", "sort", {"keys": keys}, {"main": "main"},
                                  lambda t, s=spec: frame(sort_rows(list(t["main"].iter_rows(named=True)), s), t["main"].schema)))
    keys = [{"column": "k"}, {"column": "k2", "direction": "desc"}, {"column": "id"}]
    cases.append(Case("sort_two_keys", "sort", {"keys": keys}, {"main": "long"},
                      lambda t: frame(sort_rows(list(t["main"].iter_rows(named=True)),
                                                [("k", False, False), ("k2", True, False), ("id", False, False)]),
                                      t["main"].schema)))
    return cases


def _drawn_from(rows: int | None, low: float = 0, high: float = 1):
    """A check that a sample holds distinct input rows (by id), rows of them or a share in [low, high]."""
    def check(inputs, actual: pl.DataFrame) -> str | None:
        source = inputs["main"]
        if actual.schema != source.schema:
            return f"columns differ: {dict(actual.schema)}"
        ids = actual.get_column("id").to_list()
        if len(set(ids)) != len(ids):
            return "a row was drawn twice"
        by_id = {row[0]: row for row in source.iter_rows()}
        for row in actual.iter_rows():
            if row[0] not in by_id or compare_rows(row, by_id[row[0]]):
                return f"row {row!r} is not an input row"
        positions = {row_id: position for position, row_id in enumerate(source.get_column("id").to_list())}
        if [positions[i] for i in ids] != sorted(positions[i] for i in ids):
            return "the drawn rows are not in input order"
        if rows is not None and len(ids) != min(rows, source.height):
            return f"expected {min(rows, source.height)} rows, got {len(ids)}"
        if rows is None and not low * source.height <= len(ids) <= high * source.height:
            return f"{len(ids)} of {source.height} rows is far from the fraction"
        return None
    return check


def compare_rows(a: tuple, b: tuple) -> bool:
    """True when two rows differ (NaN equal to NaN)."""
    return any(not (x == y or (is_nan(x) and is_nan(y))) for x, y in zip(a, b))


def sample_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    cases = []
    for n in (0, 1, 5, 100, 5000):
        for table in ("main", "long", "empty"):
            cases.append(Case(f"sample_first_{n}_{table}", "sample", {"method": "first", "n": n}, {"main": table},
                              lambda t, n=n: t["main"].head(n)))
            cases.append(Case(f"sample_random_{n}_{table}", "sample", {"method": "random_rows", "n": n, "seed": 7},
                              {"main": table}, check=_drawn_from(n), repeatable=True))
    for fraction in (0.0, 0.25, 1.0):
        for table in ("main", "long"):
            # the share is random: 3,000 rows at 0.25 land within 0.18-0.32 except once in millions
            low, high = (fraction, fraction) if fraction in (0.0, 1.0) else (0.18, 0.32)
            cases.append(Case(f"sample_fraction_{fraction}_{table}", "sample",
                              {"method": "random_fraction", "fraction": fraction, "seed": 11}, {"main": table},
                              check=_drawn_from(None, low if table == "long" else 0, high if table == "long" else 1),
                              repeatable=True))
    return cases


def record_id_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    def expected(df, column, offset, group_by, order_by):
        rows = list(df.iter_rows(named=True))
        ordered = sort_rows(rows, [(c, False, False) for c in order_by]) if order_by else rows
        counters, numbers = {}, {}
        for index, row in enumerate(ordered):
            key = tuple(row[c] for c in group_by)
            numbers[id(row)] = counters.setdefault(key, offset)
            counters[key] += 1
        values = [numbers[id(row)] for row in rows]
        return pl.DataFrame({column: values}, schema={column: pl.Int64}).hstack(df) if rows else \
            pl.DataFrame(schema={column: pl.Int64} | dict(df.schema))

    cases = []
    for offset in (0, 1, 100):
        for group_by in ([], ["k"], ["k", "k2"]):
            for order_by in ([], ["f"], ["dt", "id"]):
                for table in ("main", "long"):
                    settings = {"column": "n", "offset": offset, "group_by": group_by, "order_by": order_by}
                    cases.append(Case(f"record_id_{offset}_{len(group_by)}_{len(order_by)}_{table}", "record_id", settings,
                                      {"main": table}, lambda t, s=settings: expected(t["main"], "n", s["offset"],
                                                                                       s["group_by"], s["order_by"])))
    return cases


def record_count_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    return [Case(f"record_count_{table}", "record_count", {"name": "rows"}, {"main": table},
                 lambda t: pl.DataFrame({"rows": [t["main"].height]}, schema={"rows": pl.Int64}))
            for table in ("main", "one", "empty", "long")]


def text_to_rows_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    def expected(df, column, delimiter, output):
        rows = []
        for row in df.iter_rows(named=True):
            value = row[column]
            parts = [None] if value is None else text(value, None).split(delimiter)
            for part in parts:
                out = dict(row)
                out[output or column] = part
                rows.append(out)
        schema = dict(df.schema)
        schema[output or column] = pl.String
        return frame(rows, schema)

    cases = []
    for column in ("s", "k", "i"):
        for delimiter in (",", ", ", "é", ",,"):
            for output in (None, "part", "id"):
                settings = {"column": column, "delimiter": delimiter} | ({"output_column": output} if output else {})
                cases.append(Case(f"text_to_rows_{column}_{len(delimiter)}{delimiter.encode().hex()}_{output}", "text_to_rows",
                                  settings, {"main": "main"},
                                  lambda t, c=column, d=delimiter, o=output: expected(t["main"], c, d, o)))
    return cases


def unique_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    def expected(df, columns, keep, order_by):
        rows = list(df.iter_rows(named=True))
        key_columns = columns or df.columns
        ordered = sort_rows(rows, [(c, False, False) for c in order_by]) if order_by else rows
        groups: dict = {}
        for row in ordered:
            groups.setdefault(tuple(("nan" if is_nan(row[c]) else row[c]) for c in key_columns), []).append(row)
        if keep == "first":
            kept = [g[0] for g in groups.values()]
        elif keep == "last":
            kept = [g[-1] for g in groups.values()]
        else:
            kept = [g[0] for g in groups.values() if len(g) == 1]
        return frame(kept, df.schema)

    def any_row(columns):
        def check(inputs, actual):
            first = expected(inputs["main"], columns, "first", [])
            keys = columns or list(actual.columns)
            wanted = sorted(map(repr, first.select(keys).iter_rows()))
            got = sorted(map(repr, actual.select(keys).iter_rows()))
            if wanted != got:
                return f"keys differ: expected {len(wanted)} keys, got {len(got)}"
            inputs_by_id = {row[0]: row for row in inputs["main"].iter_rows()}
            strays = [row for row in actual.iter_rows() if row[0] not in inputs_by_id or compare_rows(row, inputs_by_id[row[0]])]
            return f"not input rows: {strays[:2]!r}" if strays else None
        return check

    cases = []
    for columns in ([], ["k"], ["k", "k2"]):
        for table in ("main", "long"):
            cases.append(Case(f"unique_{'_'.join(columns) or 'all'}_any_{table}", "unique", {"columns": columns, "keep": "any"},
                              {"main": table}, check=any_row(columns)))
    for columns in ([], ["k"], ["k", "k2"], ["f"]):
        for keep in ("first", "last", "none"):
            for order_by in ([], ["i", "id"]):
                if keep == "none" and order_by:
                    continue
                for table in ("main", "long"):
                    settings = {"columns": columns, "keep": keep} | ({"order_by": order_by} if order_by else {})
                    cases.append(Case(f"unique_{'_'.join(columns) or 'all'}_{keep}_{len(order_by)}_{table}", "unique",
                                      settings, {"main": table},
                                      lambda t, s=settings: expected(t["main"], s["columns"], s["keep"], s.get("order_by", [])),
                                      ordered=False))
    return cases


def union_cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    def expected(frames, distinct):
        combined = pl.concat(frames, how="diagonal")
        if not distinct:
            return combined
        seen, rows = set(), []
        for row in combined.iter_rows():
            key = tuple("nan" if is_nan(v) else v for v in row)
            if key not in seen:
                seen.add(key)
                rows.append(row)
        return pl.DataFrame(rows, schema=combined.schema, orient="row")

    cases = []
    for distinct in (False, True):
        for second in ("main", "main2", "empty", "right"):
            cases.append(Case(f"union_{second}_{distinct}", "union", {"distinct": distinct}, {"main": "main", "main#2": second},
                              lambda t, d=distinct: expected([t["main"], t["main#2"]], d), ordered=False))
    return cases


def cases(tables: dict[str, pl.DataFrame]) -> list[Case]:
    return (filter_cases(tables) + formula_cases(tables) + select_cases(tables) + sort_cases(tables) + sample_cases(tables)
            + record_id_cases(tables) + record_count_cases(tables) + text_to_rows_cases(tables) + unique_cases(tables)
            + union_cases(tables))
