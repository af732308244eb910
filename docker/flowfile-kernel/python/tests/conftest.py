"""Shared fixtures: a run context over real Arrow IPC files, and a recorder of what would be
published to Jupyter."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent
if str(PACKAGE_DIR) not in sys.path:
    sys.path.insert(0, str(PACKAGE_DIR))

import flowfile  # noqa: E402
from flowfile import _context, _publish  # noqa: E402


def write_ipc(path: Path, columns: dict[str, list[Any]]) -> str:
    """Writes an uncompressed Arrow IPC file, as the engine does."""
    import pyarrow as pa

    table = pa.table(columns)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return str(path)


@pytest.fixture(autouse=True)
def _no_context() -> Iterator[None]:
    """Every test starts and ends without a run context."""
    _context.clear_context()
    yield
    _context.clear_context()


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


def python_env() -> dict[str, str]:
    """Environment for a child Python that must import this checkout's flowfile package."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_DIR), env.get("PYTHONPATH")]))
    return env


__all__ = ["Published", "flowfile", "python_env", "write_ipc"]
