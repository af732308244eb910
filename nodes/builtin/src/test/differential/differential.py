"""The differential suite's two steps, around the engine's runs (DifferentialIT):

    differential.py generate DIR [--seed N]   tables, input files and one flow per case under DIR
    differential.py check DIR                 every result under DIR/results/<configuration>/ against
                                              the independent implementation; exit 1 on a difference

A case's result is DIR/results/<configuration>/<case>.parquet (or the file a writer wrote), or
<case>.error holding the run's error.
"""
from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections import Counter
from pathlib import Path

import polars as pl

import cases_aggregate
import cases_files
import cases_other
import cases_rows
from framework import Case, compare
from tables import tables, write_tables

DEFAULT_SEED = 20261203


def all_cases(seed: int) -> list[Case]:
    data = tables(seed)
    found = cases_rows.cases(data) + cases_aggregate.cases(data) + cases_other.cases(data) + cases_files.cases(data)
    names = Counter(case.name for case in found)
    doubled = [name for name, count in names.items() if count > 1]
    if doubled:
        raise SystemExit(f"case names used twice: {doubled[:10]}")
    return found


def generate(directory: Path, seed: int) -> None:
    write_tables(seed, directory / "tables")
    cases_files.write_files(tables(seed), directory)
    flows = directory / "flows"
    flows.mkdir(parents=True, exist_ok=True)
    found = all_cases(seed)
    for case in found:
        (flows / f"{case.name}.json").write_text(json.dumps(case.flow(), ensure_ascii=False), encoding="utf-8")
    (directory / "seed").write_text(str(seed))
    types = Counter(case.type for case in found)
    print(f"{len(found)} cases over {len(types)} node types (seed {seed}): "
          + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))


def check_one(case: Case, inputs: dict[str, pl.DataFrame], results: Path) -> str | None:
    error_file = results / f"{case.name}.error"
    if case.error is not None:
        if not error_file.exists():
            return f"expected an error containing {case.error!r}, but the run succeeded"
        message = error_file.read_text(encoding="utf-8")
        return None if case.error in message else f"expected an error containing {case.error!r}, got: {message}"
    if error_file.exists():
        return "the run failed: " + error_file.read_text(encoding="utf-8")[:600]
    extension = {"parquet-file": "parquet"}.get(case.result, case.result)
    path = results / f"{case.name}.{extension}"
    if not path.exists():
        return f"no result {path.name}"
    try:
        actual = case.read_result(str(path)) if case.read_result else pl.read_parquet(path)
    except Exception as e:  # a file the engine wrote that cannot be read back is a difference
        return f"the result cannot be read: {e}"
    try:
        if case.check is not None:
            return case.check(inputs, actual)
        expected = case.expected(inputs)
    except Exception:  # the suite's own fault: say so, with its trace
        return "the independent implementation failed: " + traceback.format_exc(limit=3)
    return compare(expected, actual, case.ordered, case.tolerance)


def check_repeatable(case: Case, configurations: list[Path]) -> str | None:
    """The same rows in every configuration (a seeded sample drawn with any number of threads)."""
    results = {c.name: pl.read_parquet(c / f"{case.name}.parquet") for c in configurations
               if (c / f"{case.name}.parquet").exists()}
    first_name, first = next(iter(results.items()))
    for name, result in results.items():
        problem = compare(first, result, True, 0.0)
        if problem:
            return f"{name} differs from {first_name}: {problem}"
    return None


def check(directory: Path) -> int:
    seed = int((directory / "seed").read_text())
    data = tables(seed)
    found = all_cases(seed)
    configurations = sorted(p for p in (directory / "results").iterdir() if p.is_dir())
    failures, checked = [], 0
    for case in found:
        inputs = {port: data[table] for port, table in case.inputs.items()}
        for configuration in configurations:
            checked += 1
            problem = check_one(case, inputs, configuration)
            if problem:
                failures.append(f"{case.name} [{configuration.name}] ({case.type} {json.dumps(case.settings, ensure_ascii=False)}): {problem}")
        if case.repeatable:
            checked += 1
            problem = check_repeatable(case, configurations)
            if problem:
                failures.append(f"{case.name} [repeatable] ({case.type} {json.dumps(case.settings)}): {problem}")
    if (directory / "files" / "existing.txt").read_text(encoding="utf-8") != "kept\n":
        failures.append("files/existing.txt: a writer with mode fail_if_exists changed it")
    by_type = Counter(case.type for case in found)
    print(f"differential: {len(found)} cases over {len(by_type)} node types x {len(configurations)} configurations "
          f"({', '.join(c.name for c in configurations)}): {checked - len(failures)} agree, {len(failures)} differ")
    for failure in failures[:200]:
        print("DIFFERS " + failure)
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("step", choices=["generate", "check"])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    if args.step == "generate":
        generate(args.directory, args.seed)
        return 0
    return check(args.directory)


if __name__ == "__main__":
    sys.exit(main())
