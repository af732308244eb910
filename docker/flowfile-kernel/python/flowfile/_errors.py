"""Errors raised by the flowfile API."""

from __future__ import annotations

from collections.abc import Iterable


class FlowfileError(Exception):
    """Base class of the errors raised by the flowfile API."""


class NoContextError(FlowfileError, RuntimeError):
    """The API needs a run context and the engine has not set one."""


class UnknownNameError(FlowfileError, KeyError, ValueError):
    """An input or output name this node does not have.

    A ``KeyError`` (a name lookup failed) and a ``ValueError`` (a bad argument); its message lists the
    names that are valid.
    """

    def __init__(self, kind: str, name: object, valid: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.valid = tuple(valid)
        if self.valid:
            listed = ", ".join(repr(v) for v in self.valid)
            message = f"unknown {kind} {name!r}: this node's {kind}s are {listed}"
        else:
            message = f"unknown {kind} {name!r}: this node has no {kind}s"
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would print the message quoted
        return str(self.args[0])
