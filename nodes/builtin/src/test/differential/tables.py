"""Seeded tables for the differential suite, and the files the read nodes read.

Every table is made from one seed, so the generating run and the checking run see the same values.
The values are the awkward ones: nulls, NaN and signed zeros, empty strings, Unicode, dates and
timestamps with a zone, decimals of two scales, integers near the 64-bit limits, duplicate keys and
ties.
"""
from __future__ import annotations

import datetime as dt
import random
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import polars as pl

KEYS = ["a", "b", "Ünï", "café", "日本", "", None]
TEXTS = ["x,y", "a,,b", "", None, "naïve", "emoji 🎉,ok", 'quote "d', "line\nbreak", "plain", "café,cafe"]
NEAR_LIMITS = [2**63 - 1, -(2**63), 2**62 + 7, -(2**62) - 3, 4_611_686_018_427_387_904]
FLOATS = [0.5, -0.0, 0.0, 1.25, float("nan"), -3.75, 1e15, 2.5, 2.5]
UTC = dt.timezone.utc

MAIN_SCHEMA = {
    "id": pl.Int64, "k": pl.String, "k2": pl.Int32, "i": pl.Int64, "big": pl.Int64, "f": pl.Float64,
    "d2": pl.Decimal(12, 2), "d4": pl.Decimal(18, 4), "s": pl.String, "dt": pl.Date,
    "ts": pl.Datetime("us", "UTC"), "b": pl.Boolean,
}
RIGHT_SCHEMA = {"k": pl.String, "k2": pl.Int32, "r": pl.Int64, "s": pl.String}


def _maybe(rng: random.Random, value, null_share: float = 0.12):
    return None if rng.random() < null_share else value


def main_table(rng: random.Random, rows: int) -> pl.DataFrame:
    ids = list(range(1, rows + 1))
    rng.shuffle(ids)
    data = {name: [] for name in MAIN_SCHEMA}
    for row in range(rows):
        data["id"].append(ids[row])
        data["k"].append(rng.choice(KEYS))
        data["k2"].append(rng.choice([1, 2, 3, None]))
        data["i"].append(_maybe(rng, rng.randint(-1000, 1000)))
        data["big"].append(_maybe(rng, rng.choice(NEAR_LIMITS)))
        data["f"].append(_maybe(rng, rng.choice(FLOATS) if rng.random() < 0.4 else round(rng.uniform(-100, 100), 3)))
        data["d2"].append(_maybe(rng, Decimal(rng.randint(-10**9, 10**9)).scaleb(-2)))
        data["d4"].append(_maybe(rng, Decimal(rng.randint(-10**12, 10**12)).scaleb(-4)))
        data["s"].append(rng.choice(TEXTS))
        data["dt"].append(_maybe(rng, dt.date(1970, 1, 1) + dt.timedelta(days=rng.randint(-3650, 22000))))
        data["ts"].append(_maybe(rng, dt.datetime(2000, 1, 1, tzinfo=UTC)
                                 + dt.timedelta(seconds=rng.randint(0, 10**9), microseconds=rng.randint(0, 999_999))))
        data["b"].append(_maybe(rng, rng.random() < 0.5))
    return pl.DataFrame(data, schema=MAIN_SCHEMA)


def right_table(rng: random.Random, rows: int) -> pl.DataFrame:
    data = {
        "k": [rng.choice(KEYS) for _ in range(rows)],
        "k2": [rng.choice([1, 2, 4, None]) for _ in range(rows)],
        "r": [rng.randint(-50, 50) for _ in range(rows)],
        "s": [rng.choice(TEXTS) for _ in range(rows)],
    }
    return pl.DataFrame(data, schema=RIGHT_SCHEMA)


NAMES = ["café", "cafe", "Müller", "Mueller", "Muller", "Jürgen", "Jurgen", "naïve", "naive", "", "日本語", "日本",
         "Smith", "Smyth", "Schmidt", "Ñandú", "Nandu", "über", "uber"]


def names_table(rng: random.Random, rows: int, column: str) -> pl.DataFrame:
    return pl.DataFrame({"rid": list(range(rows)), column: [_maybe(rng, rng.choice(NAMES), 0.08) for _ in range(rows)]},
                        schema={"rid": pl.Int64, column: pl.String})


def tables(seed: int) -> dict[str, pl.DataFrame]:
    """The suite's tables by name, the same for the same seed."""
    rng = random.Random(seed)
    result = {
        "main": main_table(rng, 60),
        "one": main_table(rng, 1),
        "empty": main_table(rng, 0),
        "right": right_table(rng, 25),
        "right_empty": right_table(rng, 0),
        "names_left": names_table(rng, 14, "name"),
        "names_right": names_table(rng, 12, "label"),
    }
    result["long"] = main_table(rng, 3000)
    result["main2"] = main_table(rng, 20)
    # what the writers write: the columns whose text form is the same in every tool
    for name in ("main", "empty", "long"):
        result[f"written_{name}"] = result[name].select("id", "k", "i", "d2", "dt", "b", "s")
    return result


def write_tables(seed: int, directory: Path) -> None:
    """Every table as Parquet; 'long' in row groups of 256 rows, so order must hold across row groups."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, table in tables(seed).items():
        table.write_parquet(directory / f"{name}.parquet", row_group_size=256 if name == "long" else None)
    # the same table split in two files whose columns differ, for read_parquet's union_by_name
    main = tables(seed)["main"]
    main.select("id", "k", "i").head(30).write_parquet(directory / "parts-a.parquet")
    main.select("id", "f", "k").tail(30).write_parquet(directory / "parts-b.parquet")


def write_xlsx(path: Path, header: list[str], rows: list[list]) -> None:
    """A minimal .xlsx (one sheet, inline strings, numbers, booleans and dates) without a library."""
    def cell(ref: str, value) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, dt.date):
            serial = (value - dt.date(1899, 12, 30)).days
            return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
        if isinstance(value, (int, float)):
            return f'<c r="{ref}"><v>{value!r}</v></c>'
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'

    def column_letter(index: int) -> str:
        letters = ""
        index += 1
        while index:
            index, rest = divmod(index - 1, 26)
            letters = chr(65 + rest) + letters
        return letters

    sheet_rows = []
    for r, values in enumerate([header] + rows, start=1):
        cells = "".join(cell(f"{column_letter(c)}{r}", v) for c, v in enumerate(values))
        sheet_rows.append(f'<row r="{r}">{cells}</row>')
    main_ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook {main_ns} {rel_ns}><sheets>'
        '<sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>',
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {main_ns}>'
        '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet {main_ns}><sheetData>'
        + "".join(sheet_rows) + '</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
