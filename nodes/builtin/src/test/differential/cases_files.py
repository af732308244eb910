"""Cases of the readers (read_csv, read_json, read_excel, read_parquet) over files written here, and of
the writers (write_csv, write_json, write_parquet), whose files are read back here."""
from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import polars as pl

from framework import Case
from semantics import frame, text
from tables import write_xlsx

CSV_COLUMNS = ["id", "k", "i", "d2", "dt", "b", "s"]


def _csv_text(value) -> str:
    return "" if value is None else text(value, None)


def _csv_rows(df: pl.DataFrame) -> list[list[str]]:
    return [[_csv_text(v) for v in row] for row in df.select(CSV_COLUMNS).iter_rows()]


def infer(values: list[str | None]):
    """The type whole-file inference gives a column of texts (empty fields are nulls), with the values."""
    present = [v for v in values if v is not None]

    def every(convert):
        try:
            return [None if v is None else convert(v) for v in values]
        except ValueError:
            return None

    def boolean(v):
        if v.lower() not in ("true", "false"):
            raise ValueError(v)
        return v.lower() == "true"

    def integer(v):
        number = int(v)
        if not -(2**63) <= number < 2**63:
            raise ValueError(v)
        return number

    if present:
        for dtype, convert in ((pl.Boolean, boolean), (pl.Int64, integer), (pl.Float64, float), (pl.Date, dt.date.fromisoformat)):
            converted = every(convert)
            if converted is not None:
                return dtype, converted
    return pl.String, values


def inferred_frame(header: list[str], rows: list[list[str | None]]) -> pl.DataFrame:
    columns = {}
    for index, name in enumerate(header):
        dtype, values = infer([row[index] for row in rows])
        columns[name] = (values, dtype)
    return pl.DataFrame({n: v for n, (v, _) in columns.items()}, schema={n: d for n, (_, d) in columns.items()})


def _csv_field(value: str | None, delimiter: str, quote: str) -> str:
    """A field as a CSV writer that keeps empty texts writes it: null empty, an empty text quoted."""
    if value is None:
        return ""
    if value == "" or any(c in value for c in (delimiter, quote, "\n", "\r")):
        return quote + value.replace(quote, quote + quote) + quote
    return value


def write_csv_file(path: Path, header: list[str] | None, rows: list[list[str | None]], delimiter=",", quote='"',
                   encoding="utf-8", preamble: list[str] = ()) -> None:
    lines = list(preamble) + ([delimiter.join(header)] if header else [])
    lines += [delimiter.join(_csv_field(v, delimiter, quote) for v in row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))


def _csv_files(data) -> dict[str, tuple[list[str], list[list[str | None]], dict]]:
    """name: (header, rows as the reader must see them, extra writing options)."""
    main = data["main"]
    plain = [[None if v == "" else v for v in row] for row in _csv_rows(main)]
    # the text columns keep empty texts when quoted: the reader must tell "" from nothing
    texts = [[_csv_text(v) if name in ("k", "s") and v is not None else c for name, v, c in zip(CSV_COLUMNS, raw, row)]
             for raw, row in zip(main.select(CSV_COLUMNS).iter_rows(), plain)]
    late_rows = [[str(n), str(n * 3), "x" if n < 1990 else "7"] for n in range(2000)]
    late_rows[-1] = ["2000", "2.5", "late text"]
    return {
        "plain": (CSV_COLUMNS, texts, {}),
        "late": (["n", "wider", "later"], late_rows, {}),
        "semicolon": (CSV_COLUMNS, texts, {"delimiter": ";"}),
        "quoted": (CSV_COLUMNS, texts, {"quote": "'"}),
        "latin1": (["id", "word"], [["1", "café"], ["2", "naïve"], ["3", "über"]], {"encoding": "latin-1"}),
        "skipped": (CSV_COLUMNS, texts, {"preamble": ["exported by a tool", "on a day"]}),
        "utf16": (["id", "word"], [["1", "café"], ["2", "日本"], ["3", None]], {"encoding": "utf-16"}),
        "uniform": (["n", "x", "day"], [[str(n), f"{n / 8:.3f}", f"2024-01-{n % 28 + 1:02d}"] for n in range(500)], {}),
    }


def write_files(data, directory: Path) -> None:
    files = directory / "files"
    files.mkdir(parents=True, exist_ok=True)
    for name, (header, rows, options) in _csv_files(data).items():
        write_csv_file(files / f"{name}.csv", header, rows,
                       **{k: v for k, v in options.items() if k != "encoding"},
                       encoding=options.get("encoding", "utf-8"))
    main = data["main"]
    records = _json_records(main)
    (files / "records.ndjson").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    (files / "records.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    (files / "existing.txt").write_text("kept\n", encoding="utf-8")
    (files / "bad.csv").write_text("id,amount\n1,1.5\n2,x\n3,3\n4,\n5,1,2\n", encoding="utf-8")
    late = [{"n": n} for n in range(3000)] + [{"n": 3000, "late": "here"}]
    (files / "late.ndjson").write_text("".join(json.dumps(r) + "\n" for r in late), encoding="utf-8")
    rows = [[r["id"], r["k"], r["f"] if r["f"] == r["f"] else None, r["dt"], r["b"]] for r in main.iter_rows(named=True)]
    write_xlsx(files / "sheet.xlsx", ["id", "k", "f", "dt", "b"], rows)


def _json_records(df: pl.DataFrame) -> list[dict]:
    return [{"id": r["id"], "k": r["k"], "i": r["i"], "s": r["s"], "b": r["b"],
             "dt": None if r["dt"] is None else r["dt"].isoformat(),
             "f": None if r["f"] is None or r["f"] != r["f"] else r["f"]} for r in df.iter_rows(named=True)]


def reader_cases(data) -> list[Case]:
    cases = []
    for name, (header, rows, options) in _csv_files(data).items():
        settings = {"path": f"files/{name}.csv"}
        if "delimiter" in options:
            settings["delimiter"] = options["delimiter"]
        if "quote" in options:
            settings["quote"] = options["quote"]
        if "encoding" in options:
            settings["encoding"] = {"latin-1": "latin1", "utf-16": "utf16"}[options["encoding"]]
        if "preamble" in options:
            settings["skip_rows"] = len(options["preamble"])
        cases.append(Case(f"read_csv_{name}", "read_csv", settings,
                          expected=lambda t, h=header, r=rows: inferred_frame(h, r)))
    typed = [{"name": "id", "type": "BIGINT"}, {"name": "k", "type": "VARCHAR"}, {"name": "i", "type": "DECIMAL(10,1)"},
             {"name": "d2", "type": "DECIMAL(18,2)"}, {"name": "dt", "type": "DATE"}, {"name": "b", "type": "BOOLEAN"},
             {"name": "s", "type": "VARCHAR"}]
    header, rows, _ = _csv_files(data)["plain"]
    cases.append(Case("read_csv_typed", "read_csv", {"path": "files/plain.csv", "columns": typed},
                      expected=lambda t: inferred_frame(header, rows).with_columns(
                          pl.col("i").cast(pl.Decimal(10, 1)), pl.col("d2").cast(pl.Decimal(18, 2)))))
    cases.append(Case("read_csv_no_header", "read_csv", {"path": "files/latin1.csv", "header": False, "encoding": "latin1"},
                      expected=lambda t: inferred_frame(["column0", "column1"], [["id", "word"], ["1", "café"], ["2", "naïve"],
                                                                                 ["3", "über"]])))
    cases.append(Case("read_csv_sampled", "read_csv", {"path": "files/uniform.csv", "sample_rows": 50},
                      expected=lambda t: inferred_frame(*_csv_files(data)["uniform"][:2])))
    bad = pl.DataFrame({"id": [1, 3, 4], "amount": [1.5, 3.0, None]}, schema={"id": pl.Int64, "amount": pl.Float64})
    cases.append(Case("read_csv_ignore_errors", "read_csv", {"path": "files/bad.csv", "ignore_errors": True, "columns": [
        {"name": "id", "type": "BIGINT"}, {"name": "amount", "type": "DOUBLE"}]}, expected=lambda t: bad))
    cases.append(Case("read_csv_bad_value", "read_csv", {"path": "files/bad.csv", "columns": [
        {"name": "id", "type": "BIGINT"}, {"name": "amount", "type": "DOUBLE"}]}, error="Line: 3"))
    records = _json_records(data["main"])
    for name, format_ in (("records.ndjson", "newline_delimited"), ("records.json", "array"), ("records.ndjson", None)):
        settings = {"path": f"files/{name}"} | ({"format": format_} if format_ else {})
        cases.append(Case(f"read_json_{format_ or 'auto'}", "read_json", settings,
                          expected=lambda t: _records_frame(records)))
    cases.append(Case("read_json_sampled", "read_json", {"path": "files/records.ndjson", "sample_rows": 60},
                      expected=lambda t: _records_frame(records)))
    cases.append(Case("read_json_late_key", "read_json", {"path": "files/late.ndjson"},
                      expected=lambda t: pl.DataFrame({"n": list(range(3001)), "late": [None] * 3000 + ["here"]},
                                                      schema={"n": pl.Int64, "late": pl.String})))
    main = data["main"]
    # an empty text in a cell reads as null (the node's description says so)
    main = main.with_columns(pl.when(pl.col("k") == "").then(None).otherwise(pl.col("k")).alias("k"))
    cases.append(Case("read_excel", "read_excel", {"path": "files/sheet.xlsx"},
                      expected=lambda t: main.select("id", "k", pl.col("f").fill_nan(None), "dt", "b")))
    cases.append(Case("read_excel_sheet", "read_excel", {"path": "files/sheet.xlsx", "sheet": "Data"},
                      expected=lambda t: main.select("id", "k", pl.col("f").fill_nan(None), "dt", "b")))
    cases.append(Case("read_excel_header_row", "read_excel", {"path": "files/sheet.xlsx", "range": "A1:B4", "header_row": 2},
                      expected=lambda t: pl.DataFrame({str(main["id"][0]): main["id"][1:3].to_list(),
                                                       main["k"][0] or "column_2": main["k"][1:3].to_list()},
                                                      schema={str(main["id"][0]): pl.Int64, main["k"][0] or "column_2": pl.String})))
    cases.append(Case("read_excel_range", "read_excel", {"path": "files/sheet.xlsx", "range": "A1:B11"},
                      expected=lambda t: main.select("id", "k").head(10)))
    cases.append(Case("read_excel_typed", "read_excel", {"path": "files/sheet.xlsx", "column_types": [
        {"column": "id", "type": "varchar"}, {"column": "f", "type": "double"}]},
                      expected=lambda t: main.select(pl.col("id").cast(pl.String), "k", pl.col("f").fill_nan(None), "dt", "b")))
    cases.append(Case("read_parquet_union_by_name", "read_parquet",
                      {"path": "tables/parts-*.parquet", "union_by_name": True},
                      expected=lambda t: pl.concat([data["main"].select("id", "k", "i").head(30),
                                                    data["main"].select("id", "f", "k").tail(30)],
                                                   how="diagonal")))
    cases.append(Case("read_parquet_long", "read_parquet", {"path": "tables/long.parquet"},
                      expected=lambda t: data["long"]))
    return cases


def _records_frame(records: list[dict]) -> pl.DataFrame:
    schema = {"id": pl.Int64, "k": pl.String, "i": pl.Int64, "s": pl.String, "b": pl.Boolean, "dt": pl.Date, "f": pl.Float64}
    rows = [{**r, "dt": None if r["dt"] is None else dt.date.fromisoformat(r["dt"])} for r in records]
    return frame(rows, schema)


WRITTEN = ["id", "k", "i", "d2", "dt", "b", "s"]


def _read_csv_back(delimiter: str, quote: str, header: bool):
    def read(path: str) -> pl.DataFrame:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter=delimiter, quotechar=quote))
        if header:
            names, rows = rows[0], rows[1:]
        else:
            names = WRITTEN
        return pl.DataFrame([[None if v == "" else v for v in row] for row in rows], schema={n: pl.String for n in names},
                            orient="row")
    return read


def writer_cases(data) -> list[Case]:
    cases = []

    def as_text(df: pl.DataFrame) -> pl.DataFrame:
        rows = [[None if v is None or v == "" else text(v, None) for v in row] for row in df.select(WRITTEN).iter_rows()]
        return pl.DataFrame(rows, schema={n: pl.String for n in WRITTEN}, orient="row")

    for table in ("main", "empty", "long"):
        for delimiter, quote, header in ((",", '"', True), (";", "'", True), ("\t", '"', False)):
            settings = {"path": f"${{out}}/write_csv_{table}_{ord(delimiter)}_{header}.csv", "delimiter": delimiter,
                        "quote": quote, "header": header}
            cases.append(Case(f"write_csv_{table}_{ord(delimiter)}_{header}", "write_csv", settings, {"main": f"written_{table}"},
                              expected=lambda t: as_text(t["main"]),
                              result="csv", read_result=_read_csv_back(delimiter, quote, header)))
    for table in ("main", "empty"):
        for format_ in ("newline_delimited", "array"):
            name = f"write_json_{table}_{format_}"
            cases.append(Case(name, "write_json", {"path": f"${{out}}/{name}.json", "format": format_}, {"main": f"written_{table}"},
                              expected=lambda t: _json_expected(t["main"]), result="json",
                              read_result=lambda path, f=format_: _read_json_back(path, f)))
    for type_, settings in (("write_csv", {}), ("write_json", {}), ("write_parquet", {})):
        # fail_if_exists refuses a file that is there, and leaves it as it was
        cases.append(Case(f"{type_}_fail_if_exists", type_, {"path": "files/existing.txt", "mode": "fail_if_exists"},
                          {"main": "written_main"}, result="none", error="exists"))
    for compression in ("zstd", "snappy", "gzip", "uncompressed"):
        for row_groups in (None, 7):
            name = f"write_parquet_{compression}_{row_groups}"
            settings = {"path": f"${{out}}/{name}.parquet", "compression": compression} | (
                {"row_group_size": row_groups} if row_groups else {})
            cases.append(Case(name, "write_parquet", settings, {"main": "main"}, expected=lambda t: t["main"],
                              result="parquet-file", read_result=pl.read_parquet))
    return cases


JSON_SCHEMA = {"id": pl.Int64, "k": pl.String, "i": pl.Int64, "d2": pl.Float64, "dt": pl.String, "b": pl.Boolean, "s": pl.String}


def _json_expected(df: pl.DataFrame) -> pl.DataFrame:
    rows = [{"id": r["id"], "k": r["k"], "i": r["i"], "d2": None if r["d2"] is None else float(r["d2"]),
             "dt": None if r["dt"] is None else r["dt"].isoformat(), "b": r["b"], "s": r["s"]}
            for r in df.iter_rows(named=True)]
    return frame(rows, JSON_SCHEMA)


def _read_json_back(path: str, format_: str) -> pl.DataFrame:
    content = Path(path).read_text(encoding="utf-8")
    if format_ == "array":
        records = json.loads(content)
    else:
        records = [json.loads(line) for line in content.splitlines() if line.strip()]
    rows = [{name: record.get(name) for name in JSON_SCHEMA} for record in records]
    return frame(rows, JSON_SCHEMA)


def cases(data) -> list[Case]:
    return reader_cases(data) + writer_cases(data)
