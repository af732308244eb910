"""The one place that hands rich output to Jupyter: a display_data message on iopub when the code
runs in a kernel, a line of text on a stream otherwise."""

from __future__ import annotations

import sys
from typing import Any, TextIO


def shell() -> Any:
    """The IPython shell running this code, or None (never imports IPython itself)."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython is not None else None


def in_kernel() -> bool:
    """True when running inside an IPython kernel (never imports IPython itself)."""
    current = shell()
    return current is not None and getattr(current, "kernel", None) is not None


def publish_display_data(data: dict[str, Any], metadata: dict[str, Any]) -> None:
    """Publishes a Jupyter display_data message with this MIME bundle and metadata."""
    from IPython.display import publish_display_data as publish

    publish(data=data, metadata=metadata)


def emit(data: dict[str, Any], metadata: dict[str, Any], fallback: str, stream: TextIO) -> None:
    """Publishes ``data`` in a kernel; prints ``fallback`` to ``stream`` anywhere else."""
    if in_kernel():
        publish_display_data(data, metadata)
    else:
        print(fallback, file=stream, flush=True)
