"""Start-up recovery of the flow artifacts a kernel finds under its artifact root (see
:mod:`flowfile._artifacts` for the layout): index them, load them, or delete them, and remove what
interrupted writes and deletes left behind. The engine calls it through
:func:`flowfile._kernel.recover_artifacts` right after the kernel starts."""

from __future__ import annotations

import os
from typing import Any

from . import _artifacts
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
        # Kernels of one owner share the artifact mount: another kernel may have planted links here.
        # Everything is reached through descriptors opened without following links, so a clear
        # recovery deletes inside this directory only.
        root_fd = _artifacts.open_directory(artifact_dir)
        if root_fd is None:
            raise ArtifactError(f"the artifact directory {artifact_dir} is not a directory (or is a link): recovery refused")
        try:
            for flow in sorted(os.listdir(root_fd)):
                flow_fd = None if flow.startswith(".") else _artifacts.open_directory(flow, root_fd)
                if flow_fd is None:
                    continue
                try:
                    _recover_flow(artifact_dir, flow, flow_fd, mode, summary)
                    if mode == "clear" and not os.listdir(flow_fd):
                        os.rmdir(flow, dir_fd=root_fd)
                finally:
                    os.close(flow_fd)
        finally:
            os.close(root_fd)
    return summary


def _recover_flow(artifact_dir: str, flow: str, flow_fd: int, mode: str, summary: dict[str, Any]) -> None:
    _clean_leftovers(flow_fd)
    for name in sorted(os.listdir(flow_fd)):
        artifact_fd = None if name.startswith(".") else _artifacts.open_directory(name, flow_fd)
        if artifact_fd is None:
            if mode == "clear" and not name.startswith("."):
                _artifacts.remove_leftover(flow_fd, name)  # a link or file: removed itself, not followed
            continue
        try:
            _clean_leftovers(artifact_fd)
        finally:
            os.close(artifact_fd)
        if mode == "clear":
            _artifacts.remove_tree_at(flow_fd, name)
            summary["deleted"] += 1
            continue
        directory = os.path.join(artifact_dir, flow, name)
        try:
            meta = _artifacts.read_meta(directory)
        except ArtifactError as error:
            summary["errors"].append(str(error))
            continue
        if meta is None:  # interrupted before its first meta.json: nothing to recover
            _artifacts.remove_tree_at(flow_fd, name)
            continue
        try:  # a publish interrupted after meta.json named the new data file leaves the old one
            _artifacts.remove_stale_data(directory, os.path.basename(_artifacts.data_file(directory, meta)))
        except ArtifactError as error:
            summary["errors"].append(str(error))
            continue
        summary["indexed"] += 1
        if mode == "eager":
            try:
                _artifacts.load(artifact_dir, flow, name)
                summary["loaded"] += 1
            except Exception as error:
                summary["errors"].append(f"{type(error).__name__}: {error}")


def _clean_leftovers(dir_fd: int) -> None:
    """Removes ``.deleted-*`` entries (interrupted deletes) and ``.*.tmp`` files (interrupted writes)
    in the directory ``dir_fd``, links themselves and never what they point at."""
    for entry in os.listdir(dir_fd):
        if entry.startswith(".deleted-") or (entry.startswith(".") and entry.endswith(".tmp")):
            _artifacts.remove_leftover(dir_fd, entry)
