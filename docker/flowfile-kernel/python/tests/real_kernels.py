"""Real kernels for the tests: :func:`start_kernel` (an ipykernel on the host, started with the
options of the image's entry point); :class:`Execution`, the one way to send code to any kernel
(host or container) and read what it causes; and what the image pins (:func:`pinned_version`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent.parent
KERNEL_DIR = PACKAGE_DIR.parent
"""docker/flowfile-kernel: the image's build context."""
ENTRY_POINT = KERNEL_DIR / "bin" / "flowfile-kernel"
LOCK_FILE = KERNEL_DIR / "requirements.lock"
TIMEOUT = 60
"""Seconds to wait for any one message from a kernel."""


def python_env() -> dict[str, str]:
    """Environment for a child Python that must import this checkout's flowfile package."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_DIR), env.get("PYTHONPATH")]))
    return env


class Execution:
    """One execute_request and everything it caused on iopub, read as it comes.

    ``Execution(client, code)`` sends the code; :meth:`wait_for` reads up to a message of a type
    (e.g. the comm_msg of a request, to answer it while the cell waits); :meth:`finish` reads up to the
    idle status and returns the execute_reply's content. :func:`execute` does both at once. A kernel
    runs its executions one after another: finish them in the order they were sent.
    """

    def __init__(self, client: Any, code: str, timeout: float = TIMEOUT) -> None:
        self.client = client
        self.timeout = timeout
        self.msg_id: str = client.execute(code)
        self.iopub: list[dict[str, Any]] = []
        self.idle = False
        self._reply: dict[str, Any] | None = None

    def next_iopub(self) -> dict[str, Any]:
        """The next iopub message of this execution (messages of other executions are dropped)."""
        assert not self.idle, f"the execution has ended: {self.iopub}"
        while True:
            message = self.client.get_iopub_msg(timeout=self.timeout)
            if message["parent_header"].get("msg_id") != self.msg_id:
                continue
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                self.idle = True
            self.iopub.append(message)
            return message

    def wait_for(self, msg_type: str, where: Callable[[dict[str, Any]], bool] = lambda m: True) -> dict[str, Any]:
        """Reads up to the next message of ``msg_type`` for which ``where(message)`` holds."""
        while True:
            message = self.next_iopub()
            if message["msg_type"] == msg_type and where(message):
                return message
            assert not self.idle, f"the execution ended without such a {msg_type}: {self.iopub}"

    def finish(self) -> dict[str, Any]:
        """Reads up to the idle status; returns the execute_reply's content."""
        while not self.idle:
            self.next_iopub()
        if self._reply is None:
            reply = self.client.get_shell_msg(timeout=self.timeout)
            while reply["parent_header"].get("msg_id") != self.msg_id:
                reply = self.client.get_shell_msg(timeout=self.timeout)
            self._reply = reply["content"]
        return self._reply

    @property
    def reply(self) -> dict[str, Any]:
        """The execute_reply's content (after :meth:`finish`)."""
        assert self._reply is not None, "the execution has not finished: call finish() first"
        return self._reply

    def of_type(self, msg_type: str) -> list[dict[str, Any]]:
        """Contents of the iopub messages of that type read so far."""
        return [m["content"] for m in self.iopub if m["msg_type"] == msg_type]

    def stdout(self) -> str:
        """What the code printed to stdout."""
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stdout")


def execute(client: Any, code: str, timeout: float = TIMEOUT) -> Execution:
    """Runs ``code`` to the end; the :class:`Execution` holds the reply and the iopub messages."""
    run = Execution(client, code, timeout)
    run.finish()
    return run


def stdout_of(client: Any, code: str) -> str:
    """Runs ``code``, which must succeed; returns what it printed."""
    run = execute(client, code)
    assert run.reply["status"] == "ok", run.reply
    return run.stdout()


def wait_for_ready(client: Any) -> frozenset[str]:
    """Waits until the kernel answers; returns the modules it has loaded at that moment, recorded
    before any test runs code in it (tests assert on this record, never on a kernel other tests used)."""
    client.wait_for_ready(timeout=TIMEOUT)
    return frozenset(stdout_of(client, "import sys; print(' '.join(sorted(sys.modules)))").split())


@dataclass
class KernelSession:
    """A started kernel: its client and the modules it had loaded when it became ready."""

    client: Any
    modules_at_start: frozenset[str]
    manager: Any = None
    """The jupyter_client KernelManager of a host kernel (None for a container)."""

    def execute(self, code: str, timeout: float = TIMEOUT) -> Execution:
        return execute(self.client, code, timeout)

    def start(self, code: str) -> Execution:
        """Sends ``code`` without waiting for its end."""
        return Execution(self.client, code)

    def stdout(self, code: str) -> str:
        return stdout_of(self.client, code)


def entry_point_arguments() -> list[str]:
    """The ipykernel options of the image's entry point, read from ``bin/flowfile-kernel`` itself (its
    ``exec python -m ipykernel_launcher -f "$connection_file" ... "$@"`` line), so a host kernel
    starts as the image's does and the two cannot drift apart."""
    script = ENTRY_POINT.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line for line in script.splitlines() if line.strip().startswith("exec python -m ipykernel_launcher ")]
    assert len(lines) == 1, f"{ENTRY_POINT} has no single 'exec python -m ipykernel_launcher' line: {lines}"
    words = shlex.split(lines[0])[4:]
    if words[:2] == ["-f", "$connection_file"]:
        words = words[2:]
    if words[-1:] == ["$@"]:
        words = words[:-1]
    assert words and all(w.startswith("--") and "$" not in w for w in words), (
        f"cannot read the ipykernel options of {ENTRY_POINT}: expected --Name=value words after "
        f'-f "$connection_file", got {words}'
    )
    return words


def kernel_env(home: Path) -> dict[str, str]:
    """The image's environment (Dockerfile ENV) for a host kernel: its directories under /tmp moved
    under ``home``, the package from this checkout."""
    env = python_env()
    env.update(
        IPYTHONDIR=str(home / "ipython"),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        MPLCONFIGDIR=str(home / "matplotlib"),
        MPLBACKEND="module://flowfile._matplotlib",
        JUPYTER_PLATFORM_DIRS="1",
    )
    return env


@contextlib.contextmanager
def start_kernel(home: Path) -> Iterator[KernelSession]:
    """Starts an ipykernel on the host as the image's entry point does (same options, the image's
    environment with directories under ``home``); shuts it down on exit."""
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env=kernel_env(home), extra_arguments=entry_point_arguments())
    client = manager.client()
    client.start_channels()
    try:
        yield KernelSession(client, wait_for_ready(client), manager)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def pinned_version(package: str) -> str:
    """The version ``requirements.lock`` pins for ``package``."""
    match = re.search(rf"^{re.escape(package)}==(\S+)", LOCK_FILE.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{LOCK_FILE} pins no {package}"
    return match.group(1)


