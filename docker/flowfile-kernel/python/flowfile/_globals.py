"""Global artifacts: versioned objects in the engine's catalog, shared by every flow.

The kernel never reaches the catalog itself: it serialises the object into the run's exchange
directory and asks the engine (:mod:`flowfile._engine`) to take it, or asks the engine to place a
stored version in the exchange directory and reads it from there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from typing import Any

from . import _engine, _serial
from ._artifacts import ArtifactInfo, check_name
from ._context import RunContext, current_context, get_context
from ._errors import EngineError, EngineTimeoutError, NotRegisteredError

GLOBALS = "globals"
"""Directory of staged global artifacts in the run's exchange directory."""


def _check_tags(tags: Any) -> list[str] | None:
    if tags is None:
        return None
    if isinstance(tags, str) or not isinstance(tags, Sequence) or not all(isinstance(t, str) and t for t in tags):
        raise TypeError(f"tags must be a list of non-empty strings, e.g. ['ml', 'q4'], not {tags!r}")
    return list(tags)


def _registered_context() -> RunContext:
    context = current_context()
    if context is not None and context.interactive:
        raise NotRegisteredError(
            "publish_global is not available in interactive (cell) mode: a global artifact records the "
            "registered flow version and run that made it. Run the registered flow instead; "
            "publish_artifact keeps objects within this flow"
        )
    if context is None or not context.flow_registered:
        where = (
            "this code runs outside a flow run (no run context)"
            if context is None
            else f"flow {context.flow_id!r} is not registered in the catalog"
        )
        raise NotRegisteredError(
            f"publish_global needs a registered flow, and {where}: a global artifact records the flow "
            "version that made it. Register the flow in the catalog and run it from there; "
            "publish_artifact keeps objects within this flow without registering it"
        )
    return context


def publish_global(name: str, obj: Any, description: str | None = None, tags: list[str] | None = None) -> str:
    """Publishes ``obj`` to the global catalog as a new version of artifact ``name``; returns the id
    of that version (the catalog's id, a UUID string).

    Needs a run of a registered flow (:class:`~flowfile.NotRegisteredError` otherwise, before
    anything is serialised). The object is serialised like a flow artifact into
    ``<exchange_dir>/globals/<uuid>.<ext>`` and the engine is asked to store it with its lineage
    (flow, flow version, run, node, kernel). ``description`` and ``tags`` (a list of strings) are
    recorded with it. Raises :class:`~flowfile.EngineError` when the engine refuses.
    """
    context = _registered_context()
    check_name(name, "global artifact")
    tags = _check_tags(tags)
    if description is not None and not isinstance(description, str):
        raise TypeError(f"description must be a string or None, not {type(description).__name__}")
    if not context.exchange_dir:
        raise EngineError("publish_global needs the run's exchange directory, and the run context has no exchange_dir")
    staging = os.path.join(context.exchange_dir, GLOBALS)
    written = _serial.write(obj, staging, f"global artifact {name!r}")
    relative = os.path.join(GLOBALS, f"{uuid.uuid4()}.{_serial.EXTENSIONS[written.format]}")
    path = os.path.join(context.exchange_dir, relative)
    try:
        os.replace(written.path, path)
    except BaseException:
        _serial.remove_file(written.path)
        raise
    fields = {
        "name": name,
        "format": written.format,
        "python_type": written.python_type,
        "size": written.size,
        "sha256": written.sha256,
        "description": description,
        "tags": tags or [],
        "path": path,
        "relative_path": relative,
        "lineage": {
            "flow_id": context.flow_id,
            "flow_version": context.flow_version,
            "run_id": context.run_id,
            "node_id": context.node_id,
            "kernel_id": context.kernel_id,
        },
    }
    try:
        answer = _engine.request("publish_global", fields, context.exchange_dir, context.engine_timeout)
    except EngineTimeoutError:
        raise  # the engine may still be reading the staged file: it is the engine's to clean up
    except BaseException:
        _serial.remove_file(path)
        raise
    _serial.remove_file(path)  # the engine has answered: it has its own copy
    artifact_id = answer.get("id")
    if not isinstance(artifact_id, str) or not artifact_id:
        raise EngineError(f"the engine's answer to publish_global has no 'id' string: {answer!r}")
    return artifact_id


def get_global(name: str, version: int | None = None) -> Any:
    """Returns global artifact ``name``: its latest version, or ``version``.

    The engine places the stored file in the run's exchange directory; its SHA-256 is verified
    (:class:`~flowfile.ArtifactChecksumError` on a mismatch) before it is deserialised. Raises
    :class:`~flowfile.EngineError` with the engine's message for an unknown name or version.
    """
    check_name(name, "global artifact")
    _check_version(version)
    context = get_context()
    answer = _engine.request(
        "get_global", {"name": name, "version": version}, context.exchange_dir, context.engine_timeout
    )
    try:
        path, fmt, kind, sha256 = (answer[key] for key in ("path", "format", "python_type", "sha256"))
    except KeyError as missing:
        raise EngineError(f"the engine's answer to get_global lacks {missing}: {answer!r}") from None
    path = _resolve(context.exchange_dir, str(path))
    shown_version = answer.get("version", version)
    label = f"global artifact {name!r}" + ("" if shown_version is None else f" version {shown_version}")
    return _serial.read_verified(path, sha256, label, fmt, kind)  # the file is the engine's: it removes it at the next get_global


def _check_version(version: Any) -> None:
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise TypeError(f"version must be an integer or None, not {version!r}")


def _resolve(exchange_dir: str, path: str) -> str:
    """The engine's file for this call: a path relative to the exchange directory (there is one: the
    engine answered through it), never outside it."""
    if os.path.isabs(path):
        raise EngineError(f"the engine's answer names an absolute path, not one in the exchange directory: {path!r}")
    base = os.path.abspath(exchange_dir)
    resolved = os.path.normpath(os.path.join(base, path))
    if not resolved.startswith(base.rstrip(os.sep) + os.sep):
        raise EngineError(f"the engine's answer names a file outside the exchange directory: {path!r}")
    return resolved


def list_global_artifacts(tags: list[str] | None = None) -> list[ArtifactInfo]:
    """The global artifacts (with ``tags``: those carrying all these tags), as the engine lists them:
    dicts, also readable as attributes (``a.name``, ``a.version``, ``a.python_type``, ...)."""
    tags = _check_tags(tags)
    context = get_context()
    answer = _engine.request("list_global", {"tags": tags}, context.exchange_dir, context.engine_timeout)
    artifacts = answer.get("artifacts")
    if not isinstance(artifacts, list):
        raise EngineError(f"the engine's answer to list_global has no 'artifacts' list: {answer!r}")
    return [ArtifactInfo(item) for item in artifacts if isinstance(item, dict)]


def delete_global_artifact(name: str, version: int | None = None) -> None:
    """Deletes global artifact ``name``: every version, or only ``version``. Raises
    :class:`~flowfile.EngineError` with the engine's message when it refuses."""
    check_name(name, "global artifact")
    _check_version(version)
    context = get_context()
    _engine.request(
        "delete_global", {"name": name, "version": version}, context.exchange_dir, context.engine_timeout
    )

