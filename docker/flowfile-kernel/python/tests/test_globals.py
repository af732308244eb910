"""Global artifacts through a fake engine: publish_global (registered flows only), get_global,
list_global_artifacts, delete_global_artifact."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

import flowfile
from conftest import FakeEngine
from flowfile import _context, _serial


class Exploding:
    """Records whether anything tried to serialise it."""

    touched = False

    def __reduce__(self) -> Any:
        Exploding.touched = True
        raise AssertionError("serialised")


# --- publish_global --------------------------------------------------------------------------------


def test_publish_global_without_a_context_is_refused_before_serialising(engine: FakeEngine) -> None:
    Exploding.touched = False

    with pytest.raises(flowfile.NotRegisteredError) as raised:
        flowfile.publish_global("model", Exploding())

    assert str(raised.value) == (
        "publish_global needs a registered flow, and this code runs outside a flow run (no run context): "
        "a global artifact records the flow version that made it. Register the flow in the catalog and run "
        "it from there; publish_artifact keeps objects within this flow without registering it"
    )
    assert not Exploding.touched and engine.messages == []


def test_publish_global_of_an_unregistered_flow_is_refused_before_serialising(
    flow_context: dict[str, Any], engine: FakeEngine
) -> None:
    _context.set_context(dict(flow_context, flow_registered=False, flow_version=None))
    Exploding.touched = False

    with pytest.raises(flowfile.NotRegisteredError, match="flow 'f1' is not registered in the catalog"):
        flowfile.publish_global("model", Exploding())

    assert not Exploding.touched and engine.messages == []
    assert not os.path.exists(os.path.join(flow_context["exchange_dir"], "globals"))


def test_publish_global_is_not_available_in_interactive_mode(flow_context: dict[str, Any], engine: FakeEngine) -> None:
    _context.set_context(dict(flow_context, interactive=True))  # a registered flow, but cells run by hand
    Exploding.touched = False

    with pytest.raises(flowfile.NotRegisteredError, match="not available in interactive"):
        flowfile.publish_global("model", Exploding())

    assert not Exploding.touched and engine.messages == []


def test_publish_global_stages_the_file_and_asks_the_engine(flow: dict[str, Any], engine: FakeEngine) -> None:
    seen: dict[str, Any] = {}

    def store(message: dict[str, Any]) -> dict[str, Any]:
        path = Path(message["path"])
        seen["bytes"] = path.read_bytes()  # the file is complete when the request arrives
        seen["relative"] = Path(flow["exchange_dir"], message["relative_path"]) == path
        return {"ok": True, "id": "0b6f6a4e-17", "version": 3}

    engine.handlers["publish_global"] = store
    model = {"weights": [0.5, 1.5]}

    artifact_id = flowfile.publish_global("sales_model", model, description="Q4 model", tags=["ml", "q4"])

    assert artifact_id == "0b6f6a4e-17"
    [message] = engine.messages
    assert message["action"] == "publish_global"
    assert (message["name"], message["format"], message["python_type"]) == ("sales_model", "pickle", "builtins.dict")
    assert (message["description"], message["tags"]) == ("Q4 model", ["ml", "q4"])
    assert message["size"] == len(seen["bytes"])
    assert message["sha256"] == hashlib.sha256(seen["bytes"]).hexdigest()
    assert seen["relative"]
    assert message["relative_path"].startswith("globals/") and message["relative_path"].endswith(".pkl")
    assert message["lineage"] == {"flow_id": "f1", "flow_version": 2, "run_id": "run-1", "node_id": 3, "kernel_id": "k1"}
    assert _serial.read(_write_back(flow, seen["bytes"]), "pickle", "builtins.dict") == model
    # the staged file and the answer are gone once the engine has answered
    assert os.listdir(os.path.join(flow["exchange_dir"], "globals")) == []
    assert os.listdir(os.path.join(flow["exchange_dir"], "replies")) == []


def _write_back(flow: dict[str, Any], data: bytes) -> str:
    path = os.path.join(flow["exchange_dir"], "copy.pkl")
    with open(path, "wb") as file:
        file.write(data)
    return path


def test_publish_global_formats_follow_the_type(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["publish_global"] = lambda m: {"ok": True, "id": "id-1", "version": 1}

    flowfile.publish_global("frame", pl.DataFrame({"v": [1]}))
    flowfile.publish_global("array", np.zeros(3))

    assert [(m["format"], m["relative_path"].rsplit(".", 1)[1]) for m in engine.messages] == [
        ("parquet", "parquet"),
        ("joblib", "joblib"),
    ]


def test_publish_global_refused_by_the_engine(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["publish_global"] = lambda m: {"ok": False, "error": "artifact name 'model' is reserved"}

    with pytest.raises(flowfile.EngineError) as raised:
        flowfile.publish_global("model", {"v": 1})

    assert str(raised.value) == "artifact name 'model' is reserved"
    assert os.listdir(os.path.join(flow["exchange_dir"], "globals")) == []


def test_publish_global_of_an_unpicklable_object(flow: dict[str, Any], engine: FakeEngine) -> None:
    import threading

    with pytest.raises(flowfile.ArtifactSerializationError, match="global artifact 'model' cannot be serialised"):
        flowfile.publish_global("model", {"lock": threading.Lock()})

    assert engine.messages == []
    assert os.listdir(os.path.join(flow["exchange_dir"], "globals")) == []


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"tags": "ml"}, TypeError), ({"tags": ["ok", 3]}, TypeError), ({"description": 5}, TypeError)],
)
def test_publish_global_checks_its_arguments(
    flow: dict[str, Any], engine: FakeEngine, kwargs: dict[str, Any], error: type
) -> None:
    with pytest.raises(error):
        flowfile.publish_global("model", 1, **kwargs)
    with pytest.raises(flowfile.InvalidArtifactNameError, match="invalid global artifact name 'a b'"):
        flowfile.publish_global("a b", 1)
    assert engine.messages == []


def test_a_slow_engine_is_waited_for(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.delay = 0.3
    engine.handlers["publish_global"] = lambda m: {"ok": True, "id": "id-5", "version": 1}

    assert flowfile.publish_global("model", 1) == "id-5"


def test_an_engine_that_never_answers_times_out_after_the_contexts_engine_timeout(
    flow_context: dict[str, Any], engine: FakeEngine
) -> None:
    _context.set_context(dict(flow_context, engine_timeout=0.2))

    with pytest.raises(flowfile.EngineTimeoutError) as raised:
        flowfile.publish_global("model", 1)

    request_id = engine.messages[0]["request_id"]
    reply = os.path.join(flow_context["exchange_dir"], "replies", f"{request_id}.json")
    assert str(raised.value) == (
        f"the engine did not answer the publish_global request {request_id} within 0.2 s (it answers by "
        f"writing {reply}); the engine may be down or may have lost this kernel"
    )
    assert isinstance(raised.value, TimeoutError)


# --- get_global ------------------------------------------------------------------------------------


def stored(flow: dict[str, Any], obj: Any) -> tuple[str, _serial.Written]:
    """A file the engine placed in the exchange directory: (path relative to it, what was written)."""
    written = _serial.write(obj, os.path.join(flow["exchange_dir"], "from-catalog"), "test")
    relative = os.path.relpath(written.path, flow["exchange_dir"])
    return relative, written


def test_get_global_reads_the_file_the_engine_placed(flow: dict[str, Any], engine: FakeEngine) -> None:
    relative, written = stored(flow, pl.DataFrame({"v": [1, 2]}))
    engine.handlers["get_global"] = lambda m: {
        "ok": True, "path": relative, "format": written.format, "python_type": written.python_type,
        "sha256": written.sha256, "version": 4,
    }

    frame = flowfile.get_global("sales", version=4)

    assert isinstance(frame, pl.DataFrame) and frame.to_dict(as_series=False) == {"v": [1, 2]}
    [message] = engine.messages
    assert (message["action"], message["name"], message["version"]) == ("get_global", "sales", 4)


def test_get_global_defaults_to_the_latest_and_refuses_an_absolute_path(flow: dict[str, Any], engine: FakeEngine) -> None:
    relative, written = stored(flow, {"k": 1})
    engine.handlers["get_global"] = lambda m: {
        "ok": True, "path": relative, "format": written.format, "python_type": written.python_type,
        "sha256": written.sha256,
    }

    assert flowfile.get_global("settings") == {"k": 1}
    assert engine.messages[0]["version"] is None

    _, elsewhere = stored(flow, {"k": 2})
    engine.handlers["get_global"] = lambda m: {
        "ok": True, "path": elsewhere.path, "format": elsewhere.format, "python_type": elsewhere.python_type,
        "sha256": elsewhere.sha256,
    }
    with pytest.raises(flowfile.EngineError, match="absolute path"):
        flowfile.get_global("settings")
    assert os.path.exists(elsewhere.path)  # a file the engine did not place for this call is not touched


def test_get_global_verifies_the_checksum(flow: dict[str, Any], engine: FakeEngine) -> None:
    relative, written = stored(flow, {"k": 1})
    engine.handlers["get_global"] = lambda m: {
        "ok": True, "path": relative, "format": written.format, "python_type": written.python_type,
        "sha256": "ab" * 32, "version": 2,
    }

    with pytest.raises(flowfile.ArtifactChecksumError) as raised:
        flowfile.get_global("settings")

    assert str(raised.value).startswith(
        f"global artifact 'settings' version 2 failed its checksum: expected {'ab' * 32}, found {written.sha256}; "
        "the file was changed or damaged"
    )


def test_get_global_of_an_unknown_artifact_says_what_the_engine_says(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["get_global"] = lambda m: {"ok": False, "error": "no global artifact 'nope'; there are 'sales'"}

    with pytest.raises(flowfile.EngineError, match="no global artifact 'nope'; there are 'sales'"):
        flowfile.get_global("nope")


def test_get_global_refuses_a_path_outside_the_exchange_directory(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["get_global"] = lambda m: {
        "ok": True, "path": "../../etc/passwd", "format": "pickle", "python_type": "builtins.dict", "sha256": "0" * 64,
    }

    with pytest.raises(flowfile.EngineError, match="outside the exchange directory"):
        flowfile.get_global("x")


# --- list and delete -------------------------------------------------------------------------------


def test_list_global_artifacts_with_tags(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["list_global"] = lambda m: {
        "ok": True,
        "artifacts": [
            {"name": "sales_model", "version": 2, "python_type": "sklearn.ensemble.RandomForestClassifier", "tags": ["ml"]},
        ],
    }

    [artifact] = flowfile.list_global_artifacts(tags=["ml"])

    assert engine.messages[0]["tags"] == ["ml"]
    assert (artifact.name, artifact.version, artifact["python_type"]) == (
        "sales_model", 2, "sklearn.ensemble.RandomForestClassifier",
    )


def test_list_global_artifacts_without_tags(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["list_global"] = lambda m: {"ok": True, "artifacts": []}

    assert flowfile.list_global_artifacts() == []
    assert engine.messages[0]["tags"] is None


def test_delete_global_artifact(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["delete_global"] = lambda m: {"ok": True}

    flowfile.delete_global_artifact("sales_model")
    flowfile.delete_global_artifact("sales_model", version=1)

    assert [(m["action"], m["name"], m["version"]) for m in engine.messages] == [
        ("delete_global", "sales_model", None),
        ("delete_global", "sales_model", 1),
    ]


def test_delete_global_refused(flow: dict[str, Any], engine: FakeEngine) -> None:
    engine.handlers["delete_global"] = lambda m: {"ok": False, "error": "version 9 of 'x' does not exist"}

    with pytest.raises(flowfile.EngineError, match="version 9 of 'x' does not exist"):
        flowfile.delete_global_artifact("x", version=9)


def test_reading_globals_needs_a_context() -> None:
    with pytest.raises(flowfile.NoContextError):
        flowfile.get_global("x")
    with pytest.raises(flowfile.NoContextError):
        flowfile.list_global_artifacts()


def test_reading_globals_works_in_an_unregistered_flow(flow_context: dict[str, Any], engine: FakeEngine) -> None:
    _context.set_context(dict(flow_context, flow_registered=False))
    engine.handlers["list_global"] = lambda m: {"ok": True, "artifacts": [{"name": "a", "version": 1}]}

    assert [a.name for a in flowfile.list_global_artifacts()] == ["a"]
