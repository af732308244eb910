"""The engine's entry points into a flowfile kernel: start-up, cells in per-flow namespaces, restart
of a flow, and recovery of persisted artifacts.

The engine sends execute_requests whose code calls these functions, e.g.::

    import flowfile._kernel as _fk; _fk.run_cell_b64("<base64 JSON context>", "<base64 source>", 0)

Nothing here is imported by ``import flowfile``; the image's entry point imports this module at
kernel start (:func:`prepare`).
"""

from __future__ import annotations

import ast
import base64
import binascii
import io
import json
import linecache
import os
import signal
import tokenize
from collections.abc import Mapping
from types import CodeType
from typing import Any

from . import _artifacts, _context, _publish, _recovery

_namespaces: dict[str, dict[str, Any]] = {}
"""Flow id -> the global namespace that flow's cells run in."""


def prepare() -> None:
    """Makes the kernel stop promptly on SIGTERM (``docker stop``) and an interrupt reach its cell when
    it runs as PID 1, and plotly figures shown in cells publish themselves for the Flowfile UI
    (``_plotly``).

    The kernel process is PID 1 in its container unless the container runs with an init (Docker's
    ``--init``). The kernel ignores signals that PID 1 has no handler for, so without one ``docker stop``
    would wait its whole grace period and then kill the container; any other process dies of SIGTERM
    by default, which this reproduces (exit status 143).
    """
    if os.getpid() == 1:
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        _interrupt_only_this_process()
    from . import _plotly

    _plotly.install()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    os._exit(128 + signum)


def _interrupt_only_this_process() -> None:
    """An interrupt_request of a kernel that is PID 1 interrupts the kernel.

    ipykernel signals the kernel's process group when the kernel leads it, and PID 1's group is 1:
    ``killpg(1, SIGINT)`` is ``kill(-1, SIGINT)``, which reaches every process in the container except
    the kernel. It succeeds whenever another process runs (a health check, a subprocess a cell
    started), so the cell went on running. Here the kernel signals itself instead.
    """
    from ipykernel.kernelapp import IPKernelApp

    if not IPKernelApp.initialized():
        return
    kernel = IPKernelApp.instance().kernel
    if hasattr(kernel, "_send_interrupt_children"):
        kernel._send_interrupt_children = lambda: os.kill(os.getpid(), signal.SIGINT)


# --- namespaces ------------------------------------------------------------------------------------


def _new_namespace() -> dict[str, Any]:
    import builtins

    import flowfile

    return {"__name__": "__main__", "__builtins__": builtins, "flowfile": flowfile}


def namespace(flow_id: Any) -> dict[str, Any]:
    """The namespace of a flow's cells (created on first use, with ``flowfile`` already imported)."""
    key = str(flow_id)
    existing = _namespaces.get(key)
    if existing is None:
        existing = _namespaces[key] = _new_namespace()
    return existing


def reset_namespace(flow_id: str) -> None:
    """Restarts one flow: forgets its variables and the artifacts it holds in memory.

    Other flows sharing the kernel keep theirs; the flow's persisted artifacts stay on disk.
    """
    key = str(flow_id)
    variables = _namespaces.pop(key, None)
    if variables is not None:
        variables.clear()  # functions of the flow kept elsewhere hold this dict: release what it holds
    _artifacts.forget_flow(key)
    import gc

    gc.collect()


# --- cells -----------------------------------------------------------------------------------------


def run_cell(context: Mapping[str, Any] | str, source: str, cell_index: int = 0) -> None:
    """Runs one cell of a node in the namespace of its flow, with the run context set.

    Args:
        context: The run context (see :func:`flowfile._context.set_context`), or its JSON text; its
            ``flow_id`` picks the namespace: cells of one flow share variables across cells and runs,
            flows never see each other's.
        source: The cell's Python code.
        cell_index: The cell's position in the node, for tracebacks.

    The code is compiled as ``<node {node_id} cell {cell_index}>``, so tracebacks name the node and
    the cell. When the last statement is an expression whose value is not None, and the cell does
    not end with ``;``, the value is shown with :func:`flowfile.display` (DataFrames as tables,
    figures as PNG), as in a Jupyter cell. Exceptions propagate unchanged; the context is cleared
    afterwards in every case.
    """
    __tracebackhide__ = True  # noqa: F841 (IPython hides this frame in tracebacks)
    try:
        if isinstance(context, str):
            context = json.loads(context)
        run_context = _context.set_context(context)
        try:
            variables = namespace(_artifacts.flow_key(run_context.flow_id))
            filename = f"<node {run_context.node_id} cell {cell_index}>"
            try:
                body, last = _compile(source, filename)
            except SyntaxError:
                _show_syntax_error_plainly()
                raise
            if body is not None:
                exec(body, variables)
            if last is not None:
                value = eval(last, variables)
                if value is not None:
                    from ._display import display

                    display(value)
        finally:
            _context.clear_context()
    except BaseException:
        _hide_driver_frame()
        raise


def run_cell_b64(context_b64: str, source_b64: str, cell_index: int = 0) -> None:
    """:func:`run_cell` with its arguments in base64 (standard alphabet, padded): ``context_b64`` is
    the context's JSON text as UTF-8, ``source_b64`` the source as UTF-8.

    The form for the engine: any context and any source survive the trip as a plain ASCII string
    literal, whatever quotes, backslashes, non-BMP characters or JSON ``true``/``null`` they hold.
    """
    __tracebackhide__ = True  # noqa: F841
    try:
        context = json.loads(_unbase64(context_b64, "context_b64"))
        source = _unbase64(source_b64, "source_b64")
    except BaseException:
        _hide_driver_frame()
        raise
    run_cell(context, source, cell_index)


def _unbase64(value: str, what: str) -> str:
    try:
        return base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, TypeError, ValueError) as error:
        raise ValueError(f"{what} is not base64 of UTF-8 text: {error}") from None


def _compile(source: str, filename: str) -> tuple[CodeType | None, CodeType | None]:
    """(code of every statement but a final expression, code of that expression or None)."""
    if not isinstance(source, str):
        raise TypeError(f"the cell source must be a string, not {type(source).__name__}")
    lines = source.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    linecache.cache[filename] = (len(source), None, lines, filename)  # source lines in tracebacks
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not _ends_with_semicolon(source):
        expression = ast.Expression(tree.body.pop().value)
        last = compile(expression, filename, "eval", dont_inherit=True)
    body = compile(tree, filename, "exec", dont_inherit=True) if tree.body else None
    return body, last


def _ends_with_semicolon(source: str) -> bool:
    """True when the last token of the code (comments aside) is ``;``: Jupyter's "no display"."""
    ignored = {tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT}
    last = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in ignored:
                last = token
    except (tokenize.TokenError, SyntaxError):
        return False
    return last is not None and last.type == tokenize.OP and last.string == ";"


def _after_this_execution(shell: Any, undo: Any) -> None:
    """Calls ``undo()`` once the shell has finished the current execute_request (post_execute runs
    after the traceback is shown, silent or not)."""

    def _once(*_: Any) -> None:
        shell.events.unregister("post_execute", _once)
        undo()

    shell.events.register("post_execute", _once)


def _hide_driver_frame() -> None:
    """Hides the engine's one-line driver cell from the traceback IPython is about to show.

    IPython skips frames whose locals hold a true ``__tracebackhide__``; the driver cell's locals are
    the shell's user namespace, where the flag is set until the execution has finished. Flow code
    never runs in that namespace. ``run_cell`` and ``run_cell_b64`` hide their own frames the same way.
    """
    shell = _publish.shell()
    if shell is None or "__tracebackhide__" in shell.user_ns:
        return
    user_ns = shell.user_ns
    user_ns["__tracebackhide__"] = True

    def _restore() -> None:
        if user_ns.get("__tracebackhide__") is True:
            del user_ns["__tracebackhide__"]

    _after_this_execution(shell, _restore)


def _show_syntax_error_plainly() -> None:
    """Makes IPython show a syntax error of the cell as Jupyter does for a cell: the offending line
    and the message, without the frames of the driver that compiled it (IPython's syntax error
    display ignores ``__tracebackhide__``). Applies to the current execution only, and only when no
    one else has installed a custom exception handler."""
    shell = _publish.shell()
    if shell is None or shell.custom_exceptions or not hasattr(shell, "SyntaxTB"):
        return

    def _show(self: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> list[str]:
        stb = self.SyntaxTB.structured_traceback(etype, value, [])
        self._showtraceback(etype, value, stb)
        return stb

    previous = (shell.custom_exceptions, shell.CustomTB)
    shell.set_custom_exc((SyntaxError,), _show)

    def _restore() -> None:
        shell.custom_exceptions, shell.CustomTB = previous

    _after_this_execution(shell, _restore)


# --- artifacts after a kernel start ----------------------------------------------------------------


class JsonDict(dict):  # type: ignore[type-arg]
    """A dict whose ``repr`` is its JSON text, so the engine can parse an execute_result or a print."""

    def __repr__(self) -> str:
        return json.dumps(self, sort_keys=True, default=str)


def recover_artifacts(kernel_id: str, artifact_dir: str, mode: str = "lazy") -> dict[str, Any]:
    """Recovers the flow artifacts persisted under ``artifact_dir`` (the kernel's artifact root, e.g.
    ``/flowfile/artifacts/<kernel_id>``); the engine calls it right after the kernel starts.

    ``mode``: ``lazy`` (default; index the artifacts now, load each on its first read), ``eager``
    (load all now) or ``clear`` (delete all now); see :func:`flowfile._recovery.recover`. Returns
    ``{"kernel_id", "mode", "indexed", "loaded", "deleted", "errors"}``; its repr is JSON.
    ``kernel_id`` only labels the summary (for the engine's log): the directory alone says where the
    artifacts are, and runs find them through their context's ``artifact_dir``.
    """
    summary = _recovery.recover(artifact_dir, mode)
    return JsonDict(kernel_id=kernel_id, **summary)
