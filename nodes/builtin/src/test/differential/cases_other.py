"""Cases of fuzzy_match (string measures written out here), sql (checked by Polars' own SQL engine)
and manual_input."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import polars as pl

from framework import Case
from semantics import frame


def levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def damerau_levenshtein(a: str, b: str) -> int:
    """The unrestricted distance: insertions, deletions, substitutions and adjacent transpositions."""
    last_row = {}
    big = len(a) + len(b)
    table = [[big] * (len(b) + 2) for _ in range(len(a) + 2)]
    for i in range(len(a) + 1):
        table[i + 1][0], table[i + 1][1] = big, i
    for j in range(len(b) + 1):
        table[0][j + 1], table[1][j + 1] = big, j
    for i in range(1, len(a) + 1):
        last_match_column = 0
        for j in range(1, len(b) + 1):
            k, l = last_row.get(b[j - 1], 0), last_match_column
            cost = 0 if a[i - 1] == b[j - 1] else 1
            if cost == 0:
                last_match_column = j
            table[i + 1][j + 1] = min(table[i][j] + cost, table[i + 1][j] + 1, table[i][j + 1] + 1,
                                      table[k][l] + (i - k - 1) + 1 + (j - l - 1))
        last_row[a[i - 1]] = i
    return table[len(a) + 1][len(b) + 1]


def jaro_winkler(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    a_matched, b_matched = [False] * len(a), [False] * len(b)
    matches = 0
    for i, x in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not b_matched[j] and b[j] == x:
                a_matched[i] = b_matched[j] = True
                matches += 1
                break
    if not matches:
        return 0.0
    a_chars = [x for x, m in zip(a, a_matched) if m]
    b_chars = [y for y, m in zip(b, b_matched) if m]
    # half the transpositions, rounded down: as DuckDB (and Apache Commons Text) count them, where
    # the textbook definition keeps the half (Smith/Schmidt: 0.736 here, 0.699 in the textbook)
    transpositions = sum(x != y for x, y in zip(a_chars, b_chars)) // 2
    jaro = (matches / len(a) + matches / len(b) + (matches - transpositions) / matches) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def similarity(method: str, a: str, b: str) -> float:
    if method == "jaro_winkler":
        return jaro_winkler(a, b)
    if method == "jaccard":
        left, right = set(a), set(b)
        return 1.0 if not left and not right else len(left & right) / len(left | right)
    longest = max(len(a), len(b))
    if longest == 0:
        return 1.0
    distance = levenshtein(a, b) if method == "levenshtein" else damerau_levenshtein(a, b)
    return 1 - distance / longest


def fuzzy_expected(left, right, method, threshold, how):
    score_name = "name_label_score"
    rows = []
    for l_row in left.iter_rows(named=True):
        hit = False
        for r_row in right.iter_rows(named=True):
            if l_row["name"] is None or r_row["label"] is None:
                continue
            score = similarity(method, l_row["name"], r_row["label"])
            if score >= threshold:
                rows.append({"rid": l_row["rid"], "name": l_row["name"], "rid_right": r_row["rid"], "label": r_row["label"],
                             score_name: score})
                hit = True
        if not hit and how == "left":
            rows.append({"rid": l_row["rid"], "name": l_row["name"], "rid_right": None, "label": None, score_name: None})
    return frame(rows, {"rid": pl.Int64, "name": pl.String, "rid_right": pl.Int64, "label": pl.String, score_name: pl.Float64})


def fuzzy_cases(tables) -> list[Case]:
    cases = []
    for method in ("levenshtein", "damerau_levenshtein", "jaro_winkler", "jaccard"):
        for threshold in (0.0, 0.5, 0.75, 0.8, 1.0):
            for how in ("inner", "left"):
                settings = {"keys": [{"left": "name", "right": "label", "method": method, "threshold": threshold}], "how": how}
                cases.append(Case(f"fuzzy_{method}_{threshold}_{how}", "fuzzy_match", settings,
                                  {"left": "names_left", "right": "names_right"},
                                  lambda t, m=method, th=threshold, h=how: fuzzy_expected(t["left"], t["right"], m, th, h),
                                  ordered=False))
    return cases


# (query, inputs, the types the engine gives (DuckDB's), ordered)
SQL_QUERIES = [
    ("SELECT k, count(*) AS n, sum(i) AS total FROM main GROUP BY k", ["main"], {"k": pl.String, "n": pl.Int64, "total": pl.Int64}, False),
    ("SELECT id, i * 2 AS twice FROM main WHERE i > 10", ["main"], {"id": pl.Int64, "twice": pl.Int64}, False),
    ("SELECT id, k, dt FROM main ORDER BY id LIMIT 5", ["main"], {"id": pl.Int64, "k": pl.String, "dt": pl.Date}, True),
    ("SELECT m.id, r.r FROM main AS m JOIN other AS r ON m.k = r.k", ["main", "other"], {"id": pl.Int64, "r": pl.Int64}, False),
    ("SELECT DISTINCT k2 FROM main", ["main"], {"k2": pl.Int32}, False),
    ("SELECT k, max(dt) AS last_day, min(d2) AS least FROM main GROUP BY k", ["main"],
     {"k": pl.String, "last_day": pl.Date, "least": pl.Decimal(12, 2)}, False),
    ("SELECT id, upper(k) AS u, length(s) AS n FROM main", ["main"], {"id": pl.Int64, "u": pl.String, "n": pl.Int64}, False),
    ("SELECT id, COALESCE(i, 0) + k2 AS v FROM main WHERE b", ["main"], {"id": pl.Int64, "v": pl.Int64}, False),
    ("SELECT k, id FROM main UNION ALL SELECT k, r FROM other", ["main", "other"], {"k": pl.String, "id": pl.Int64}, False),
    ("SELECT id FROM main WHERE k IS NULL OR k = ''", ["main"], {"id": pl.Int64}, False),
    ("SELECT k2, avg(i) AS mean FROM main GROUP BY k2", ["main"], {"k2": pl.Int32, "mean": pl.Float64}, False),
]


def sql_cases(tables) -> list[Case]:
    cases = []
    for number, (query, inputs, schema, ordered) in enumerate(SQL_QUERIES):
        for suffix, table in (("", "main"), ("_empty", "empty")):
            ports = {name: (table if name == "main" else "right") for name in inputs}

            def expected(t, q=query, s=schema, names=inputs):
                context = pl.SQLContext({name: t[name] for name in names}, eager=True)
                result = context.execute(q)
                return result.select(pl.col(c).cast(d) for c, d in s.items())
            cases.append(Case(f"sql_{number}{suffix}", "sql", {"inputs": inputs, "query": query}, ports, expected,
                              ordered=ordered))
    return cases


def manual_input_cases(tables) -> list[Case]:
    main = tables["main"]
    columns = [("id", "BIGINT", pl.Int64), ("k", "VARCHAR", pl.String), ("k2", "INTEGER", pl.Int32),
               ("big", "BIGINT", pl.Int64), ("d2", "DECIMAL(18,3)", pl.Decimal(18, 3)), ("dt", "DATE", pl.Date),
               ("b", "BOOLEAN", pl.Boolean), ("s", "VARCHAR", pl.String), ("half", "DOUBLE", pl.Float64),
               ("at", "TIMESTAMP", pl.Datetime("us"))]

    def json_row(row: dict) -> list:
        return [row["id"], row["k"], row["k2"], row["big"], None if row["d2"] is None else str(row["d2"]),
                None if row["dt"] is None else row["dt"].isoformat(), row["b"], row["s"],
                None if row["i"] is None else row["i"] / 2,
                None if row["ts"] is None else row["ts"].replace(tzinfo=None).isoformat(sep=" ")]

    def value_row(row: dict) -> dict:
        return {"id": row["id"], "k": row["k"], "k2": row["k2"], "big": row["big"], "d2": row["d2"], "dt": row["dt"],
                "b": row["b"], "s": row["s"], "half": None if row["i"] is None else row["i"] / 2,
                "at": None if row["ts"] is None else row["ts"].replace(tzinfo=None)}

    cases = []
    for size in (0, 1, 7, 60):
        rows = list(main.head(size).iter_rows(named=True))
        settings = {"columns": [{"name": n, "type": t} for n, t, _ in columns], "rows": [json_row(r) for r in rows]}
        cases.append(Case(f"manual_input_{size}", "manual_input", settings, {},
                          lambda t, rows=rows: frame([value_row(r) for r in rows], {n: d for n, _, d in columns})))
    return cases


def cases(tables) -> list[Case]:
    return fuzzy_cases(tables) + sql_cases(tables) + manual_input_cases(tables)
