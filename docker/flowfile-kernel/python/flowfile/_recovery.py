"""Start-up recovery of the flow artifacts a kernel finds under its artifact root (see
:mod:`flowfile._artifacts` for the layout): index them, load them, or delete them, and remove what
interrupted writes and deletes left behind. The engine calls it through
:func:`flowfile._kernel.recover_artifacts` right after the kernel starts."""

from __future__ import annotations

import os
import shutil
from typing import Any

from . import _artifacts, _serial
from ._errors import ArtifactError

MODES = ("lazy", "eager", "clear")
"""Recovery modes of :func:`recover`."""


def recover(artifact_dir: str, mode: str = "lazy") -> dict[str, Any]:
    """Recovers the artifacts persisted under ``artifact_dir`` when a kernel starts.

    ``lazy`` (default): reads and checks every meta.json now; each data file is verified and loaded
    on its first read. ``eager``: also verifies and loads every data file now. ``clear``: deletes every
    artifact. All modes remove leftovers of interrupted writes and deletes. Returns ``{"mode",
    "indexed", "loaded", "deleted", "errors"}`` (``errors``: messages about artifacts that could not
    be indexed or loaded; they stay on disk and fail with that message when read).
    """
    if mode not in MODES:
        raise ValueError(f"unknown recovery mode {mode!r}: use one of {', '.join(MODES)}")
    if not isinstance(artifact_dir, str) or not os.path.isabs(artifact_dir):
        raise ValueError(f"the artifact directory must be an absolute path, got {artifact_dir!r}")
    summary: dict[str, Any] = {"mode": mode, "indexed": 0, "loaded": 0, "deleted": 0, "errors": []}
    with _artifacts.lock:
        _artifacts.forget_root(artifact_dir)
        os.makedirs(artifact_dir, exist_ok=True)
        for flow in sorted(os.listdir(artifact_dir)):
            flow_dir = os.path.join(artifact_dir, flow)
            if not os.path.isdir(flow_dir) or flow.startswith("."):
                continue
            _clean_leftovers(flow_dir)
            for name, directory in list(_artifacts.artifacts_on_disk(artifact_dir, flow)):
                _clean_leftovers(directory)
                if mode == "clear":
                    _artifacts.remove_tree(directory)
                    summary["deleted"] += 1
                    continue
                try:
                    meta = _artifacts.read_meta(directory)
                except ArtifactError as error:
                    summary["errors"].append(str(error))
                    continue
                if meta is None:  # interrupted before its first meta.json: nothing to recover
                    _artifacts.remove_tree(directory)
                    continue
                summary["indexed"] += 1
                if mode == "eager":
                    try:
                        _artifacts.load(artifact_dir, flow, name)
                        summary["loaded"] += 1
                    except Exception as error:
                        summary["errors"].append(f"{type(error).__name__}: {error}")
            if mode == "clear" and not os.listdir(flow_dir):
                os.rmdir(flow_dir)
    return summary


def _clean_leftovers(directory: str) -> None:
    """Removes ``.deleted-*`` directories (interrupted deletes) and ``.*.tmp`` files (interrupted writes)."""
    for entry in os.listdir(directory):
        path = os.path.join(directory, entry)
        if entry.startswith(".deleted-") and os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
        elif entry.startswith(".") and entry.endswith(".tmp") and os.path.isfile(path):
            _serial.remove_file(path)
