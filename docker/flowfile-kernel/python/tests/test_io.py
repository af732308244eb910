"""read_input / read_first / read_inputs / publish_output over real Arrow IPC files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import flowfile
from real_kernels import python_env
from flowfile import _io


def read_arrow(path: str) -> pa.Table:
    with pa.memory_map(path) as source:
        return pa.ipc.open_file(source).read_all()


# ---- reading ---------------------------------------------------------------------------------------


def test_read_input_concatenates_the_files_of_an_input(exchange: dict[str, Any]) -> None:
    frame = flowfile.read_input()

    assert isinstance(frame, pl.LazyFrame)
    assert frame.collect().to_dict(as_series=False) == {"id": [1, 2, 3], "name": ["a", "b", "c"]}


def test_read_input_by_name(exchange: dict[str, Any]) -> None:
    assert flowfile.read_input("orders").collect()["order"].to_list() == [10, 20, 30]


def test_read_input_maps_the_file_instead_of_copying_it(tmp_path: Path) -> None:
    import numpy as np

    rows = 5_000_000  # 40 MB per column
    table = pa.table({"x": np.arange(rows), "y": np.arange(rows)})
    path = str(tmp_path / "big.arrow")
    with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        # Record batches of 100k rows, as the engine writes them: Polars streams over batches of a
        # mapped file; one huge batch would be copied whole (39 MB here instead of 8).
        writer.write_table(table, max_chunksize=100_000)
    code = (
        "import flowfile, polars as pl\n"
        "def anonymous_mb():\n"
        "    for line in open('/proc/self/status'):\n"
        "        if line.startswith('RssAnon:'):\n"
        "            return int(line.split()[1]) // 1024\n"
        f"flowfile._context.set_context({{'inputs': {{'main': [{path!r}]}}}})\n"
        "frame = flowfile.read_input()\n"
        "before = anonymous_mb()\n"
        f"assert frame.select(pl.col('x').sum()).collect().item() == {rows * (rows - 1) // 2}\n"
        "print(anonymous_mb() - before)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=python_env(), capture_output=True, text=True, timeout=120, check=True
    )

    # Reading the column into memory would take at least 40 MB of anonymous memory.
    assert int(result.stdout.strip()) < 20, result.stdout


def test_input_paths_are_literal_not_glob_patterns(tmp_path: Path) -> None:
    from conftest import write_ipc

    literal = write_ipc(tmp_path / "data[1].arrow", {"x": [1]})
    write_ipc(tmp_path / "data1.arrow", {"x": [2]})  # what the glob data[1] would match
    flowfile._context.set_context({"inputs": {"main": [literal]}})

    assert flowfile.read_input().collect()["x"].to_list() == [1]


def test_read_first_reads_only_the_first_file(exchange: dict[str, Any]) -> None:
    assert flowfile.read_first().collect()["id"].to_list() == [1, 2]


def test_read_inputs_gives_one_frame_per_file(exchange: dict[str, Any]) -> None:
    inputs = flowfile.read_inputs()

    assert sorted(inputs) == ["main", "orders"]
    assert [frame.collect().height for frame in inputs["main"]] == [2, 1]
    assert all(isinstance(frame, pl.LazyFrame) for frame in inputs["orders"])


@pytest.mark.parametrize("read", [flowfile.read_input, flowfile.read_first])
def test_unknown_input_lists_the_valid_names(exchange: dict[str, Any], read: Any) -> None:
    with pytest.raises(KeyError) as raised:
        read("customers")

    assert isinstance(raised.value, flowfile.UnknownNameError)
    assert str(raised.value) == "unknown input 'customers': this node's inputs are 'main', 'orders'"


def test_a_node_without_inputs_says_so() -> None:
    flowfile._context.set_context({"inputs": {}})

    with pytest.raises(flowfile.UnknownNameError, match="this node has no inputs"):
        flowfile.read_input()


# ---- publishing ------------------------------------------------------------------------------------


def published_table(exchange: dict[str, Any], name: str = "main") -> pa.Table:
    return read_arrow(os.path.join(exchange["output_dir"], f"{name}.arrow"))


def test_publish_polars_dataframe(exchange: dict[str, Any]) -> None:
    result = flowfile.publish_output(pl.DataFrame({"id": [1, 2], "name": ["x", None]}))

    assert result is None
    assert published_table(exchange).to_pydict() == {"id": [1, 2], "name": ["x", None]}


def test_publish_polars_lazyframe(exchange: dict[str, Any]) -> None:
    frame = flowfile.read_input().filter(pl.col("id") > 1)

    flowfile.publish_output(frame, name="summary")

    assert published_table(exchange, "summary").to_pydict() == {"id": [2, 3], "name": ["b", "c"]}


def test_publish_pandas_dataframe_keeps_a_named_index(exchange: dict[str, Any]) -> None:
    frame = pd.DataFrame({"amount": [1.5, 2.5]}, index=pd.Index(["a", "b"], name="key"))

    flowfile.publish_output(frame)

    assert published_table(exchange).to_pydict() == {"key": ["a", "b"], "amount": [1.5, 2.5]}


def test_publish_pandas_dataframe_drops_a_default_index(exchange: dict[str, Any]) -> None:
    flowfile.publish_output(pd.DataFrame({"amount": [1, 2]}))

    assert published_table(exchange).column_names == ["amount"]


def test_publish_pyarrow_table_and_record_batch(exchange: dict[str, Any]) -> None:
    table = pa.table({"n": pa.array([1, 2], pa.int32()), "s": ["p", "q"]})

    flowfile.publish_output(table)
    assert published_table(exchange).equals(table)

    flowfile.publish_output(table.to_batches()[0], name="summary")
    assert published_table(exchange, "summary").equals(table)


def test_published_file_is_uncompressed_so_it_maps_without_copying(exchange: dict[str, Any]) -> None:
    flowfile.publish_output(pl.DataFrame({"x": list(range(100_000)), "s": ["v"] * 100_000}))
    path = os.path.join(exchange["output_dir"], "main.arrow")

    before = pa.total_allocated_bytes()
    with pa.memory_map(path) as source:
        table = pa.ipc.open_file(source).read_all()
        assert table.num_rows == 100_000
        assert pa.total_allocated_bytes() == before  # a compressed file would be decompressed into memory


def test_polars_strings_are_written_as_views_without_conversion(exchange: dict[str, Any]) -> None:
    flowfile.publish_output(pl.DataFrame({"s": ["a", "a string longer than twelve bytes"], "b": [b"x", None]}))

    table = published_table(exchange)
    assert table.schema.field("s").type == pa.string_view()
    assert table.schema.field("b").type == pa.binary_view()
    assert table.to_pydict() == {"s": ["a", "a string longer than twelve bytes"], "b": [b"x", None]}


def test_publish_replaces_an_earlier_output(exchange: dict[str, Any]) -> None:
    flowfile.publish_output(pl.DataFrame({"v": [1]}))
    flowfile.publish_output(pl.DataFrame({"v": [2, 3]}))

    assert published_table(exchange).to_pydict() == {"v": [2, 3]}
    assert os.listdir(exchange["output_dir"]) == ["main.arrow"]


def test_publish_writes_a_temporary_file_and_renames_it(
    exchange: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    flowfile.publish_output(pl.DataFrame({"v": [1]}))
    target = os.path.join(exchange["output_dir"], "main.arrow")
    seen: list[Any] = []
    real_write = _io._write_ipc

    def spy(writer: str, df: Any, path: str) -> None:
        real_write(writer, df, path)
        # The new file is complete under its temporary name; readers still see the old one.
        seen.append((os.path.dirname(path), os.path.basename(path), read_arrow(target).to_pydict()))

    monkeypatch.setattr(_io, "_write_ipc", spy)
    flowfile.publish_output(pl.DataFrame({"v": [2]}))

    directory, temporary, old_content = seen[0]
    assert directory == exchange["output_dir"]
    assert temporary.startswith(".main.") and temporary.endswith(".arrow.partial")
    assert old_content == {"v": [1]}
    assert read_arrow(target).to_pydict() == {"v": [2]}
    assert os.listdir(exchange["output_dir"]) == ["main.arrow"]
    assert os.stat(target).st_mode & 0o777 == 0o644


def test_failed_publish_leaves_no_temporary_file_and_keeps_the_old_output(exchange: dict[str, Any]) -> None:
    flowfile.publish_output(pl.DataFrame({"v": ["1"]}))
    failing = pl.LazyFrame({"v": ["not a number"]}).select(pl.col("v").cast(pl.Int64, strict=True))

    with pytest.raises(pl.exceptions.PolarsError):
        flowfile.publish_output(failing)

    assert os.listdir(exchange["output_dir"]) == ["main.arrow"]
    assert published_table(exchange).to_pydict() == {"v": ["1"]}


def test_unknown_output_lists_the_valid_names(exchange: dict[str, Any]) -> None:
    with pytest.raises(KeyError) as raised:
        flowfile.publish_output(pl.DataFrame({"v": [1]}), name="extra")

    assert str(raised.value) == "unknown output 'extra': this node's outputs are 'main', 'summary'"
    assert not os.path.exists(exchange["output_dir"])


def test_unsupported_object_is_refused_naming_the_accepted_types(exchange: dict[str, Any]) -> None:
    with pytest.raises(TypeError, match=r"Polars DataFrame or LazyFrame.*not builtins.dict"):
        flowfile.publish_output({"v": [1]})
