"""Flow-scoped artifacts: Python objects a flow's nodes keep between nodes, runs and kernel restarts.

Layout on disk, under the kernel's artifact root (the run context's ``artifact_dir``, e.g.
``/flowfile/artifacts/<kernel_id>``)::

    <artifact_dir>/<flow_id>/<name>/data-<first 16 hex of its sha256>.<parquet|joblib|pkl>
    <artifact_dir>/<flow_id>/<name>/meta.json

``meta.json`` holds name, flow_id, node_id, run_id, python_type, format, size (bytes of the data
file), sha256 (of the data file), file (the data file's name) and created (ISO-8601 UTC). A new
version's data file gets its own name beside the previous one's; then meta.json is replaced in one
rename (written as ``.meta.*.tmp`` first), and only then is the previous data file removed: a publish
interrupted at any point leaves either the previous version or the new one whole. (meta.json without
``file``, from before, names ``data.<ext>``.) A deleted artifact's directory is first renamed to
``.deleted-*``. Names starting with ``.`` are never artifacts.

Objects read or published in this kernel are kept in memory (per flow), so a second read returns the
same object without touching the disk; the kernel re-reads the data file when meta.json says it
changed. Reading from disk verifies the SHA-256 first. What a kernel does with the artifacts it finds
when it starts is :mod:`flowfile._recovery`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import uuid
from collections.abc import Iterator
from typing import Any

from . import _engine, _serial
from ._context import RunContext, get_context
from ._errors import (
    ArtifactChecksumError,
    ArtifactError,
    ArtifactExistsError,
    InvalidArtifactNameError,
    NoContextError,
    UnknownArtifactError,
)
from ._log import utc_now

META = "meta.json"
DATA = "data"

_NAME = re.compile(r"[A-Za-z0-9_\-][A-Za-z0-9_.\-]{0,127}")
NAME_RULE = "1 to 128 characters: ASCII letters, digits, '-', '_' and '.', not starting with '.'"


class ArtifactInfo(dict):  # type: ignore[type-arg]
    """An artifact's metadata: a dict whose keys are also attributes (``info["name"]`` or ``info.name``)."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(f"artifact information has no field {key!r}; it has {', '.join(self)}") from None


# --- names and places ------------------------------------------------------------------------------


def check_name(name: Any, what: str = "artifact") -> str:
    """Returns ``name`` when it is a valid artifact name, else raises :class:`InvalidArtifactNameError`."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidArtifactNameError(f"invalid {what} name {name!r}: use {NAME_RULE}")
    return name


def flow_key(flow_id: Any) -> str:
    """The directory name (and namespace key) of a flow id."""
    if flow_id is None:
        raise NoContextError("the run context has no flow_id: artifacts belong to a flow")
    key = str(flow_id)
    if not _NAME.fullmatch(key):
        raise ValueError(f"flow id {flow_id!r} cannot name a directory: it must be {NAME_RULE}")
    return key


# --- in-memory objects -----------------------------------------------------------------------------

lock = threading.RLock()
"""Guards the files and the objects held in memory (reentrant: recovery loads under it)."""
_loaded: dict[tuple[str, str], dict[str, tuple[str, Any]]] = {}
"""(artifact root, flow) -> name -> (sha256 of the data file, the object)."""


def _cache(root: str, flow: str) -> dict[str, tuple[str, Any]]:
    return _loaded.setdefault((os.path.abspath(root), flow), {})


def forget_flow(flow_id: Any) -> None:
    """Drops the flow's objects from memory (its files stay): ``reset_namespace`` calls this."""
    flow = str(flow_id)
    with lock:
        for key in [key for key in _loaded if key[1] == flow]:
            del _loaded[key]


def forget_root(root: str) -> None:
    """Drops the objects of every flow under the artifact root ``root`` from memory (files stay)."""
    with lock:
        for key in [key for key in _loaded if key[0] == os.path.abspath(root)]:
            del _loaded[key]


def forget_all() -> None:
    """Drops every object from memory, as a kernel restart would (files stay)."""
    with lock:
        _loaded.clear()


def loaded_names(flow_id: Any) -> list[str]:
    """Names of the flow's artifacts held in memory (for tests and diagnostics)."""
    flow = str(flow_id)
    with lock:
        return sorted({name for (_, f), cache in _loaded.items() if f == flow for name in cache})


# --- meta.json -------------------------------------------------------------------------------------


def read_meta(directory: str) -> dict[str, Any] | None:
    """The artifact's metadata, or None when the directory holds no complete artifact."""
    try:
        with open(os.path.join(directory, META), encoding="utf-8") as file:
            meta = json.load(file)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise ArtifactError(f"the metadata {os.path.join(directory, META)} cannot be read: {error}") from error
    if not isinstance(meta, dict) or any(key not in meta for key in ("name", "format", "sha256", "python_type")):
        raise ArtifactError(f"the metadata {os.path.join(directory, META)} is incomplete: {meta!r}")
    if meta["format"] not in _serial.EXTENSIONS:
        raise ArtifactError(f"the metadata {os.path.join(directory, META)} has an unknown format {meta['format']!r}")
    return meta


def data_file(directory: str, meta: dict[str, Any]) -> str:
    """The data file meta.json names: a plain name in the artifact's directory."""
    name = meta.get("file", f"{DATA}.{_serial.EXTENSIONS[meta['format']]}")
    if not isinstance(name, str) or not name.startswith(DATA) or "/" in name or name in (".", ".."):
        raise ArtifactError(f"the metadata {os.path.join(directory, META)} names the data file {name!r}, not a data file of its directory")
    return os.path.join(directory, name)


def remove_stale_data(directory: str, keep: str) -> None:
    """Removes the data files of earlier versions (all but ``keep``, a name)."""
    for entry in os.listdir(directory):
        if entry.startswith(DATA) and entry != keep:
            _serial.remove_file(os.path.join(directory, entry))


def _write_json(directory: str, name: str, value: dict[str, Any]) -> None:
    temporary = os.path.join(directory, f".{name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(value, file, indent=2, sort_keys=True)
            file.write("\n")
        os.chmod(temporary, 0o644)
        os.replace(temporary, os.path.join(directory, name))
    except BaseException:
        _serial.remove_file(temporary)
        raise


def artifacts_on_disk(root: str, flow: str) -> Iterator[tuple[str, str]]:
    """(name, directory) of the artifact directories of a flow (not the hidden ones)."""
    try:
        entries = sorted(os.listdir(os.path.join(root, flow)))
    except FileNotFoundError:
        return
    for entry in entries:
        directory = os.path.join(root, flow, entry)
        if not entry.startswith(".") and os.path.isdir(directory) and not os.path.islink(directory):
            yield entry, directory


# --- the public API --------------------------------------------------------------------------------


def _where() -> tuple[RunContext, str, str]:
    """(the run context, the kernel's artifact root: the context's ``artifact_dir``, the flow's key)."""
    context = get_context()
    if not context.artifact_dir:
        raise ArtifactError(
            "no artifact directory: the run context has no artifact_dir (the engine sets it to the kernel's "
            "artifact root, /flowfile/artifacts/<kernel_id>)"
        )
    return context, context.artifact_dir, flow_key(context.flow_id)


def publish_artifact(name: str, obj: Any) -> None:
    """Stores ``obj`` as artifact ``name`` of the current flow, on disk and in memory.

    Serialised by type: Polars (a LazyFrame is collected) and pandas DataFrames as Parquet and read
    back as the same type; scikit-learn, NumPy, SciPy sparse, XGBoost and LightGBM objects with
    joblib; everything else with cloudpickle. Publishing again from the same node replaces the
    artifact; an artifact of that name published by another node must be deleted first
    (:class:`~flowfile.ArtifactExistsError`). An object that cannot be serialised raises
    :class:`~flowfile.ArtifactSerializationError` saying which part of it and why. The engine is told
    (an ``artifact_published`` event) once the artifact is on disk.
    """
    check_name(name)
    context, root, flow = _where()
    directory = os.path.join(root, flow, name)
    with lock:
        try:
            existing = read_meta(directory)
        except ArtifactError:  # a damaged meta.json: the new version replaces it
            existing = None
        if existing is not None and existing.get("node_id") != context.node_id:
            raise ArtifactExistsError(
                f"artifact {name!r} already exists in flow {flow!r} (published by node {existing.get('node_id')}): "
                f"delete it first with flowfile.delete_artifact({name!r}) to publish a new one from node "
                f"{context.node_id}"
            )
        created = not os.path.isdir(directory)
        try:
            written = _serial.write(obj, directory, f"artifact {name!r}")
        except BaseException:
            if created:
                shutil.rmtree(directory, ignore_errors=True)
            raise
        meta = {
            "name": name,
            "flow_id": context.flow_id,
            "node_id": context.node_id,
            "run_id": context.run_id,
            "python_type": written.python_type,
            "format": written.format,
            "size": written.size,
            "sha256": written.sha256,
            "created": utc_now(),
        }
        # The previous version stays whole until meta.json names the new data file (one rename).
        file_name = f"{DATA}-{written.sha256[:16]}.{_serial.EXTENSIONS[written.format]}"
        try:
            os.replace(written.path, os.path.join(directory, file_name))
        except BaseException:
            _serial.remove_file(written.path)
            raise
        _write_json(directory, META, dict(meta, file=file_name))
        remove_stale_data(directory, file_name)
        _cache(root, flow)[name] = (written.sha256, written.value)
    _engine.notify(
        "artifact_published",
        {"flow_id": context.flow_id, "run_id": context.run_id, "kernel_id": context.kernel_id, "artifact": meta},
    )


def read_artifact(name: str) -> Any:
    """Returns artifact ``name`` of the current flow.

    An object published or read before in this kernel comes from memory. Otherwise the data file is
    checked against its SHA-256 (:class:`~flowfile.ArtifactChecksumError` on a mismatch: never
    silently wrong data) and deserialised. An unknown name raises
    :class:`~flowfile.UnknownArtifactError` (a ``KeyError``) listing the flow's artifacts.
    """
    check_name(name)
    context, root, flow = _where()
    return load(root, flow, name)


def load(root: str, flow: str, name: str) -> Any:
    """Artifact ``name`` of ``flow`` under ``root``: from memory when meta.json still records the
    held object's checksum, else verified and read from disk (then held)."""
    directory = os.path.join(root, flow, name)
    with lock:
        meta = read_meta(directory)
        cache = _cache(root, flow)
        if meta is None:
            cache.pop(name, None)
            raise _unknown(root, flow, name)
        held = cache.get(name)
        if held is not None and held[0] == meta["sha256"]:
            return held[1]
        path = data_file(directory, meta)
        what = f"artifact {name!r} of flow {flow!r}"
        if not os.path.exists(path):
            raise ArtifactChecksumError(f"{what} has lost its data file {path}; publish it again")
        obj = _serial.read_verified(path, meta["sha256"], what, meta["format"], meta["python_type"])
        cache[name] = (meta["sha256"], obj)
        return obj


def _unknown(root: str, flow: str, name: str) -> UnknownArtifactError:
    names = [entry for entry, directory in artifacts_on_disk(root, flow) if os.path.exists(os.path.join(directory, META))]
    if names:
        listed = ", ".join(repr(n) for n in names)
        return UnknownArtifactError(f"unknown artifact {name!r}: flow {flow!r} has the artifacts {listed}")
    return UnknownArtifactError(f"unknown artifact {name!r}: flow {flow!r} has no artifacts")


def delete_artifact(name: str) -> None:
    """Deletes artifact ``name`` of the current flow, from disk and memory, and tells the engine (an
    ``artifact_deleted`` event). An unknown name raises :class:`~flowfile.UnknownArtifactError`."""
    check_name(name)
    context, root, flow = _where()
    with lock:
        directory = os.path.join(root, flow, name)
        if not os.path.isfile(os.path.join(directory, META)):  # (a damaged meta.json can be deleted)
            _cache(root, flow).pop(name, None)
            raise _unknown(root, flow, name)
        remove_tree(root, flow, name)
        _cache(root, flow).pop(name, None)
    _engine.notify(
        "artifact_deleted",
        {"flow_id": context.flow_id, "run_id": context.run_id, "kernel_id": context.kernel_id, "name": name,
         "node_id": context.node_id},
    )


_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def open_directory(name: str, dir_fd: int | None = None) -> int | None:
    """A descriptor of the directory ``name`` (relative to ``dir_fd`` when given), opened without
    following a link; None when nothing, a link or something else is there. Other kernels of the
    same owner write in the same artifact mount and may plant links: what this module deletes it
    reaches through descriptors opened this way, never through a path a link could redirect."""
    try:
        return os.open(name, _DIRECTORY, dir_fd=dir_fd)
    except OSError:
        return None


def remove_tree_at(dir_fd: int, name: str) -> None:
    """Deletes ``name`` in the directory ``dir_fd``: renamed to a hidden name first (a crash mid-way
    leaves no half artifact), then removed without following links; a link is removed itself."""
    doomed = f".deleted-{name}-{uuid.uuid4().hex}"
    try:
        os.rename(name, doomed, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except FileNotFoundError:
        return
    remove_leftover(dir_fd, doomed)


def remove_leftover(dir_fd: int, name: str) -> None:
    """Removes ``name`` in ``dir_fd``: a directory tree (links inside are removed, never followed), or a file or link."""
    try:
        if os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode & 0o170000 == 0o040000:
            shutil.rmtree(name, dir_fd=dir_fd, ignore_errors=True)
        else:
            os.unlink(name, dir_fd=dir_fd)
    except FileNotFoundError:
        pass


def remove_tree(root: str, flow: str, name: str) -> None:
    """Deletes artifact ``name`` of ``flow`` under ``root`` (see :func:`remove_tree_at`); a flow
    directory that is a link is not entered."""
    root_fd = open_directory(root)
    if root_fd is None:
        raise ArtifactError(f"the artifact directory {root} is not a directory (or is a link): nothing is deleted through it")
    try:
        flow_fd = open_directory(flow, root_fd)
        if flow_fd is None:
            raise ArtifactError(f"the flow directory {os.path.join(root, flow)} is not a directory (or is a link)")
        try:
            remove_tree_at(flow_fd, name)
        finally:
            os.close(flow_fd)
    finally:
        os.close(root_fd)


def list_artifacts() -> list[ArtifactInfo]:
    """The current flow's artifacts, sorted by name: dicts (also readable as attributes) with name,
    flow_id, node_id, run_id, python_type, format, size (bytes on disk), sha256 and created. An
    artifact whose meta.json is damaged is left out (reading it says why; deleting it works)."""
    _, root, flow = _where()
    infos = []
    with lock:
        for _, directory in artifacts_on_disk(root, flow):
            try:
                meta = read_meta(directory)
            except ArtifactError:  # damaged: read_artifact says what is wrong, delete_artifact removes it
                continue
            if meta is not None:
                infos.append(ArtifactInfo({key: value for key, value in meta.items() if key != "file"}))
    return infos
