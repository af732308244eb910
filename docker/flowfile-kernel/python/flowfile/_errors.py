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


class ArtifactError(FlowfileError):
    """Base class of the errors about artifacts (flow-scoped or global)."""


class InvalidArtifactNameError(ArtifactError, ValueError):
    """An artifact name with characters that are not allowed, or of a bad length."""


class UnknownArtifactError(ArtifactError, KeyError):
    """No artifact of that name in this flow; the message lists the names there are.

    A ``KeyError``, like Flowfile's, so existing ``except KeyError`` code keeps working.
    """

    def __str__(self) -> str:  # KeyError would print the message quoted
        return str(self.args[0])


class ArtifactExistsError(ArtifactError, ValueError):
    """Another node of the flow already published an artifact of that name."""


class ArtifactSerializationError(ArtifactError, TypeError):
    """The object cannot be serialised (it holds an open file, a lock, a generator, ...)."""


class ArtifactChecksumError(ArtifactError):
    """An artifact's data file does not match the SHA-256 recorded when it was written."""


class NotRegisteredError(FlowfileError, RuntimeError):
    """``publish_global`` outside a run of a registered flow."""


class EngineError(FlowfileError, RuntimeError):
    """The engine refused a request (its message is the error's message)."""


class EngineUnavailableError(EngineError):
    """The request cannot reach the engine: not in a kernel, or no exchange directory."""


class EngineTimeoutError(EngineError, TimeoutError):
    """The engine did not answer a request in time."""
