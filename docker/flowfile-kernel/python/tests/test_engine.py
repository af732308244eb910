"""Kernel -> engine requests: the request/answer-file protocol with a fake transport, and the real
thing, a real ipykernel whose comm messages reach a jupyter_client on iopub."""

from __future__ import annotations

import base64
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.manager import KernelManager

import flowfile
from conftest import FakeEngine, python_env, write_reply
from flowfile import _engine

TIMEOUT = 60


# --- the protocol, with a fake transport ----------------------------------------------------------


@pytest.fixture
def fake(tmp_path: Path) -> FakeEngine:
    engine = FakeEngine(str(tmp_path))
    _engine.use_transport(engine)
    return engine


def test_a_request_carries_protocol_id_action_and_fields(fake: FakeEngine, tmp_path: Path) -> None:
    fake.handlers["list_global"] = lambda m: {"ok": True, "artifacts": [1]}

    answer = _engine.request("list_global", {"tags": ["a"]}, str(tmp_path))

    assert answer == {"artifacts": [1]}
    [message] = fake.messages
    assert set(message) == {"protocol", "protocol_version", "request_id", "action", "tags"}
    assert (message["protocol"], message["protocol_version"], message["action"]) == ("flowfile.engine", 1, "list_global")
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", message["request_id"])


def test_the_answer_file_is_read_and_deleted(fake: FakeEngine, tmp_path: Path) -> None:
    fake.handlers["get_global"] = lambda m: {"ok": True, "path": "x"}

    _engine.request("get_global", {"name": "n"}, str(tmp_path))

    assert os.listdir(tmp_path / "replies") == []


def test_an_answer_written_later_unblocks_the_request(fake: FakeEngine, tmp_path: Path) -> None:
    fake.delay = 0.25
    fake.handlers["delete_global"] = lambda m: {"ok": True}

    started = time.monotonic()
    assert _engine.request("delete_global", {"name": "n"}, str(tmp_path)) == {}
    assert time.monotonic() - started >= 0.25
    fake.threads[0].join()


def test_ok_false_raises_the_engines_message(fake: FakeEngine, tmp_path: Path) -> None:
    fake.handlers["get_global"] = lambda m: {"ok": False, "error": "no such artifact 'x'"}

    with pytest.raises(flowfile.EngineError) as raised:
        _engine.request("get_global", {"name": "x"}, str(tmp_path))
    assert str(raised.value) == "no such artifact 'x'"
    assert os.listdir(tmp_path / "replies") == []


def test_ok_false_without_a_message(fake: FakeEngine, tmp_path: Path) -> None:
    fake.handlers["get_global"] = lambda m: {"ok": False}

    with pytest.raises(flowfile.EngineError, match="refused the get_global request without saying why"):
        _engine.request("get_global", {}, str(tmp_path))


@pytest.mark.parametrize("answer", ["not json", "[1, 2]", '{"result": 1}', '{"ok": "yes"}'])
def test_a_malformed_answer_is_an_error(fake: FakeEngine, tmp_path: Path, answer: str) -> None:
    fake.handlers["list_global"] = lambda m: answer  # type: ignore[assignment,return-value]

    with pytest.raises(flowfile.EngineError, match="the engine's answer to the list_global request"):
        _engine.request("list_global", {}, str(tmp_path))


def test_the_timeout_can_be_given(fake: FakeEngine, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(flowfile.EngineTimeoutError, match=r"within 0.1 s"):
        _engine.request("list_global", {}, str(tmp_path), timeout=0.1)
    assert time.monotonic() - started < 2


def test_the_default_timeout_is_60_seconds_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLOWFILE_ENGINE_TIMEOUT", raising=False)
    assert _engine.timeout_seconds() == 60.0
    monkeypatch.setenv("FLOWFILE_ENGINE_TIMEOUT", "2.5")
    assert _engine.timeout_seconds() == 2.5


def test_events_do_not_wait(fake: FakeEngine, tmp_path: Path) -> None:
    assert _engine.notify("artifact_deleted", {"name": "x"}) is True
    assert fake.messages[0]["action"] == "artifact_deleted"
    assert not (tmp_path / "replies").exists()


def test_without_an_exchange_directory_nothing_is_sent(fake: FakeEngine) -> None:
    with pytest.raises(flowfile.EngineUnavailableError, match="no exchange directory"):
        _engine.request("list_global", {}, None)
    assert fake.messages == []


def test_outside_a_kernel_the_comm_transport_fails_at_once(tmp_path: Path) -> None:
    _engine.use_transport(None)
    started = time.monotonic()

    with pytest.raises(flowfile.EngineUnavailableError, match="does not run in a flowfile kernel"):
        _engine.request("list_global", {}, str(tmp_path))
    assert time.monotonic() - started < 1
    assert _engine.notify("artifact_published", {}) is False


def test_request_fields_cannot_shadow_the_envelope(fake: FakeEngine, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'action'"):
        _engine.request("list_global", {"action": "x"}, str(tmp_path))


# --- a real ipykernel ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BlockingKernelClient]:
    home = tmp_path_factory.mktemp("engine-kernel-home")
    env = python_env()
    env.update(
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        MPLCONFIGDIR=str(home / "matplotlib"),
        MPLBACKEND="Agg",
        JUPYTER_PLATFORM_DIRS="1",
        FLOWFILE_ENGINE_TIMEOUT="30",
    )
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(
        env=env,
        extra_arguments=[
            "--HistoryManager.enabled=False",
            "--IPKernelApp.exec_lines=import flowfile._kernel; flowfile._kernel.prepare()",
        ],
    )
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        yield client
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def driver(context: dict[str, Any], source: str, cell_index: int = 0) -> str:
    """The code the engine sends for one cell."""
    return f'import flowfile._kernel as _fk; _fk.run_cell_b64("{b64(json.dumps(context))}", "{b64(source)}", {cell_index})'


opened_comms: dict[str, dict[str, Any]] = {}
"""comm_id -> comm_open content, of every comm the module's kernel opened (whichever test saw it)."""


class Execution:
    """One execute_request and everything it caused, read as it comes."""

    def __init__(self, client: BlockingKernelClient, code: str) -> None:
        self.client = client
        self.msg_id = client.execute(code)
        self.iopub: list[dict[str, Any]] = []
        self.idle = False

    def next_iopub(self) -> dict[str, Any]:
        while True:
            message = self.client.get_iopub_msg(timeout=TIMEOUT)
            if message["parent_header"].get("msg_id") != self.msg_id:
                continue
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                self.idle = True
            if message["msg_type"] == "comm_open":
                opened_comms[message["content"]["comm_id"]] = message["content"]
            self.iopub.append(message)
            return message

    def wait_for(self, msg_type: str) -> dict[str, Any]:
        while True:
            message = self.next_iopub()
            if message["msg_type"] == msg_type:
                return message
            assert not self.idle, f"the execution ended without a {msg_type}: {self.iopub}"

    def finish(self) -> dict[str, Any]:
        while not self.idle:
            self.next_iopub()
        reply = self.client.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != self.msg_id:
            reply = self.client.get_shell_msg(timeout=TIMEOUT)
        return reply["content"]

    def of_type(self, msg_type: str) -> list[dict[str, Any]]:
        return [m["content"] for m in self.iopub if m["msg_type"] == msg_type]


def test_a_request_reaches_the_client_as_a_comm_and_a_reply_file_unblocks_the_kernel(
    kernel: BlockingKernelClient, tmp_path: Path
) -> None:
    exchange = tmp_path / "exchange"
    context = {"flow_id": "f1", "node_id": 4, "run_id": "r1", "exchange_dir": str(exchange)}
    run = Execution(kernel, driver(context, "found = flowfile.list_global_artifacts(tags=['ml'])\n[a.name for a in found]"))

    sent = run.wait_for("comm_msg")
    opened = opened_comms[sent["content"]["comm_id"]]  # the comm_open came first (in this test or before)
    assert opened["target_name"] == "flowfile.engine"
    assert opened["data"] == {"protocol": "flowfile.engine", "protocol_version": 1}
    data = sent["content"]["data"]
    assert (data["action"], data["tags"], data["protocol"], data["protocol_version"]) == (
        "list_global", ["ml"], "flowfile.engine", 1
    )
    assert sent["parent_header"]["msg_id"] == run.msg_id  # the engine knows which execution asks

    time.sleep(0.3)  # the kernel is blocked, waiting for the answer
    assert not run.idle
    write_reply(str(exchange), data["request_id"], {"ok": True, "artifacts": [{"name": "sales", "version": 2}]})

    reply = run.finish()
    assert reply["status"] == "ok", reply
    assert [d["data"]["text/plain"] for d in run.of_type("display_data")] == ["['sales']"]
    assert os.listdir(exchange / "replies") == []


def test_the_comm_is_opened_once_and_events_do_not_wait(kernel: BlockingKernelClient, tmp_path: Path) -> None:
    context = {"flow_id": "f2", "node_id": 1, "run_id": "r2", "artifact_dir": str(tmp_path / "artifacts")}
    first = Execution(kernel, driver(context, "flowfile.publish_artifact('m', {'v': 1})"))
    second = Execution(kernel, driver(context, "flowfile.delete_artifact('m')"))

    assert first.finish()["status"] == "ok"
    assert second.finish()["status"] == "ok"

    assert second.of_type("comm_open") == []
    assert [c["target_name"] for c in opened_comms.values()] == ["flowfile.engine"]
    events = first.of_type("comm_msg") + second.of_type("comm_msg")
    assert {e["comm_id"] for e in events} == set(opened_comms)
    assert [e["data"]["action"] for e in events] == ["artifact_published", "artifact_deleted"]
    assert events[0]["data"]["artifact"]["name"] == "m" and events[0]["data"]["artifact"]["format"] == "pickle"


def test_an_engine_error_fails_the_cell_with_its_message(kernel: BlockingKernelClient, tmp_path: Path) -> None:
    exchange = tmp_path / "exchange"
    context = {"flow_id": "f1", "node_id": 4, "exchange_dir": str(exchange), "flow_registered": True}
    run = Execution(kernel, driver(context, "flowfile.get_global('missing')", 2))
    data = run.wait_for("comm_msg")["content"]["data"]
    write_reply(str(exchange), data["request_id"], {"ok": False, "error": "no global artifact 'missing'"})

    reply = run.finish()

    assert (reply["status"], reply["ename"], reply["evalue"]) == ("error", "EngineError", "no global artifact 'missing'")


def test_a_cell_error_traceback_names_the_cell_and_hides_the_driver(kernel: BlockingKernelClient) -> None:
    source = "def check(v):\n    raise ValueError(f'bad {v}')\ncheck(3)"
    run = Execution(kernel, driver({"flow_id": "f3", "node_id": 5}, source, 1))

    reply = run.finish()

    assert (reply["status"], reply["ename"], reply["evalue"]) == ("error", "ValueError", "bad 3")
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(reply["traceback"]))
    assert "<node 5 cell 1>" in text and "check(3)" in text and "raise ValueError" in text
    assert "run_cell" not in text and "_fk" not in text, text
    after = Execution(kernel, "print('__tracebackhide__' in globals())")
    assert after.finish()["status"] == "ok"
    assert after.of_type("stream")[0]["text"].strip() == "False"


def test_a_syntax_error_shows_only_the_cell_line_as_jupyter_does(kernel: BlockingKernelClient) -> None:
    run = Execution(kernel, driver({"flow_id": "f3", "node_id": 6}, "x = 1\ny = (2,", 0))

    reply = run.finish()

    assert (reply["status"], reply["ename"]) == ("error", "SyntaxError")
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(reply["traceback"]))
    assert "<node 6 cell 0>" in text and "y = (2," in text
    assert "_fk" not in text and "_kernel.py" not in text and "ast.py" not in text, text
    after = Execution(kernel, "print(get_ipython().custom_exceptions)")
    assert after.finish()["status"] == "ok"
    assert after.of_type("stream")[0]["text"].strip() == "()"  # the handler was for that execution only


def test_namespaces_and_display_in_a_kernel(kernel: BlockingKernelClient) -> None:
    for flow, value in (("fa", 1), ("fb", 2)):
        assert Execution(kernel, driver({"flow_id": flow, "node_id": 1}, f"v = {value}")).finish()["status"] == "ok"

    run = Execution(kernel, driver({"flow_id": "fa", "node_id": 2}, "import polars as pl\npl.DataFrame({'v': [v]})", 0))
    assert run.finish()["status"] == "ok"
    [shown] = run.of_type("display_data")
    assert "<table" in shown["data"]["text/html"]
    assert run.of_type("execute_result") == []  # displayed by flowfile.display, not the shell's hook

    quiet = Execution(kernel, driver({"flow_id": "fb", "node_id": 2}, "v;"))
    assert quiet.finish()["status"] == "ok" and quiet.of_type("display_data") == []

    assert Execution(kernel, driver({"flow_id": "fb", "node_id": 1}, "", 0)).finish()["status"] == "ok"
    reset = Execution(kernel, "_fk.reset_namespace('fa')")
    assert reset.finish()["status"] == "ok"
    gone = Execution(kernel, driver({"flow_id": "fa", "node_id": 1}, "v"))
    assert gone.finish()["ename"] == "NameError"
    kept = Execution(kernel, driver({"flow_id": "fb", "node_id": 1}, "v"))
    assert kept.finish()["status"] == "ok" and kept.of_type("display_data")[0]["data"]["text/plain"] == "2"


def test_recover_artifacts_as_the_last_expression_gives_json(kernel: BlockingKernelClient, tmp_path: Path) -> None:
    run = Execution(kernel, f"import flowfile._kernel as _fk\n_fk.recover_artifacts('k1', {str(tmp_path / 'a')!r}, 'lazy')")

    assert run.finish()["status"] == "ok"
    [result] = run.of_type("execute_result")
    assert json.loads(result["data"]["text/plain"]) == {"mode": "lazy", "indexed": 0, "loaded": 0, "deleted": 0, "errors": []}


def test_an_interrupt_stops_a_request_waiting_for_the_engine(tmp_path: Path) -> None:
    """A cell blocked on the engine's answer can still be interrupted (KeyboardInterrupt)."""
    env = python_env()
    env.update(JUPYTER_PLATFORM_DIRS="1", IPYTHONDIR=str(tmp_path / "ipython"), JUPYTER_RUNTIME_DIR=str(tmp_path / "rt"))
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env=env, extra_arguments=["--HistoryManager.enabled=False"])
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        context = {"flow_id": "f1", "node_id": 1, "exchange_dir": str(tmp_path / "x")}
        run = Execution(client, driver(context, "flowfile.list_global_artifacts()"))
        run.wait_for("comm_msg")
        threading.Timer(0.2, manager.interrupt_kernel).start()
        reply = run.finish()
        assert (reply["status"], reply["ename"]) == ("error", "KeyboardInterrupt")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
