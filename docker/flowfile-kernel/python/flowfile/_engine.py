"""Kernel -> engine requests, over the Jupyter protocol (the container has no network route).

A request goes out as a Jupyter **comm message** on iopub: the kernel opens one comm with target name
``flowfile.engine`` (lazily, on the first request; its comm_open data is ``{"protocol":
"flowfile.engine", "protocol_version": 1}``) and sends each request as a comm_msg whose data is::

    {"protocol": "flowfile.engine", "protocol_version": 1, "request_id": "<uuid4>", "action": "<action>", ...}

While a cell runs, ipykernel does not read the shell channel, so the engine cannot answer with a
comm_msg: it **answers by file**. It writes ``<exchange_dir>/replies/<request_id>.json`` (under a
temporary name, then renamed) containing ``{"ok": true, ...result}`` or ``{"ok": false, "error":
"message"}``. The kernel polls for that file, reads it, deletes it and returns the result, or raises
:class:`~flowfile.EngineError` with the engine's message. Events (:func:`notify`) expect no answer.

The kernel waits :data:`DEFAULT_TIMEOUT` seconds for an answer, unless the caller passes another
timeout (the global-artifact functions pass the run context's ``engine_timeout``).

The transport is swappable (:func:`use_transport`) so tests can play the engine.
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
import uuid
from collections.abc import Mapping
from typing import Any, Protocol

from ._errors import EngineError, EngineTimeoutError, EngineUnavailableError

TARGET_NAME = "flowfile.engine"
"""The comm target name of kernel -> engine messages."""
PROTOCOL = {"protocol": TARGET_NAME, "protocol_version": 1}
"""Fields of every message (and of the comm_open data): an engine that re-attaches to a running
kernel, and so missed the comm_open, still recognises the comm_msg."""
REPLIES = "replies"
"""Directory of the engine's answers, in the run's exchange directory."""

DEFAULT_TIMEOUT = 60.0
"""Seconds to wait for an answer when the caller gives no timeout."""
_POLL_FIRST = 0.002
_POLL_MAX = 0.05


class Transport(Protocol):
    """Sends one message (a JSON-able dict) to the engine."""

    def send(self, message: dict[str, Any]) -> None: ...


class CommTransport:
    """The real transport: one comm with target ``flowfile.engine``, opened on first use.

    Outside an IPython kernel there is nobody to send to: :meth:`send` raises
    :class:`~flowfile.EngineUnavailableError`.
    """

    def __init__(self) -> None:
        self._comm: Any = None
        self._lock = threading.Lock()

    def send(self, message: dict[str, Any]) -> None:
        from . import _publish

        if not _publish.in_kernel():
            raise EngineUnavailableError(
                "this code does not run in a flowfile kernel, so it cannot reach the engine"
            )
        with self._lock:
            if self._comm is None or getattr(self._comm, "_closed", False):
                from comm import create_comm

                self._comm = create_comm(target_name=TARGET_NAME, data=dict(PROTOCOL))
            self._comm.send(message)


_transport: Transport | None = None


def transport() -> Transport:
    """The transport in use (a :class:`CommTransport` unless replaced)."""
    global _transport
    if _transport is None:
        _transport = CommTransport()
    return _transport


def use_transport(replacement: Transport | None) -> Transport | None:
    """Makes ``replacement`` carry messages from now on (None: the default); returns the previous one."""
    global _transport
    previous, _transport = _transport, replacement
    return previous


def check_timeout(value: Any, what: str = "timeout") -> float:
    """``value`` as seconds to wait: a finite number greater than 0, else ``TypeError``/``ValueError``
    naming ``what`` (a NaN or an infinite timeout would make the wait endless)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"{what} must be a finite number of seconds greater than 0, got {value!r}")
    return seconds


def reply_path(exchange_dir: str, request_id: str) -> str:
    """Where the engine writes its answer: ``<exchange_dir>/replies/<request_id>.json``."""
    return os.path.join(exchange_dir, REPLIES, f"{request_id}.json")


def _message(action: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    message: dict[str, Any] = dict(PROTOCOL)
    message["request_id"] = str(uuid.uuid4())
    message["action"] = action
    for key, value in fields.items():
        if key in message:
            raise ValueError(f"a request field may not be called {key!r}")
        message[key] = value
    return message


def request(
    action: str, fields: Mapping[str, Any], exchange_dir: str | None, timeout: float | None = None
) -> dict[str, Any]:
    """Sends a request and waits for the engine's answer file; returns the answer without ``ok``.

    Raises :class:`~flowfile.EngineError` with the engine's message when it answers ``ok: false``,
    :class:`~flowfile.EngineTimeoutError` when no answer comes within ``timeout`` seconds (None:
    :data:`DEFAULT_TIMEOUT`; else a finite number > 0, checked before anything is sent),
    :class:`~flowfile.EngineUnavailableError` without an exchange directory or outside a kernel.
    """
    limit = DEFAULT_TIMEOUT if timeout is None else check_timeout(timeout)
    if not exchange_dir:
        raise EngineUnavailableError(
            f"{action} needs the engine, and this run has no exchange directory to receive its answer "
            "(the run context has no exchange_dir)"
        )
    message = _message(action, fields)
    request_id = message["request_id"]
    path = reply_path(exchange_dir, request_id)
    transport().send(message)
    deadline = time.monotonic() + limit
    pause = _POLL_FIRST
    while True:
        answer = _take(path, action)
        if answer is not None:
            break
        if time.monotonic() >= deadline:
            raise EngineTimeoutError(
                f"the engine did not answer the {action} request {request_id} within {limit:g} s "
                f"(it answers by writing {path}); the engine may be down or may have lost this kernel"
            )
        time.sleep(pause)
        pause = min(pause * 1.5, _POLL_MAX)
    if answer.get("ok") is not True:
        error = answer.get("error") or f"the engine refused the {action} request without saying why"
        raise EngineError(str(error))
    answer.pop("ok")
    return answer


def _take(path: str, action: str) -> dict[str, Any] | None:
    """Reads and deletes the answer file; None while it is not there."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError:
        return None
    try:
        os.remove(path)
    except OSError:  # gone already, or replies/ is not writable by the kernel: the answer still counts
        pass
    try:
        answer = json.loads(text)
    except ValueError as error:
        raise EngineError(f"the engine's answer to the {action} request is not JSON ({error}): {text[:200]!r}") from None
    if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
        raise EngineError(
            f"the engine's answer to the {action} request is not an object with a boolean 'ok': {text[:200]!r}"
        )
    return answer


def notify(action: str, fields: Mapping[str, Any]) -> bool:
    """Sends an event the engine does not answer (fire-and-forget).

    Never raises for a transport failure (the event is lost and False returned): a published
    artifact is on disk whether or not the engine heard of it.
    """
    try:
        transport().send(_message(action, fields))
        return True
    except Exception:  # not in a kernel (EngineUnavailableError), or a broken transport: never fail the user's code
        return False
