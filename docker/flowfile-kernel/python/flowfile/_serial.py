"""Serialising artifacts to files and back, by type, with a SHA-256 of every file.

=====================================================  ==========  ==============
object                                                 format      file extension
=====================================================  ==========  ==============
Polars DataFrame / LazyFrame (collected), pandas       ``parquet``  ``.parquet``
DataFrame (read back as the same type)
scikit-learn, NumPy, SciPy sparse, XGBoost, LightGBM   ``joblib``   ``.joblib``
anything else                                          ``pickle``   ``.pkl`` (cloudpickle)
=====================================================  ==========  ==============

A DataFrame that Parquet cannot hold (a pandas object column of mixed types, Polars Object columns, ...)
and a joblib object that plain pickle cannot hold (a lambda in a scikit-learn pipeline, a class
defined in a cell) fall back to cloudpickle; the format actually used is returned. The library of an
object is recognised by the modules of its classes, never by importing the library.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ._errors import ArtifactChecksumError, ArtifactSerializationError

PARQUET = "parquet"
JOBLIB = "joblib"
PICKLE = "pickle"
EXTENSIONS: dict[str, str] = {PARQUET: "parquet", JOBLIB: "joblib", PICKLE: "pkl"}
"""Format -> file extension."""

_JOBLIB_MODULES = ("sklearn", "numpy", "scipy.sparse", "xgboost", "lightgbm")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Written:
    """A serialised object: its file and what to record about it."""

    path: str
    format: str
    python_type: str
    size: int
    sha256: str
    value: Any = None
    """The object as a reader gets it back: the object itself, except that a LazyFrame is collected
    (the published plan may scan files that go away)."""


def python_type(obj: Any) -> str:
    """``module.QualifiedName`` of the object's class, e.g. ``polars.dataframe.frame.DataFrame``."""
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def class_modules(obj: Any) -> list[str]:
    """Modules of the classes ``obj`` is an instance of (its class first, then its bases)."""
    return [cls.__module__ or "" for cls in type(obj).__mro__]


def root_modules(obj: Any) -> set[str]:
    """Top-level packages of the classes ``obj`` is an instance of, e.g. ``{"polars", "builtins"}``.

    Which library an object comes from, found without importing any library: the one place the
    package asks that question (serialisation, ``publish_output``, ``display``).
    """
    return {module.split(".")[0] for module in class_modules(obj)}


def frame_kind(obj: Any) -> str | None:
    """``polars`` / ``polars-lazy`` / ``pandas`` for a DataFrame (LazyFrame) of those libraries, else None."""
    kind = type(obj).__name__
    roots = root_modules(obj)
    if "polars" in roots and kind in ("DataFrame", "LazyFrame"):
        return "polars-lazy" if kind == "LazyFrame" else "polars"
    if "pandas" in roots and kind == "DataFrame":
        return "pandas"
    return None


def choose_format(obj: Any) -> str:
    """The format ``obj`` is written in first (``parquet``, ``joblib`` or ``pickle``)."""
    if frame_kind(obj) is not None:
        return PARQUET
    for module in class_modules(obj):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in _JOBLIB_MODULES):
            return JOBLIB
    return PICKLE


def write(obj: Any, directory: str, what: str) -> Written:
    """Serialises ``obj`` into a new temporary file in ``directory`` (created if missing).

    The caller renames the file into place (``os.replace``) or deletes it. ``what`` names the object
    in error messages, e.g. ``"artifact 'model'"``. Raises :class:`ArtifactSerializationError` saying
    what in the object cannot be serialised.
    """
    os.makedirs(directory, exist_ok=True)
    kind = python_type(obj)
    fmt = choose_format(obj)
    if fmt == PARQUET:
        frame = obj.collect() if frame_kind(obj) == "polars-lazy" else obj
        path = _try_write(directory, PARQUET, lambda target: _write_parquet(frame, target))
        if path is not None:
            return _written(path, PARQUET, kind, frame.lazy() if frame is not obj else obj)
        obj = frame.lazy() if frame is not obj else obj  # pickled collected, read back lazy
        # a frame Parquet cannot hold (a mixed-type pandas object column, Polars Object): pickle it
    elif fmt == JOBLIB:
        path = _try_write(directory, JOBLIB, lambda target: _dump_joblib(obj, target))
        if path is not None:
            return _written(path, JOBLIB, kind, obj)
        # plain pickle failed (a lambda in a pipeline, a class defined in a cell): cloudpickle
    path = _temporary(directory, PICKLE)
    try:
        with open(path, "wb") as file:
            _pickler(file).dump(obj)
    except Exception as error:
        remove_file(path)
        raise ArtifactSerializationError(explain_unpicklable(obj, what, error)) from error
    except BaseException:
        remove_file(path)
        raise
    return _written(path, PICKLE, kind, obj)


def _try_write(directory: str, fmt: str, writer: Callable[[str], None]) -> str | None:
    """Runs ``writer(path)`` on a new temporary file; returns the path, or None (file removed) when
    the writer raised an ``Exception``."""
    path = _temporary(directory, fmt)
    try:
        writer(path)
        return path
    except Exception:
        remove_file(path)
        return None
    except BaseException:
        remove_file(path)
        raise


def _dump_joblib(obj: Any, path: str) -> None:
    import joblib

    joblib.dump(obj, path)


def _temporary(directory: str, fmt: str) -> str:
    descriptor, path = tempfile.mkstemp(prefix=".data.", suffix=f".{EXTENSIONS[fmt]}.tmp", dir=directory)
    os.close(descriptor)
    os.chmod(path, 0o644)  # mkstemp makes it 0600: the engine may read it as another user
    return path


def remove_file(path: str) -> None:
    """Deletes a file; one that is already gone is fine."""
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def _write_parquet(frame: Any, path: str) -> None:
    if frame_kind(frame) == "pandas":
        frame.to_parquet(path)
    else:
        frame.write_parquet(path)


def _written(path: str, fmt: str, kind: str, value: Any) -> Written:
    return Written(
        path=path, format=fmt, python_type=kind, size=os.path.getsize(path), sha256=sha256_of(path), value=value
    )


def sha256_of(path: str) -> str:
    """The SHA-256 of a file, as 64 lower-case hex digits."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_verified(path: str, expected: str, what: str, fmt: str, kind: str) -> Any:
    """Reads the file once (not through a link), checks the bytes' SHA-256 against ``expected``
    (:class:`ArtifactChecksumError` on a mismatch) and deserialises those same bytes: what is
    checked is what is loaded, even if someone replaces the file meanwhile."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ArtifactChecksumError(f"{what} cannot be read from {path}: {error.strerror or error}") from error
    with os.fdopen(descriptor, "rb") as file:
        data = file.read()
    found = hashlib.sha256(data).hexdigest()
    if found != str(expected).lower():
        raise ArtifactChecksumError(
            f"{what} failed its checksum: expected {expected}, found {found}; the file was changed or damaged "
            f"({path})"
        )
    return read(io.BytesIO(data), fmt, kind)


def read(source: Any, fmt: str, kind: str) -> Any:
    """Deserialises what :func:`write` wrote (``kind`` is the recorded python_type), from a path or a binary file object."""
    if fmt == PARQUET:
        if kind.startswith("pandas."):
            import pandas as pd

            return pd.read_parquet(source)
        import polars as pl

        frame = pl.read_parquet(source)
        return frame.lazy() if kind.endswith(".LazyFrame") else frame
    if fmt == JOBLIB:
        import joblib

        return joblib.load(source)
    if fmt == PICKLE:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as file:
                return pickle.load(file)
        return pickle.load(source)  # cloudpickle output loads with plain pickle (cloudpickle installed)
    raise ValueError(f"unknown artifact format {fmt!r}: the formats are {', '.join(EXTENSIONS)}")


# --- why an object cannot be pickled --------------------------------------------------------------

_MAX_DEPTH = 8
_MAX_CHILDREN = 500


def explain_unpicklable(obj: Any, what: str, error: BaseException) -> str:
    """A message saying which part of ``obj`` cannot be pickled, what it is and what to do instead."""
    path, culprit = _find_culprit(obj, "", 0)
    description, advice = _describe(culprit)
    where = f"it is {description}" if not path else f"it contains {description} at {path}"
    detail = f"{type(error).__name__}: {error}"
    return f"{what} cannot be serialised: {where}, which cannot be saved ({detail}). {advice}"


def _pickles(obj: Any) -> bool:
    try:
        _pickler(_Discard()).dump(obj)
        return True
    except Exception:
        return False


_pickler_class: Any = None


def _pickler(file: Any) -> Any:
    """A cloudpickle pickler that refuses open files.

    cloudpickle would save a file open for reading as a ``StringIO`` snapshot of its content: a
    different object from what was published. In-memory ``BytesIO``/``StringIO`` pickle as usual.
    """
    global _pickler_class
    if _pickler_class is None:
        import cloudpickle

        class Pickler(cloudpickle.Pickler):  # type: ignore[misc,name-defined]
            def reducer_override(self, obj: Any) -> Any:
                if isinstance(obj, io.IOBase) and not isinstance(obj, (io.BytesIO, io.StringIO)):
                    raise TypeError(f"cannot pickle an open file ({type(obj).__module__}.{type(obj).__qualname__})")
                return super().reducer_override(obj)

        _pickler_class = Pickler
    return _pickler_class(file, protocol=pickle.HIGHEST_PROTOCOL)


class _Discard(io.RawIOBase):
    """A sink that throws away what is written: no copy of a big object is kept in memory."""

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return len(data)


def _find_culprit(obj: Any, path: str, depth: int) -> tuple[str, Any]:
    """The deepest part of ``obj`` that does not pickle (its path from the root, and itself)."""
    if depth >= _MAX_DEPTH:
        return path, obj
    for child_path, child in _children(obj, path):
        if not _pickles(child):
            return _find_culprit(child, child_path, depth + 1)
    return path, obj


def _children(obj: Any, path: str) -> list[tuple[str, Any]]:
    children: list[tuple[str, Any]] = []
    if isinstance(obj, dict):
        for key, value in list(obj.items())[:_MAX_CHILDREN]:
            children.append((f"{path}[{key!r}]", value))
    elif isinstance(obj, (list, tuple)):
        for index, value in enumerate(obj[:_MAX_CHILDREN]):
            children.append((f"{path}[{index}]", value))
    elif isinstance(obj, (set, frozenset)):
        for value in list(obj)[:_MAX_CHILDREN]:
            children.append((f"{path} (an item of the set)", value))
    elif isinstance(obj, types.FunctionType):
        name = obj.__qualname__
        code = obj.__code__
        for variable, cell in zip(code.co_freevars, obj.__closure__ or ()):
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            children.append((f"{path} (variable {variable!r} used by function {name})", value))
        for global_name in code.co_names:
            if global_name in obj.__globals__:
                children.append((f"{path} (global {global_name!r} used by function {name})", obj.__globals__[global_name]))
    elif not isinstance(obj, (type, types.ModuleType)) and isinstance(getattr(obj, "__dict__", None), dict):
        for attribute, value in list(vars(obj).items())[:_MAX_CHILDREN]:
            children.append((f"{path}.{attribute}", value))
    return children


def _describe(obj: Any) -> tuple[str, str]:
    """(what the object is, what to do instead)."""
    import threading

    cls = type(obj)
    module = cls.__module__ or ""
    label = f"{module}.{cls.__qualname__}"
    if isinstance(obj, io.IOBase):
        name = getattr(obj, "name", None)
        named = f" {name!r}" if isinstance(name, (str, int)) else ""
        return (
            f"an open file ({label}{named})",
            "Publish the file's path or its content instead, and open it again where the artifact is read.",
        )
    if cls in (type(threading.Lock()), type(threading.RLock())) or module == "_thread":
        return (
            f"a thread lock ({label})",
            "Leave locks out of the artifact and create a new one where it is read.",
        )
    if isinstance(obj, (types.GeneratorType, types.AsyncGeneratorType, types.CoroutineType)):
        kind = {types.GeneratorType: "a generator", types.AsyncGeneratorType: "an async generator"}.get(
            cls, "a coroutine"
        )
        return (
            f"{kind} ({getattr(obj, '__qualname__', label)})",
            "Its state cannot be saved: publish its results instead, e.g. list(generator).",
        )
    if module.startswith(("socket", "ssl")):
        return (f"a network socket ({label})", "Publish the address to connect to instead.")
    if module.split(".")[0] in ("sqlite3", "psycopg", "psycopg2", "pymysql", "sqlalchemy", "duckdb", "pyodbc"):
        return (
            f"a database connection or cursor ({label})",
            "Publish the data you fetched, or the connection settings, instead.",
        )
    if isinstance(obj, threading.Thread):
        return (f"a thread ({label})", "Publish the thread's results instead.")
    if isinstance(obj, types.FunctionType) and obj.__name__ == "<lambda>":
        return (
            f"a lambda defined in {obj.__code__.co_filename}",
            "A lambda pickles only when everything it uses pickles: define a function that needs no such objects.",
        )
    return (
        f"an object of type {label}",
        "Publish the data it holds (e.g. as a dict, a DataFrame or an array) instead.",
    )
