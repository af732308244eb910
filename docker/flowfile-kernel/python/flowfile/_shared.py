"""Paths in the shared directory: files that other nodes, flows and services can read."""

from __future__ import annotations

import os

from ._context import DEFAULT_SHARED_DIR, current_context


def shared_dir() -> str:
    """The shared directory: the run context's ``shared_dir`` (which defaults to /flowfile/shared),
    else /flowfile/shared, the image's mount point."""
    context = current_context()
    return context.shared_dir if context is not None else DEFAULT_SHARED_DIR


def get_shared_location(filename: str) -> str:
    """Returns the absolute path of ``filename`` in the shared directory, creating its parent folders.

    Args:
        filename: A path relative to the shared directory, e.g. ``"reports/monthly.csv"``.

    Raises:
        ValueError: when ``filename`` is empty, absolute, names the directory itself, or leads out of
            the shared directory with ``..`` or through a symbolic link.
    """
    if not isinstance(filename, (str, os.PathLike)):
        raise TypeError(f"get_shared_location() needs a file name, not {type(filename).__name__}")
    name = os.fspath(filename)
    base = os.path.abspath(shared_dir())
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"get_shared_location() needs a file name relative to the shared directory {base}")
    if os.path.isabs(name):
        raise ValueError(
            f"{name!r} is an absolute path: give a path relative to the shared directory {base}"
        )
    path = os.path.normpath(os.path.join(base, name))
    if path == base:
        raise ValueError(f"{name!r} names the shared directory {base} itself, not a file in it")
    if not _inside(path, base):
        raise ValueError(f"{name!r} leads out of the shared directory {base}")
    real_base = os.path.realpath(base)
    real_path = os.path.realpath(path)
    if not _inside(real_path, real_base):
        raise ValueError(
            f"{name!r} leads out of the shared directory {base} through a symbolic link (to {real_path})"
        )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def _inside(path: str, directory: str) -> bool:
    """True when ``path`` is strictly below ``directory`` (both normalised, absolute)."""
    return path != directory and path.startswith(directory.rstrip(os.sep) + os.sep)
