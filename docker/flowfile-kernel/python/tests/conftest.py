"""Shared fixtures and helpers.

- In-process: a run context over real Arrow IPC files, a recorder of what would be published to
  Jupyter, a flow with an artifact root, a fake engine that answers kernel requests by file.
- Real kernels (helpers in ``real_kernels.py``): the module-scoped ``kernel`` fixture, a host
  ipykernel; :func:`driver_code`, the code the engine sends for a cell.

No test may skip: a skipped test fails (see :func:`pytest_runtest_makereport`).
"""

from __future__ import annotations

import base64
import json
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent
if str(PACKAGE_DIR) not in sys.path:
    sys.path.insert(0, str(PACKAGE_DIR))

import flowfile  # noqa: E402
from flowfile import _artifacts, _context, _engine, _kernel, _publish  # noqa: E402

from real_kernels import KernelSession, start_kernel  # noqa: E402
META_KEYS = frozenset({"name", "flow_id", "node_id", "run_id", "python_type", "format", "size", "sha256", "file", "created"})
"""The fields of an artifact's meta.json."""


# --- no skips --------------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Turns a skip into a failure: the project runs every test, and a missing tool (Docker, the
    image, a package) is a problem to fix, not a reason to pass."""
    report = yield
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid} skipped ({reason}); skipping is not allowed: make the test run"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, Any]:
    """The same for a whole module skipped at import (``pytest.skip(allow_module_level=True)``,
    ``pytest.importorskip`` at module level)."""
    report = yield
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"{collector.nodeid} skipped ({reason}); skipping is not allowed: make the tests run"
    return report


# --- in-process state ------------------------------------------------------------------------------


def restart() -> None:
    """What a kernel restart does to the package's memory: flow namespaces and held objects are gone."""
    _artifacts.forget_all()
    _kernel._namespaces.clear()


@pytest.fixture(autouse=True)
def _no_context() -> Iterator[None]:
    """Every test starts and ends without a run context, flow namespaces, artifacts held in memory or
    a replaced engine transport."""
    _context.clear_context()
    yield
    _context.clear_context()
    restart()
    _engine.use_transport(None)


def write_ipc(path: Path, columns: dict[str, list[Any]]) -> str:
    """Writes an uncompressed Arrow IPC file, as the engine does."""
    import pyarrow as pa

    table = pa.table(columns)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return str(path)


@pytest.fixture
def flow_context(tmp_path: Path) -> dict[str, Any]:
    """The context of node 3 of flow "f1" (registered, version 2), with an artifact root and an
    exchange directory. Not set: pass it to run_cell or set_context."""
    return {
        "flow_id": "f1",
        "run_id": "run-1",
        "node_id": 3,
        "kernel_id": "k1",
        "outputs": ["main"],
        "output_dir": str(tmp_path / "exchange" / "outputs"),
        "shared_dir": str(tmp_path / "shared"),
        "artifact_dir": str(tmp_path / "artifacts" / "k1"),
        "exchange_dir": str(tmp_path / "exchange"),
        "flow_registered": True,
        "flow_version": 2,
        "interactive": False,
    }


@pytest.fixture
def flow(flow_context: dict[str, Any]) -> dict[str, Any]:
    """Node 3 of flow f1 runs: ``flow_context``, set."""
    _context.set_context(flow_context)
    return flow_context


def artifact_path(flow: dict[str, Any], name: str, *parts: str) -> Path:
    """``<artifact_dir>/<flow_id>/<name>[/parts...]`` of the flow's context."""
    return Path(flow["artifact_dir"], str(flow["flow_id"]), name, *parts)


def meta_of(flow: dict[str, Any], name: str) -> dict[str, Any]:
    """The artifact's meta.json."""
    return json.loads(artifact_path(flow, name, "meta.json").read_text())


def data_path(flow: dict[str, Any], name: str) -> Path:
    """The artifact's data file, as its meta.json names it."""
    return artifact_path(flow, name, meta_of(flow, name)["file"])


def files_of(flow: dict[str, Any], name: str) -> list[str]:
    """The names in the artifact's directory, sorted, its data file shown as ``data.<ext>`` (its
    real name carries its checksum: ``data-<16 hex>.<ext>``)."""
    current = meta_of(flow, name)["file"]
    assert re.fullmatch(r"data-[0-9a-f]{16}\.(pkl|parquet|joblib)", current), current
    return sorted("data." + entry.rsplit(".", 1)[1] if entry == current else entry
                  for entry in os.listdir(artifact_path(flow, name)))


def from_disk(name: str) -> Any:
    """Reads the artifact as a fresh kernel would (nothing in memory)."""
    _artifacts.forget_all()
    return flowfile.read_artifact(name)


@pytest.fixture
def exchange(tmp_path: Path) -> dict[str, Any]:
    """A run context with inputs main (two files), orders (one file), outputs main and summary."""
    inputs_dir = tmp_path / "inputs"
    inputs_dir.mkdir()
    main_1 = write_ipc(inputs_dir / "main-1.arrow", {"id": [1, 2], "name": ["a", "b"]})
    main_2 = write_ipc(inputs_dir / "main-2.arrow", {"id": [3], "name": ["c"]})
    orders = write_ipc(inputs_dir / "orders.arrow", {"order": [10, 20, 30]})
    values = {
        "flow_id": 7,
        "run_id": "run-1",
        "node_id": 3,
        "inputs": {"main": [main_1, main_2], "orders": [orders]},
        "outputs": ["main", "summary"],
        "output_dir": str(tmp_path / "outputs"),
        "shared_dir": str(tmp_path / "shared"),
    }
    _context.set_context(values)
    return values


class Published:
    """What ``flowfile`` handed to Jupyter: a list of (data, metadata) pairs."""

    def __init__(self) -> None:
        self.messages: list[tuple[dict[str, Any], dict[str, Any]]] = []

    def __call__(self, data: dict[str, Any], metadata: dict[str, Any]) -> None:
        self.messages.append((data, metadata))

    def only(self) -> tuple[dict[str, Any], dict[str, Any]]:
        assert len(self.messages) == 1, self.messages
        return self.messages[0]


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> Published:
    """Pretends to run in a kernel and records each display_data instead of sending it."""
    recorder = Published()
    monkeypatch.setattr(_publish, "in_kernel", lambda: True)
    monkeypatch.setattr(_publish, "publish_display_data", recorder)
    return recorder


# --- the engine ------------------------------------------------------------------------------------


class FakeEngine:
    """Plays the engine: records what the kernel sends and answers requests by writing
    ``<exchange_dir>/replies/<request_id>.json`` (temporary name, then rename), as the engine does.

    ``handlers[action](message)`` returns the answer (a dict with ``ok``) or None for no answer.
    With ``delay`` the answer is written from another thread after that many seconds.
    """

    def __init__(self, exchange_dir: str, delay: float = 0.0) -> None:
        self.exchange_dir = exchange_dir
        self.delay = delay
        self.messages: list[dict[str, Any]] = []
        self.handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any] | None]] = {}
        self.threads: list[threading.Thread] = []

    def send(self, message: dict[str, Any]) -> None:
        json.dumps(message)  # what the comm sends must be JSON
        self.messages.append(message)
        handler = self.handlers.get(message["action"])
        if handler is None:
            return
        answer = handler(message)
        if answer is None:
            return
        if self.delay:
            thread = threading.Thread(target=self._answer_later, args=(message["request_id"], answer))
            thread.start()
            self.threads.append(thread)
        else:
            self.answer(message["request_id"], answer)

    def _answer_later(self, request_id: str, answer: dict[str, Any] | str) -> None:
        time.sleep(self.delay)
        self.answer(request_id, answer)

    def answer(self, request_id: str, answer: dict[str, Any] | str) -> None:
        write_reply(self.exchange_dir, request_id, answer)

    def actions(self) -> list[str]:
        return [m["action"] for m in self.messages]


def write_reply(exchange_dir: str, request_id: str, answer: dict[str, Any] | str) -> str:
    """Writes the engine's answer file as the engine does; returns its path."""
    replies = os.path.join(exchange_dir, "replies")
    os.makedirs(replies, exist_ok=True)
    temporary = os.path.join(replies, f".{request_id}.json.tmp")
    with open(temporary, "w", encoding="utf-8") as file:
        file.write(answer if isinstance(answer, str) else json.dumps(answer))
    target = os.path.join(replies, f"{request_id}.json")
    os.replace(temporary, target)
    return target


@pytest.fixture
def engine(flow_context: dict[str, Any]) -> Iterator[FakeEngine]:
    """A fake engine installed as the transport for the flow_context's exchange directory."""
    fake = FakeEngine(flow_context["exchange_dir"])
    _engine.use_transport(fake)
    yield fake
    for thread in fake.threads:
        thread.join(timeout=10)
        assert not thread.is_alive(), "the fake engine's answering thread did not finish within 10 s"


# --- code the engine sends -------------------------------------------------------------------------


def b64(text: str) -> str:
    """Base64 (standard alphabet, padded) of the text's UTF-8, as the engine encodes."""
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def driver_code(context: dict[str, Any], source: str, index: int = 0) -> str:
    """The code of the execute_request the engine sends to run one cell."""
    return f'import flowfile._kernel as _fk; _fk.run_cell_b64("{b64(json.dumps(context))}", "{b64(source)}", {index})'


@pytest.fixture(scope="module")
def kernel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KernelSession]:
    """A host ipykernel shared by the tests of one module (a fresh one per module)."""
    with start_kernel(tmp_path_factory.mktemp("kernel-home")) as session:
        yield session


__all__ = [
    "META_KEYS",
    "FakeEngine",
    "Published",
    "artifact_path",
    "b64",
    "driver_code",
    "flowfile",
    "from_disk",
    "meta_of",
    "restart",
    "write_ipc",
    "write_reply",
]
