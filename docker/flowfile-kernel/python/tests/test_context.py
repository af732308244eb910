"""The run context the engine sets before a node's code runs."""

from __future__ import annotations

import pytest

import flowfile
from flowfile import _context


def test_set_context_fills_defaults() -> None:
    context = _context.set_context({"node_id": 1, "inputs": {"main": ["/x/a.arrow"]}, "output_dir": "/out"})

    assert _context.get_context() is context
    assert context.inputs == {"main": ("/x/a.arrow",)}
    assert context.outputs == ("main",)
    assert context.shared_dir == "/flowfile/shared"
    assert (context.flow_id, context.run_id, context.node_id) == (None, None, 1)


def test_the_fields_of_a_kernel_run() -> None:
    context = _context.set_context(
        {
            "flow_id": "f1",
            "run_id": "r1",
            "node_id": 4,
            "kernel_id": "k1",
            "artifact_dir": "/flowfile/artifacts/k1",
            "exchange_dir": "/flowfile/exchange/r1",
            "flow_registered": True,
            "flow_version": 3,
            "interactive": False,
        }
    )

    assert (context.kernel_id, context.artifact_dir, context.exchange_dir) == (
        "k1", "/flowfile/artifacts/k1", "/flowfile/exchange/r1",
    )
    assert (context.flow_registered, context.flow_version, context.interactive) == (True, 3, False)


def test_registration_fields_default_to_an_unregistered_flow_run() -> None:
    context = _context.set_context({"flow_id": "f1", "flow_registered": None, "interactive": None})

    assert (context.flow_registered, context.flow_version, context.interactive) == (False, None, False)
    assert (context.artifact_dir, context.exchange_dir, context.kernel_id) == (None, None, None)


def test_clear_context_forgets_it() -> None:
    _context.set_context({"node_id": 1})
    _context.clear_context()

    assert _context.current_context() is None
    with pytest.raises(flowfile.NoContextError, match="set_context"):
        _context.get_context()


def test_functions_that_need_a_context_say_so() -> None:
    with pytest.raises(flowfile.NoContextError, match="no flowfile run context"):
        flowfile.read_input()
    with pytest.raises(RuntimeError):  # NoContextError is a RuntimeError
        flowfile.publish_output(None)


@pytest.mark.parametrize(
    ("values", "error", "message"),
    [
        ({"node": 1}, ValueError, r"unknown run context field\(s\) \['node'\]"),
        ({"inputs": {"main": ["relative.arrow"]}}, ValueError, "absolute path"),
        ({"inputs": ["/a.arrow"]}, TypeError, "inputs must map"),
        ({"inputs": {"main": 3}}, TypeError, "must be a list of paths"),
        ({"outputs": "main"}, TypeError, "outputs must be a list"),
        ({"outputs": ["../escape"]}, ValueError, "plain file names"),
        ({"output_dir": "out"}, ValueError, "output_dir must be an absolute path"),
        ({"shared_dir": "shared"}, ValueError, "shared_dir must be an absolute path"),
        ({"artifact_dir": "artifacts"}, ValueError, "artifact_dir must be an absolute path"),
        ({"exchange_dir": "x"}, ValueError, "exchange_dir must be an absolute path"),
        ({"flow_registered": "yes"}, TypeError, "flow_registered must be true or false"),
        ({"interactive": 1}, TypeError, "interactive must be true or false"),
        ({"flow_version": "2"}, TypeError, "flow_version must be an integer or None"),
        ({"flow_version": True}, TypeError, "flow_version must be an integer or None"),
        ({"engine_timeout": float("nan")}, ValueError, "engine_timeout must be a finite number of seconds greater than 0"),
        ({"engine_timeout": float("inf")}, ValueError, "engine_timeout must be a finite number of seconds greater than 0"),
        ({"engine_timeout": 0}, ValueError, "engine_timeout must be a finite number of seconds greater than 0"),
        ({"engine_timeout": "30"}, TypeError, "engine_timeout must be a number of seconds"),
    ],
)
def test_bad_context_is_refused_naming_the_field(values: dict, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        _context.set_context(values)
    assert _context.current_context() is None


def test_a_single_path_is_accepted_for_an_input() -> None:
    context = _context.set_context({"inputs": {"main": "/x/a.arrow"}})

    assert context.inputs == {"main": ("/x/a.arrow",)}


def test_the_engine_timeout_is_optional_seconds() -> None:
    assert _context.set_context({"flow_id": "f1"}).engine_timeout is None
    assert _context.set_context({"flow_id": "f1", "engine_timeout": 5}).engine_timeout == 5.0


def test_kernel_prepare_leaves_sigterm_alone_unless_pid_1() -> None:
    import signal

    from flowfile import _kernel

    before = signal.getsignal(signal.SIGTERM)
    _kernel.prepare()  # pytest is not PID 1

    assert signal.getsignal(signal.SIGTERM) is before
