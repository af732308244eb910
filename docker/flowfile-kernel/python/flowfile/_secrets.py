"""Users' secrets in code: ``flowfile.get_secret(name)`` and the :class:`Secret` it returns.

A user sets a secret (a password, an API key) once, in the Flowfile UI's Secrets page or its API; a
node refers to it by name, so no flow file, setting, cell source or log holds its value. The engine
hands the value to the code of the kernel owner's own nodes only: the request carries the name, the
answer comes back in a file of the node's exchange directory, which the kernel reads and deletes.

A :class:`Secret` shows its name only when printed, logged or displayed; the value is there for the
code that asks for it (:meth:`Secret.get_secret_value`, the spelling of pydantic's ``SecretStr``). It
cannot be pickled, so it does not end up in an artifact by accident. The engine also masks revealed
values in what the node prints.
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

from . import _engine
from ._context import get_context
from ._errors import EngineError

_NAME = re.compile(r"(?!\.+$)[A-Za-z0-9_.-]{1,128}")
MASK = "**********"


class Secret:
    """A secret's value, hidden from ``str``, ``repr``, logs and pickles."""

    __slots__ = ("_name", "_value")

    def __init__(self, name: str, value: str) -> None:
        self._name = name
        self._value = value

    @property
    def name(self) -> str:
        """The secret's name (not secret)."""
        return self._name

    def get_secret_value(self) -> str:
        """The value itself."""
        return self._value

    def reveal(self) -> str:
        """The value itself (the same as :meth:`get_secret_value`)."""
        return self._value

    def __str__(self) -> str:
        return MASK

    def __repr__(self) -> str:
        return f"Secret({self._name!r}, {MASK!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._name == self._name and other._value == self._value

    def __hash__(self) -> int:
        return hash((Secret, self._name))

    def __copy__(self) -> Secret:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Secret:
        return self

    def __reduce__(self) -> NoReturn:
        raise TypeError(f"secret {self._name!r} cannot be pickled: keep its name, and ask for it with flowfile.get_secret")


def check_secret_name(name: Any) -> str:
    """``name`` if it can name a secret, else ``TypeError``/``ValueError`` saying what it may be."""
    if not isinstance(name, str):
        raise TypeError(f"a secret's name must be a string, not {type(name).__name__}")
    if not _NAME.fullmatch(name):
        raise ValueError(f"a secret's name is 1-128 letters, digits, '.', '_' or '-', not {name!r}")
    return name


def get_secret(name: str) -> Secret:
    """The secret ``name`` of the user whose kernel runs this code.

    Raises :class:`~flowfile.EngineError` with the engine's message when there is no such secret
    (set it under Secrets first), :class:`~flowfile.NoContextError` outside a run or cell.
    """
    check_secret_name(name)
    context = get_context()
    answer = _engine.request("get_secret", {"name": name}, context.exchange_dir, context.engine_timeout)
    value = answer.get("value")
    if not isinstance(value, str):
        raise EngineError(f"the engine's answer to get_secret has no value for {name!r}")
    return Secret(name, value)
