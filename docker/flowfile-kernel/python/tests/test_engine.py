"""Kernel -> engine requests: the request/answer-file protocol with a fake transport, and the real
thing, a real ipykernel whose comm messages reach a jupyter_client on iopub."""

from __future__ import annotations

import json
import os
import queue
import re
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import flowfile
from conftest import FakeEngine, driver_code, write_reply
from real_kernels import KernelSession, start_kernel
from flowfile import _engine


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
    fake.threads[0].join(timeout=10)
    assert not fake.threads[0].is_alive(), "the answering thread did not finish"


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


def test_without_a_timeout_the_module_default_applies(
    fake: FakeEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _engine.DEFAULT_TIMEOUT == 60.0
    monkeypatch.setattr(_engine, "DEFAULT_TIMEOUT", 0.1)

    with pytest.raises(flowfile.EngineTimeoutError, match=r"within 0.1 s"):
        _engine.request("list_global", {}, str(tmp_path))


@pytest.mark.parametrize(
    ("timeout", "error"),
    [
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (float("-inf"), ValueError),
        (0, ValueError),
        (-1.5, ValueError),
        ("5", TypeError),
        (True, TypeError),
    ],
)
def test_a_bad_timeout_is_refused_before_anything_is_sent(
    fake: FakeEngine, tmp_path: Path, timeout: Any, error: type
) -> None:
    with pytest.raises(error, match="timeout must be a"):
        _engine.request("list_global", {}, str(tmp_path), timeout=timeout)
    assert fake.messages == []


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


@pytest.fixture
def fresh(kernel: KernelSession) -> KernelSession:
    """The module's kernel with its engine comm forgotten: the next request opens a new one, so each
    test sees its own comm_open whatever ran before."""
    assert kernel.execute("import flowfile._engine; flowfile._engine.use_transport(None)").reply["status"] == "ok"
    return kernel


def test_a_request_reaches_the_client_as_a_comm_and_a_reply_file_unblocks_the_kernel(
    fresh: KernelSession, tmp_path: Path
) -> None:
    exchange = tmp_path / "exchange"
    context = {"flow_id": "f1", "node_id": 4, "run_id": "r1", "exchange_dir": str(exchange)}
    run = fresh.start(driver_code(context, "found = flowfile.list_global_artifacts(tags=['ml'])\n[a.name for a in found]"))

    sent = run.wait_for("comm_msg")
    [opened] = run.of_type("comm_open")  # before the first message
    assert opened["comm_id"] == sent["content"]["comm_id"]
    assert opened["target_name"] == "flowfile.engine"
    assert opened["data"] == {"protocol": "flowfile.engine", "protocol_version": 1}
    data = sent["content"]["data"]
    assert (data["action"], data["tags"], data["protocol"], data["protocol_version"]) == (
        "list_global", ["ml"], "flowfile.engine", 1
    )
    assert sent["parent_header"]["msg_id"] == run.msg_id  # the engine knows which execution asks

    # The kernel is blocked, waiting for the answer: no reply to the execution comes meanwhile.
    with pytest.raises(queue.Empty):
        run.client.get_shell_msg(timeout=0.5)
    assert not run.idle
    write_reply(str(exchange), data["request_id"], {"ok": True, "artifacts": [{"name": "sales", "version": 2}]})

    reply = run.finish()
    assert reply["status"] == "ok", reply
    assert [d["data"]["text/plain"] for d in run.of_type("display_data")] == ["['sales']"]
    assert os.listdir(exchange / "replies") == []


def test_the_comm_is_opened_once_and_events_do_not_wait(fresh: KernelSession, tmp_path: Path) -> None:
    context = {"flow_id": "f2", "node_id": 1, "run_id": "r2", "artifact_dir": str(tmp_path / "artifacts")}
    first = fresh.start(driver_code(context, "flowfile.publish_artifact('m', {'v': 1})"))
    second = fresh.start(driver_code(context, "flowfile.delete_artifact('m')"))

    assert first.finish()["status"] == "ok"
    assert second.finish()["status"] == "ok"

    [opened] = first.of_type("comm_open")
    assert opened["target_name"] == "flowfile.engine"
    assert second.of_type("comm_open") == []
    events = first.of_type("comm_msg") + second.of_type("comm_msg")
    assert {e["comm_id"] for e in events} == {opened["comm_id"]}
    assert [e["data"]["action"] for e in events] == ["artifact_published", "artifact_deleted"]
    assert events[0]["data"]["artifact"]["name"] == "m" and events[0]["data"]["artifact"]["format"] == "pickle"


def test_an_engine_error_fails_the_cell_with_its_message(kernel: KernelSession, tmp_path: Path) -> None:
    exchange = tmp_path / "exchange"
    context = {"flow_id": "f1", "node_id": 4, "exchange_dir": str(exchange), "flow_registered": True}
    run = kernel.start(driver_code(context, "flowfile.get_global('missing')", 2))
    data = run.wait_for("comm_msg")["content"]["data"]
    write_reply(str(exchange), data["request_id"], {"ok": False, "error": "no global artifact 'missing'"})

    reply = run.finish()

    assert (reply["status"], reply["ename"], reply["evalue"]) == ("error", "EngineError", "no global artifact 'missing'")


def test_the_context_can_shorten_the_wait_for_the_engine(kernel: KernelSession, tmp_path: Path) -> None:
    context = {"flow_id": "f1", "node_id": 4, "exchange_dir": str(tmp_path / "exchange"), "engine_timeout": 0.2}

    reply = kernel.execute(driver_code(context, "flowfile.list_global_artifacts()")).reply

    assert (reply["status"], reply["ename"]) == ("error", "EngineTimeoutError")
    assert "within 0.2 s" in reply["evalue"]


def test_a_cell_error_traceback_names_the_cell_and_hides_the_driver(kernel: KernelSession) -> None:
    source = "def check(v):\n    raise ValueError(f'bad {v}')\ncheck(3)"

    reply = kernel.execute(driver_code({"flow_id": "f3", "node_id": 5}, source, 1)).reply

    assert (reply["status"], reply["ename"], reply["evalue"]) == ("error", "ValueError", "bad 3")
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(reply["traceback"]))
    assert "<node 5 cell 1>" in text and "check(3)" in text and "raise ValueError" in text
    assert "run_cell" not in text and "_fk" not in text, text
    assert kernel.stdout("print('__tracebackhide__' in globals())").strip() == "False"


def test_a_syntax_error_shows_only_the_cell_line_as_jupyter_does(kernel: KernelSession) -> None:
    reply = kernel.execute(driver_code({"flow_id": "f3", "node_id": 6}, "x = 1\ny = (2,", 0)).reply

    assert (reply["status"], reply["ename"]) == ("error", "SyntaxError")
    text = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(reply["traceback"]))
    assert "<node 6 cell 0>" in text and "y = (2," in text
    assert "_fk" not in text and "_kernel.py" not in text and "ast.py" not in text, text
    # the handler was for that execution only
    assert kernel.stdout("print(get_ipython().custom_exceptions)").strip() == "()"


def test_namespaces_and_display_in_a_kernel(kernel: KernelSession) -> None:
    for flow, value in (("fa", 1), ("fb", 2)):
        assert kernel.execute(driver_code({"flow_id": flow, "node_id": 1}, f"v = {value}")).reply["status"] == "ok"

    run = kernel.execute(driver_code({"flow_id": "fa", "node_id": 2}, "import polars as pl\npl.DataFrame({'v': [v]})", 0))
    assert run.reply["status"] == "ok"
    [shown] = run.of_type("display_data")
    assert "<table" in shown["data"]["text/html"]
    assert run.of_type("execute_result") == []  # displayed by flowfile.display, not the shell's hook

    quiet = kernel.execute(driver_code({"flow_id": "fb", "node_id": 2}, "v;"))
    assert quiet.reply["status"] == "ok" and quiet.of_type("display_data") == []

    assert kernel.execute(driver_code({"flow_id": "fb", "node_id": 1}, "", 0)).reply["status"] == "ok"
    assert kernel.execute("_fk.reset_namespace('fa')").reply["status"] == "ok"
    gone = kernel.execute(driver_code({"flow_id": "fa", "node_id": 1}, "v"))
    assert gone.reply["ename"] == "NameError"
    kept = kernel.execute(driver_code({"flow_id": "fb", "node_id": 1}, "v"))
    assert kept.reply["status"] == "ok" and kept.of_type("display_data")[0]["data"]["text/plain"] == "2"


def test_recover_artifacts_as_the_last_expression_gives_json(kernel: KernelSession, tmp_path: Path) -> None:
    run = kernel.execute(f"import flowfile._kernel as _fk\n_fk.recover_artifacts('k1', {str(tmp_path / 'a')!r}, 'lazy')")

    assert run.reply["status"] == "ok"
    [result] = run.of_type("execute_result")
    assert json.loads(result["data"]["text/plain"]) == {
        "kernel_id": "k1", "mode": "lazy", "indexed": 0, "loaded": 0, "deleted": 0, "errors": []
    }


def test_an_interrupt_stops_a_request_waiting_for_the_engine(tmp_path: Path) -> None:
    """A cell blocked on the engine's answer can still be interrupted (KeyboardInterrupt). Its own
    kernel: the interrupt must not reach another test's execution."""
    with start_kernel(tmp_path / "home") as session:
        context = {"flow_id": "f1", "node_id": 1, "exchange_dir": str(tmp_path / "x")}
        run = session.start(driver_code(context, "flowfile.list_global_artifacts()"))
        run.wait_for("comm_msg")
        timer = threading.Timer(0.2, session.manager.interrupt_kernel)
        timer.start()
        reply = run.finish()
        timer.join(timeout=10)

        assert not timer.is_alive()
        assert (reply["status"], reply["ename"]) == ("error", "KeyboardInterrupt")
