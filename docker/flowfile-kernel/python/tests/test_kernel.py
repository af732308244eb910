"""The real thing: flowfile inside a real ipykernel, driven by jupyter_client over ZeroMQ, started
with the same options as the image's entry point (conftest.start_kernel)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import write_ipc
from real_kernels import KernelSession, entry_point_arguments
from flowfile._log import LOG_MIME


def test_the_entry_points_options_are_read_from_the_script() -> None:
    options = entry_point_arguments()

    assert "--HistoryManager.enabled=False" in options
    assert "--IPKernelApp.exec_lines=import flowfile._kernel; flowfile._kernel.prepare()" in options


def test_log_info_in_a_kernel_publishes_the_flowfile_log_mime(kernel: KernelSession) -> None:
    run = kernel.execute('import flowfile; flowfile.log_info("hi")')

    assert run.reply["status"] == "ok", run.reply
    [content] = run.of_type("display_data")
    record = content["data"][LOG_MIME]
    assert record["level"] == "INFO" and record["message"] == "hi" and record["time"].endswith("Z")
    assert content["data"]["text/plain"] == "[INFO] hi"


def test_flowfile_is_imported_at_start_without_polars(kernel: KernelSession) -> None:
    assert "flowfile" in kernel.modules_at_start and "flowfile._kernel" in kernel.modules_at_start
    assert "polars" not in kernel.modules_at_start


def test_a_node_run_in_a_kernel(kernel: KernelSession, tmp_path: Path) -> None:
    source = write_ipc(tmp_path / "in.arrow", {"amount": [50, 150, 250]})
    context = {"node_id": 9, "inputs": {"main": [source]}, "output_dir": str(tmp_path / "out")}
    code = (
        f"flowfile._context.set_context({json.dumps(context)})\n"
        "import polars as pl\n"
        "df = flowfile.read_input().filter(pl.col('amount') > 100)\n"
        "flowfile.publish_output(df)\n"
        "flowfile.display(df, title='big')\n"
        "flowfile.log_warning('done')\n"
        "flowfile._context.clear_context()\n"
    )

    run = kernel.execute(code)

    assert run.reply["status"] == "ok", run.reply
    table, log = run.of_type("display_data")
    assert "<table" in table["data"]["text/html"]
    assert table["metadata"] == {"flowfile": {"title": "big"}}
    assert log["data"][LOG_MIME]["node_id"] == 9
    import pyarrow as pa

    with pa.memory_map(str(tmp_path / "out" / "main.arrow")) as file:
        assert pa.ipc.open_file(file).read_all().to_pydict() == {"amount": [150, 250]}


def test_an_unknown_input_fails_the_cell_with_the_valid_names(kernel: KernelSession, tmp_path: Path) -> None:
    code = (
        f"flowfile._context.set_context({{'inputs': {{'main': ['{tmp_path}/a.arrow']}}}})\n"
        "try:\n    flowfile.read_input('other')\nfinally:\n    flowfile._context.clear_context()\n"
    )

    reply = kernel.execute(code).reply

    assert reply["status"] == "error"
    assert reply["ename"] == "UnknownNameError"
    assert reply["evalue"] == "unknown input 'other': this node's inputs are 'main'"


def test_plt_show_displays_each_open_figure_once_as_a_png(kernel: KernelSession) -> None:
    code = (
        "import flowfile._kernel as _fk\n"
        "_fk.run_cell({'flow_id': 'f', 'node_id': 2}, "
        "'import matplotlib.pyplot as plt\\n"
        "plt.plot([1, 3, 2]); plt.suptitle(\"Line\")\\n"
        "plt.figure(); plt.bar([\"a\", \"b\"], [2, 5])\\n"
        "plt.show()\\n"
        "plt.show()')\n"  # nothing is left open: the second show displays nothing
    )

    run = kernel.execute(code)

    assert run.reply["status"] == "ok", run.reply
    line, bars = run.of_type("display_data")
    assert line["data"]["image/png"] and bars["data"]["image/png"]
    assert line["metadata"] == {"flowfile": {"title": "Line"}}
    assert bars["metadata"] == {"flowfile": {"title": ""}}
    assert kernel.stdout("import matplotlib.pyplot as plt; print(plt.get_backend(), plt.get_fignums())").strip() == (
        "module://flowfile._matplotlib []"
    )
