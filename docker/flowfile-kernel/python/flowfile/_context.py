"""The run context: what the engine tells the kernel before a node's code runs.

The engine runs a node's cells with ``flowfile._kernel.run_cell(context, source, cell_index)``, which
sets the context before the cell and clears it after (``set_context`` / ``clear_context`` can also be
called directly). The context says which node runs (flow_id, run_id, node_id, kernel_id), where its
input Arrow IPC files are, which outputs it may publish and where they go, where the kernel keeps its
artifacts (artifact_dir) and the run exchanges files with the engine (exchange_dir), and whether the
flow is registered in the catalog (flow_registered, flow_version) or run from the editor
(interactive), and optionally how long to wait for the engine's answers (engine_timeout).

The context lives in one module-level slot: a kernel runs one cell at a time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ._engine import check_timeout
from ._errors import NoContextError

DEFAULT_OUTPUTS: tuple[str, ...] = ("main",)
DEFAULT_SHARED_DIR = "/flowfile/shared"

_FIELDS = (
    "flow_id",
    "run_id",
    "node_id",
    "kernel_id",
    "inputs",
    "outputs",
    "output_dir",
    "shared_dir",
    "artifact_dir",
    "exchange_dir",
    "flow_registered",
    "flow_version",
    "interactive",
    "engine_timeout",
)


@dataclass(frozen=True)
class RunContext:
    """The context of one node's execution. Immutable; build it with :meth:`from_dict`."""

    flow_id: Any = None
    run_id: Any = None
    node_id: Any = None
    inputs: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Input name -> absolute paths of its Arrow IPC files, in order."""
    outputs: tuple[str, ...] = DEFAULT_OUTPUTS
    """The output names this node may publish."""
    output_dir: str | None = None
    """Absolute directory where published outputs go (``<output_dir>/<name>.arrow``)."""
    shared_dir: str = DEFAULT_SHARED_DIR
    """Absolute directory behind :func:`flowfile.get_shared_location`."""
    kernel_id: Any = None
    """The kernel running the node (lineage of global artifacts)."""
    artifact_dir: str | None = None
    """The kernel's artifact root, e.g. ``/flowfile/artifacts/<kernel_id>``: flow-scoped artifacts
    live in ``<artifact_dir>/<flow_id>/<name>/``."""
    exchange_dir: str | None = None
    """The run's exchange directory: staged global artifacts (``globals/``) and the engine's
    answers to requests (``replies/``)."""
    flow_registered: bool = False
    """True when the flow is registered in the catalog (``publish_global`` needs it)."""
    flow_version: int | None = None
    """The registered flow version that runs, if any."""
    interactive: bool = False
    """True when the node runs from the editor (cell by cell) rather than as a flow run."""
    engine_timeout: float | None = None
    """Seconds to wait for the engine's answer to a request (finite, > 0); None: the default of
    :data:`flowfile._engine.DEFAULT_TIMEOUT`."""

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> RunContext:
        """Validates the engine's dictionary and builds a context from it.

        Raises ``ValueError``/``TypeError`` naming the field at fault.
        """
        if not isinstance(values, Mapping):
            raise TypeError(f"the run context must be a dict, not {type(values).__name__}")
        unknown = sorted(set(values) - set(_FIELDS))
        if unknown:
            raise ValueError(f"unknown run context field(s) {unknown}; the fields are {list(_FIELDS)}")
        inputs = _inputs(values.get("inputs") or {})
        outputs = _outputs(values.get("outputs", DEFAULT_OUTPUTS))
        output_dir = values.get("output_dir")
        if output_dir is not None:
            output_dir = _absolute_path("output_dir", output_dir)
        shared_dir = values.get("shared_dir")
        shared_dir = DEFAULT_SHARED_DIR if shared_dir is None else _absolute_path("shared_dir", shared_dir)
        artifact_dir = values.get("artifact_dir")
        if artifact_dir is not None:
            artifact_dir = _absolute_path("artifact_dir", artifact_dir)
        exchange_dir = values.get("exchange_dir")
        if exchange_dir is not None:
            exchange_dir = _absolute_path("exchange_dir", exchange_dir)
        flow_version = values.get("flow_version")
        if flow_version is not None and (isinstance(flow_version, bool) or not isinstance(flow_version, int)):
            raise TypeError(f"run context flow_version must be an integer or None, not {type(flow_version).__name__}")
        engine_timeout = values.get("engine_timeout")
        if engine_timeout is not None:
            engine_timeout = check_timeout(engine_timeout, "run context engine_timeout")
        return cls(
            flow_id=values.get("flow_id"),
            run_id=values.get("run_id"),
            node_id=values.get("node_id"),
            inputs=inputs,
            outputs=outputs,
            output_dir=output_dir,
            shared_dir=shared_dir,
            kernel_id=values.get("kernel_id"),
            artifact_dir=artifact_dir,
            exchange_dir=exchange_dir,
            flow_registered=_flag("flow_registered", values.get("flow_registered")),
            flow_version=flow_version,
            interactive=_flag("interactive", values.get("interactive")),
            engine_timeout=engine_timeout,
        )


def _absolute_path(what: str, value: Any) -> str:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"run context {what} must be a path string, not {type(value).__name__}")
    path = os.fspath(value)
    if not os.path.isabs(path):
        raise ValueError(f"run context {what} must be an absolute path, got {path!r}")
    return path


def _flag(what: str, value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise TypeError(f"run context {what} must be true or false, not {type(value).__name__}")
    return value


def _inputs(value: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise TypeError(f"run context inputs must map input names to lists of paths, not {type(value).__name__}")
    inputs: dict[str, tuple[str, ...]] = {}
    for name, paths in value.items():
        if not isinstance(name, str) or not name:
            raise ValueError(f"run context input names must be non-empty strings, got {name!r}")
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        if not isinstance(paths, Sequence):
            raise TypeError(f"run context input {name!r} must be a list of paths, not {type(paths).__name__}")
        inputs[name] = tuple(_absolute_path(f"input {name!r} path", path) for path in paths)
    return inputs


def _outputs(value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise TypeError(f"run context outputs must be a list of names, not {type(value).__name__}")
    for name in value:
        if not isinstance(name, str) or not name or "/" in name or "\\" in name or name in (".", ".."):
            raise ValueError(f"run context output names must be plain file names, got {name!r}")
    return tuple(value)


_current: RunContext | None = None
"""The run context of the cell that runs now, or None."""


def set_context(values: Mapping[str, Any] | RunContext) -> RunContext:
    """Sets the run context (called by the engine before a node's code runs).

    ``values`` has the fields flow_id, run_id, node_id, kernel_id, inputs (``{name: [absolute
    paths]}``), outputs (default ``["main"]``), output_dir, shared_dir (default ``/flowfile/shared``),
    artifact_dir, exchange_dir, flow_registered (default false), flow_version (int or None),
    interactive (default false) and engine_timeout (seconds, default 60). Every field is optional;
    unknown fields are refused.
    """
    global _current
    context = values if isinstance(values, RunContext) else RunContext.from_dict(values)
    _current = context
    return context


def clear_context() -> None:
    """Forgets the run context (called by the engine after a node's code ran)."""
    global _current
    _current = None


def current_context() -> RunContext | None:
    """The run context, or None when the engine has not set one."""
    return _current


def get_context() -> RunContext:
    """The run context; raises :class:`NoContextError` when there is none."""
    context = _current
    if context is None:
        raise NoContextError(
            "no flowfile run context: read_input(), publish_output() and the artifact functions work only "
            "while the engine runs a node (it calls flowfile._context.set_context(...) first)"
        )
    return context
