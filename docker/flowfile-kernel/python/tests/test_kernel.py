"""The real thing: flowfile inside a real ipykernel, driven by jupyter_client over ZeroMQ, started
with the same options as the image's entry point."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import KernelManager

from conftest import python_env, write_ipc
from flowfile._log import LOG_MIME

TIMEOUT = 60


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BlockingKernelClient]:
    home = tmp_path_factory.mktemp("kernel-home")
    env = python_env()
    env.update(
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        MPLCONFIGDIR=str(home / "matplotlib"),
        MPLBACKEND="Agg",
        JUPYTER_PLATFORM_DIRS="1",
    )
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(
        env=env,
        extra_arguments=["--HistoryManager.enabled=False", "--IPKernelApp.exec_lines=import flowfile._kernel; flowfile._kernel.prepare()"],
    )
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def execute(client: BlockingKernelClient, code: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Runs ``code``; returns the execute_reply content and the iopub messages it caused."""
    msg_id = client.execute(code)
    reply = client.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = client.get_shell_msg(timeout=TIMEOUT)
    messages = []
    while True:
        message = client.get_iopub_msg(timeout=TIMEOUT)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return reply["content"], messages
        messages.append(message)


def displays(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["content"] for m in messages if m["msg_type"] == "display_data"]


def test_log_info_in_a_kernel_publishes_the_flowfile_log_mime(kernel: BlockingKernelClient) -> None:
    reply, messages = execute(kernel, 'import flowfile; flowfile.log_info("hi")')

    assert reply["status"] == "ok", reply
    [content] = displays(messages)
    record = content["data"][LOG_MIME]
    assert record["level"] == "INFO" and record["message"] == "hi" and record["time"].endswith("Z")
    assert content["data"]["text/plain"] == "[INFO] hi"


def test_flowfile_is_imported_at_start_without_polars(kernel: BlockingKernelClient) -> None:
    reply, messages = execute(kernel, "import sys; print(sorted(m for m in ('flowfile', 'polars') if m in sys.modules))")

    assert reply["status"] == "ok", reply
    [stream] = [m["content"]["text"] for m in messages if m["msg_type"] == "stream"]
    assert stream.strip() == "['flowfile']"


def test_a_node_run_in_a_kernel(kernel: BlockingKernelClient, tmp_path: Path) -> None:
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

    reply, messages = execute(kernel, code)

    assert reply["status"] == "ok", reply
    table, log = displays(messages)
    assert "<table" in table["data"]["text/html"]
    assert table["metadata"] == {"flowfile": {"title": "big"}}
    assert log["data"][LOG_MIME]["node_id"] == 9
    import pyarrow as pa

    with pa.memory_map(str(tmp_path / "out" / "main.arrow")) as file:
        assert pa.ipc.open_file(file).read_all().to_pydict() == {"amount": [150, 250]}


def test_an_unknown_input_fails_the_cell_with_the_valid_names(kernel: BlockingKernelClient, tmp_path: Path) -> None:
    code = (
        f"flowfile._context.set_context({{'inputs': {{'main': ['{tmp_path}/a.arrow']}}}})\n"
        "try:\n    flowfile.read_input('other')\nfinally:\n    flowfile._context.clear_context()\n"
    )

    reply, _ = execute(kernel, code)

    assert reply["status"] == "error"
    assert reply["ename"] == "UnknownNameError"
    assert reply["evalue"] == "unknown input 'other': this node's inputs are 'main'"
