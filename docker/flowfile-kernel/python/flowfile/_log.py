"""Log messages for the flow viewer: a display_data with MIME ``application/vnd.flowfile.log+json``."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from . import _publish
from ._context import current_context

LOG_MIME = "application/vnd.flowfile.log+json"
LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARNING", "ERROR")


def utc_now() -> str:
    """The current time as ISO-8601 UTC with milliseconds, e.g. ``2026-01-31T12:00:00.123Z``."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def log(message: str, level: str = "INFO") -> None:
    """Sends a log message to the flow viewer.

    Args:
        message: The text (other objects are converted with ``str``).
        level: ``"DEBUG"``, ``"INFO"`` (default), ``"WARNING"`` or ``"ERROR"``, in any case.

    In a kernel this publishes a display_data whose ``application/vnd.flowfile.log+json`` part is
    ``{"level", "message", "time" (ISO-8601 UTC), "node_id"}``, with ``"[LEVEL] message"`` as
    ``text/plain``; elsewhere it prints that text to stderr.
    """
    level = _check_level(level)
    text = str(message)
    context = current_context()
    record = {
        "level": level,
        "message": text,
        "time": utc_now(),
        "node_id": context.node_id if context is not None else None,
    }
    plain = f"[{level}] {text}"
    _publish.emit({LOG_MIME: record, "text/plain": plain}, {}, plain, sys.stderr)


def log_info(message: str) -> None:
    """``log(message, "INFO")``."""
    log(message, "INFO")


def log_warning(message: str) -> None:
    """``log(message, "WARNING")``."""
    log(message, "WARNING")


def log_error(message: str) -> None:
    """``log(message, "ERROR")``."""
    log(message, "ERROR")


def _check_level(level: object) -> str:
    if isinstance(level, str) and level.upper() in LEVELS:
        return level.upper()
    raise ValueError(f"invalid log level {level!r}: use one of {', '.join(LEVELS)}")
