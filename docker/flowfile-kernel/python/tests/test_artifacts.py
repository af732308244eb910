"""Flow-scoped artifacts: formats by type, the files on disk, names, checksums, objects that cannot be
serialised, the engine events, and recovery after a kernel restart."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import flowfile
from conftest import FakeEngine, python_env
from flowfile import _artifacts, _context, _kernel


@pytest.fixture
def flow(flow_context: dict[str, Any]) -> dict[str, Any]:
    """Node 3 of flow f1 runs."""
    _context.set_context(flow_context)
    return flow_context


def artifact_path(flow: dict[str, Any], name: str, *parts: str) -> Path:
    return Path(flow["artifact_dir"], str(flow["flow_id"]), name, *parts)


def meta_of(flow: dict[str, Any], name: str) -> dict[str, Any]:
    return json.loads(artifact_path(flow, name, "meta.json").read_text())


def restart() -> None:
    """What a kernel restart does to the package's memory: every held object is gone."""
    _artifacts.forget_all()
    _kernel._namespaces.clear()


def from_disk(name: str) -> Any:
    """Reads the artifact as a fresh kernel would (nothing in memory)."""
    _artifacts.forget_all()
    return flowfile.read_artifact(name)


# --- formats ---------------------------------------------------------------------------------------


def test_polars_dataframe_is_parquet_and_comes_back_as_polars(flow: dict[str, Any]) -> None:
    frame = pl.DataFrame({"id": [1, 2], "name": ["a", "b"], "when": [None, 1.5]})

    flowfile.publish_artifact("frame", frame)

    assert meta_of(flow, "frame")["format"] == "parquet"
    assert meta_of(flow, "frame")["python_type"] == "polars.dataframe.frame.DataFrame"
    assert sorted(os.listdir(artifact_path(flow, "frame"))) == ["data.parquet", "meta.json"]
    back = from_disk("frame")
    assert isinstance(back, pl.DataFrame) and back.equals(frame)


def test_polars_lazyframe_is_collected_and_comes_back_lazy(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("lazy", pl.LazyFrame({"v": [3, 1, 2]}).sort("v"))

    back = from_disk("lazy")
    assert meta_of(flow, "lazy")["format"] == "parquet"
    assert isinstance(back, pl.LazyFrame)
    assert back.collect().to_dict(as_series=False) == {"v": [1, 2, 3]}


def test_a_published_lazyframe_does_not_depend_on_its_source_files(flow: dict[str, Any], tmp_path: Path) -> None:
    source = tmp_path / "input.parquet"
    pl.DataFrame({"v": [1, 2]}).write_parquet(source)
    flowfile.publish_artifact("lazy", pl.scan_parquet(source))
    source.unlink()  # e.g. the run's exchange directory is cleaned up

    held = flowfile.read_artifact("lazy")  # from memory in this kernel
    assert isinstance(held, pl.LazyFrame) and held.collect().to_dict(as_series=False) == {"v": [1, 2]}


def test_pandas_dataframe_is_parquet_and_comes_back_as_pandas_with_its_index(flow: dict[str, Any]) -> None:
    frame = pd.DataFrame({"amount": [1.5, 2.5]}, index=pd.Index(["x", "y"], name="key"))

    flowfile.publish_artifact("pandas", frame)

    assert meta_of(flow, "pandas")["format"] == "parquet"
    back = from_disk("pandas")
    assert isinstance(back, pd.DataFrame)
    pd.testing.assert_frame_equal(back, frame)


def test_a_pandas_frame_parquet_cannot_hold_falls_back_to_pickle(flow: dict[str, Any]) -> None:
    frame = pd.DataFrame({"mixed": [1, "x", 2.5]})  # an object column of mixed types: Arrow refuses it

    flowfile.publish_artifact("int-columns", frame)

    assert meta_of(flow, "int-columns")["format"] == "pickle"
    assert sorted(os.listdir(artifact_path(flow, "int-columns"))) == ["data.pkl", "meta.json"]
    pd.testing.assert_frame_equal(from_disk("int-columns"), frame)


def test_numpy_array_is_joblib(flow: dict[str, Any]) -> None:
    array = np.arange(12, dtype=np.float32).reshape(3, 4)

    flowfile.publish_artifact("array", array)

    assert meta_of(flow, "array")["format"] == "joblib"
    assert sorted(os.listdir(artifact_path(flow, "array"))) == ["data.joblib", "meta.json"]
    back = from_disk("array")
    assert back.dtype == np.float32 and np.array_equal(back, array)


def test_scipy_sparse_matrix_is_joblib(flow: dict[str, Any]) -> None:
    from scipy import sparse

    matrix = sparse.random(20, 10, density=0.2, format="csr", random_state=1)

    flowfile.publish_artifact("sparse", matrix)

    assert meta_of(flow, "sparse")["format"] == "joblib"
    assert (from_disk("sparse") != matrix).nnz == 0


def test_sklearn_model_is_joblib_and_predicts_the_same(flow: dict[str, Any]) -> None:
    from sklearn.linear_model import LogisticRegression

    features = np.array([[0.0], [1.0], [2.0], [3.0]])
    model = LogisticRegression().fit(features, [0, 0, 1, 1])

    flowfile.publish_artifact("model", model)

    assert meta_of(flow, "model")["format"] == "joblib"
    assert meta_of(flow, "model")["python_type"] == "sklearn.linear_model._logistic.LogisticRegression"
    back = from_disk("model")
    assert type(back) is LogisticRegression
    assert np.array_equal(back.predict_proba(features), model.predict_proba(features))


def test_sklearn_pipeline_with_a_lambda_falls_back_to_cloudpickle(flow: dict[str, Any]) -> None:
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    pipeline = make_pipeline(FunctionTransformer(lambda x: x * 10))

    flowfile.publish_artifact("pipeline", pipeline)

    assert meta_of(flow, "pipeline")["format"] == "pickle"
    assert from_disk("pipeline").transform(np.array([[1.0]]))[0][0] == 10.0


def test_plain_dict_is_cloudpickle(flow: dict[str, Any]) -> None:
    value = {"threshold": 0.5, "labels": ["a", "b"], "nested": {"t": (1, 2)}}

    flowfile.publish_artifact("settings", value)

    assert meta_of(flow, "settings")["format"] == "pickle"
    assert meta_of(flow, "settings")["python_type"] == "builtins.dict"
    assert from_disk("settings") == value


def test_a_lambda_and_a_class_defined_in_a_cell_survive_via_cloudpickle(flow_context: dict[str, Any]) -> None:
    source = (
        "class Scaler:\n"
        "    def __init__(self, k):\n"
        "        self.k = k\n"
        "    def apply(self, v):\n"
        "        return v * self.k\n"
        "factor = 3\n"
        "flowfile.publish_artifact('fns', {'f': lambda v: v + factor, 'scaler': Scaler(2)})\n"
    )
    _kernel.run_cell(flow_context, source)
    restart()

    _kernel.run_cell(flow_context, "fns = flowfile.read_artifact('fns')\nresult = (fns['f'](1), fns['scaler'].apply(5))")

    assert _kernel.namespace("f1")["result"] == (4, 10)
    assert json.loads(artifact_path(flow_context, "fns", "meta.json").read_text())["format"] == "pickle"


# --- files, metadata, listing ----------------------------------------------------------------------


def test_meta_json_describes_the_data_file(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("settings", {"a": 1})

    meta = meta_of(flow, "settings")
    data = artifact_path(flow, "settings", "data.pkl")
    assert set(meta) == {"name", "flow_id", "node_id", "run_id", "python_type", "format", "size", "sha256", "created"}
    assert (meta["name"], meta["flow_id"], meta["node_id"], meta["run_id"]) == ("settings", "f1", 3, "run-1")
    assert meta["size"] == data.stat().st_size
    assert meta["sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()
    assert meta["created"].endswith("Z") and "T" in meta["created"]
    assert data.stat().st_mode & 0o777 == 0o644


def test_data_is_renamed_into_place_before_meta(flow: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(source: str, target: str) -> None:
        renames.append((os.path.basename(source), os.path.basename(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spy)
    flowfile.publish_artifact("model", {"w": [1, 2]})

    assert [target for _, target in renames] == ["data.pkl", "meta.json"]
    assert all(source.startswith(".") and source.endswith(".tmp") for source, _ in renames)
    assert sorted(os.listdir(artifact_path(flow, "model"))) == ["data.pkl", "meta.json"]


def test_list_artifacts_returns_dicts_readable_as_attributes(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("b-model", {"w": 1})
    flowfile.publish_artifact("a.frame", pl.DataFrame({"v": [1]}))

    listed = flowfile.list_artifacts()

    assert [a["name"] for a in listed] == ["a.frame", "b-model"]
    assert all(isinstance(a, dict) for a in listed)
    assert listed[0].name == "a.frame" and listed[0].node_id == 3 and listed[0].format == "parquet"
    assert listed[1].size == artifact_path(flow, "b-model", "data.pkl").stat().st_size
    with pytest.raises(AttributeError, match="no field 'nope'"):
        listed[0].nope  # noqa: B018


def test_artifacts_are_scoped_to_the_flow(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("model", {"flow": "f1"})
    _context.set_context(dict(flow, flow_id="f2"))

    assert flowfile.list_artifacts() == []
    with pytest.raises(flowfile.UnknownArtifactError, match="flow 'f2' has no artifacts"):
        flowfile.read_artifact("model")
    flowfile.publish_artifact("model", {"flow": "f2"})
    assert flowfile.read_artifact("model") == {"flow": "f2"}
    _context.set_context(flow)
    assert flowfile.read_artifact("model") == {"flow": "f1"}


def test_a_read_in_the_same_kernel_returns_the_published_object(flow: dict[str, Any]) -> None:
    value = {"big": list(range(10))}
    flowfile.publish_artifact("kept", value)

    assert flowfile.read_artifact("kept") is value


def test_republishing_from_the_same_node_replaces_the_artifact(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("result", {"v": 1})
    flowfile.publish_artifact("result", pl.DataFrame({"v": [2]}))

    assert sorted(os.listdir(artifact_path(flow, "result"))) == ["data.parquet", "meta.json"]
    assert from_disk("result").to_dict(as_series=False) == {"v": [2]}


def test_another_node_must_delete_first(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("model", {"v": 1})
    _context.set_context(dict(flow, node_id=8))

    with pytest.raises(flowfile.ArtifactExistsError) as raised:
        flowfile.publish_artifact("model", {"v": 2})

    assert str(raised.value) == (
        "artifact 'model' already exists in flow 'f1' (published by node 3): delete it first with "
        "flowfile.delete_artifact('model') to publish a new one from node 8"
    )
    flowfile.delete_artifact("model")
    flowfile.publish_artifact("model", {"v": 2})
    assert meta_of(flow, "model")["node_id"] == 8


def test_delete_removes_files_and_memory(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("gone", {"v": 1})
    flowfile.publish_artifact("stays", {"v": 2})

    flowfile.delete_artifact("gone")

    assert not artifact_path(flow, "gone").exists()
    assert sorted(os.listdir(Path(flow["artifact_dir"], "f1"))) == ["stays"]
    assert [a.name for a in flowfile.list_artifacts()] == ["stays"]
    assert _artifacts.loaded_names("f1") == ["stays"]
    with pytest.raises(KeyError):
        flowfile.read_artifact("gone")


def test_unknown_artifact_lists_the_available_names(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("model", 1)
    flowfile.publish_artifact("encoder", 2)

    with pytest.raises(flowfile.UnknownArtifactError) as raised:
        flowfile.read_artifact("modle")
    assert str(raised.value) == "unknown artifact 'modle': flow 'f1' has the artifacts 'encoder', 'model'"
    assert isinstance(raised.value, KeyError)
    with pytest.raises(flowfile.UnknownArtifactError, match="unknown artifact 'nope'"):
        flowfile.delete_artifact("nope")


@pytest.mark.parametrize(
    "name", ["", ".hidden", "a/b", "../up", "with space", "x" * 129, "naïve", "tab\t", None, 3, "a\\b"]
)
def test_bad_names_are_refused_naming_the_allowed_characters(flow: dict[str, Any], name: Any) -> None:
    for call in (
        lambda: flowfile.publish_artifact(name, 1),
        lambda: flowfile.read_artifact(name),
        lambda: flowfile.delete_artifact(name),
    ):
        with pytest.raises(flowfile.InvalidArtifactNameError) as raised:
            call()
        assert str(raised.value) == (
            f"invalid artifact name {name!r}: use 1 to 128 characters: ASCII letters, digits, '-', '_' and '.', "
            "not starting with '.'"
        )
    assert not Path(flow["artifact_dir"]).exists()


@pytest.mark.parametrize("name", ["a", "Model_v2.1-final", "x" * 128, "_private", "-dash", "1"])
def test_good_names(flow: dict[str, Any], name: str) -> None:
    flowfile.publish_artifact(name, name)

    assert from_disk(name) == name


def test_artifacts_need_a_run_context() -> None:
    with pytest.raises(flowfile.NoContextError):
        flowfile.publish_artifact("x", 1)
    with pytest.raises(flowfile.NoContextError):
        flowfile.list_artifacts()


def test_artifacts_need_an_artifact_directory(flow_context: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLOWFILE_ARTIFACT_DIR", raising=False)
    _context.set_context(dict(flow_context, artifact_dir=None))

    with pytest.raises(flowfile.ArtifactError, match="no artifact directory"):
        flowfile.publish_artifact("x", 1)


def test_a_damaged_meta_json_is_left_out_of_the_list_and_can_be_deleted_or_replaced(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("good", 1)
    flowfile.publish_artifact("bad", 2)
    flowfile.publish_artifact("replaced", 3)
    artifact_path(flow, "bad", "meta.json").write_text("{not json")
    artifact_path(flow, "replaced", "meta.json").write_text("[]")

    assert [a.name for a in flowfile.list_artifacts()] == ["good"]
    with pytest.raises(flowfile.ArtifactError, match="meta.json cannot be read"):
        from_disk("bad")
    flowfile.delete_artifact("bad")
    assert not artifact_path(flow, "bad").exists()
    flowfile.publish_artifact("replaced", 4)
    assert from_disk("replaced") == 4


# --- checksums -------------------------------------------------------------------------------------


def test_a_damaged_data_file_fails_its_checksum(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("model", {"weights": [1.0, 2.0, 3.0]})
    expected = meta_of(flow, "model")["sha256"]
    data = artifact_path(flow, "model", "data.pkl")
    damaged = bytearray(data.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    data.write_bytes(bytes(damaged))
    found = hashlib.sha256(bytes(damaged)).hexdigest()

    with pytest.raises(flowfile.ArtifactChecksumError) as raised:
        from_disk("model")

    assert str(raised.value) == (
        f"artifact 'model' of flow 'f1' failed its checksum: expected {expected}, found {found}; "
        f"the file was changed or damaged ({data})"
    )


def test_a_changed_parquet_file_fails_its_checksum(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("frame", pl.DataFrame({"v": [1, 2]}))
    pl.DataFrame({"v": [666, 2]}).write_parquet(artifact_path(flow, "frame", "data.parquet"))

    with pytest.raises(flowfile.ArtifactChecksumError, match="failed its checksum"):
        from_disk("frame")


def test_a_missing_data_file_is_reported(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("model", {"v": 1})
    artifact_path(flow, "model", "data.pkl").unlink()

    with pytest.raises(flowfile.ArtifactChecksumError, match="has lost its data file"):
        from_disk("model")


# --- objects that cannot be serialised ---------------------------------------------------------------


def test_an_open_file_is_refused_saying_where_it_is(flow: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with open(tmp_path / "notes.txt") as handle:
        with pytest.raises(flowfile.ArtifactSerializationError) as raised:
            flowfile.publish_artifact("state", {"rows": [1, 2], "source": handle})

    message = str(raised.value)
    assert message.startswith(
        f"artifact 'state' cannot be serialised: it contains an open file (_io.TextIOWrapper '{tmp_path / 'notes.txt'}') "
        "at ['source'], which cannot be saved"
    )
    assert "Publish the file's path or its content instead" in message
    assert isinstance(raised.value, TypeError)
    assert not artifact_path(flow, "state").exists()


def test_a_file_open_for_writing_is_refused(flow: dict[str, Any], tmp_path: Path) -> None:
    with open(tmp_path / "out.bin", "wb") as handle:
        with pytest.raises(flowfile.ArtifactSerializationError, match=r"it is an open file \(_io.BufferedWriter"):
            flowfile.publish_artifact("handle", handle)


def test_a_thread_lock_is_refused(flow: dict[str, Any]) -> None:
    class Worker:
        def __init__(self) -> None:
            self.lock = threading.Lock()

    with pytest.raises(flowfile.ArtifactSerializationError) as raised:
        flowfile.publish_artifact("worker", [Worker()])

    assert "it contains a thread lock (_thread.lock) at [0].lock, which cannot be saved" in str(raised.value)


def test_a_generator_is_refused(flow: dict[str, Any]) -> None:
    with pytest.raises(flowfile.ArtifactSerializationError) as raised:
        flowfile.publish_artifact("rows", (n * n for n in range(3)))

    assert re.match(r"artifact 'rows' cannot be serialised: it is a generator \(\S*<genexpr>\), which cannot be saved", str(raised.value))
    assert "list(generator)" in str(raised.value)


def test_a_lambda_that_uses_a_lock_is_traced_to_the_lock(flow_context: dict[str, Any]) -> None:
    source = "import threading\nguard = threading.Lock()\nflowfile.publish_artifact('f', {'check': lambda: guard.locked()})"

    with pytest.raises(flowfile.ArtifactSerializationError) as raised:
        _kernel.run_cell(flow_context, source)

    assert "it contains a thread lock (_thread.lock) at ['check'] (global 'guard' used by function <lambda>)" in str(raised.value)


def test_a_failed_publish_keeps_the_previous_version(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("state", {"v": 1})

    with pytest.raises(flowfile.ArtifactSerializationError):
        flowfile.publish_artifact("state", {"v": threading.Lock()})

    assert sorted(os.listdir(artifact_path(flow, "state"))) == ["data.pkl", "meta.json"]
    assert from_disk("state") == {"v": 1}


# --- engine events ---------------------------------------------------------------------------------


def test_publish_and_delete_notify_the_engine_without_waiting(flow: dict[str, Any], engine: FakeEngine) -> None:
    flowfile.publish_artifact("model", {"v": 1})
    flowfile.delete_artifact("model")

    published, deleted = engine.messages
    assert published["action"] == "artifact_published"
    assert published["artifact"] == meta_of_published(published)
    assert (published["flow_id"], published["run_id"], published["kernel_id"]) == ("f1", "run-1", "k1")
    assert published["protocol"] == "flowfile.engine" and len(published["request_id"]) == 36
    assert deleted["action"] == "artifact_deleted"
    assert (deleted["name"], deleted["flow_id"], deleted["node_id"]) == ("model", "f1", 3)
    assert not os.path.exists(os.path.join(flow["exchange_dir"], "replies"))


def meta_of_published(message: dict[str, Any]) -> dict[str, Any]:
    meta = message["artifact"]
    assert set(meta) == {"name", "flow_id", "node_id", "run_id", "python_type", "format", "size", "sha256", "created"}
    return meta


def test_a_broken_transport_does_not_fail_a_publish(flow: dict[str, Any]) -> None:
    class Broken:
        def send(self, message: dict[str, Any]) -> None:
            raise OSError("iopub gone")

    from flowfile import _engine

    _engine.use_transport(Broken())
    flowfile.publish_artifact("model", {"v": 1})

    assert from_disk("model") == {"v": 1}


# --- recovery after a restart ----------------------------------------------------------------------


@pytest.fixture
def persisted(flow: dict[str, Any]) -> dict[str, Any]:
    """Two flows' artifacts on disk, then a restart (nothing in memory)."""
    flowfile.publish_artifact("frame", pl.DataFrame({"v": [1, 2]}))
    flowfile.publish_artifact("settings", {"k": "v"})
    _context.set_context(dict(flow, flow_id="f2"))
    flowfile.publish_artifact("array", np.arange(3))
    _context.clear_context()
    restart()
    return flow


def test_lazy_recovery_indexes_now_and_loads_on_first_read(persisted: dict[str, Any]) -> None:
    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "lazy")

    assert summary == {"mode": "lazy", "indexed": 3, "loaded": 0, "deleted": 0, "errors": []}
    assert _artifacts.loaded_names("f1") == []
    _context.set_context(persisted)
    assert [a.name for a in flowfile.list_artifacts()] == ["frame", "settings"]
    assert flowfile.read_artifact("settings") == {"k": "v"}
    assert _artifacts.loaded_names("f1") == ["settings"]


def test_lazy_is_the_default(persisted: dict[str, Any]) -> None:
    assert _kernel.recover_artifacts("k1", persisted["artifact_dir"])["mode"] == "lazy"


def test_eager_recovery_loads_everything_now(persisted: dict[str, Any]) -> None:
    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "eager")

    assert summary == {"mode": "eager", "indexed": 3, "loaded": 3, "deleted": 0, "errors": []}
    assert _artifacts.loaded_names("f1") == ["frame", "settings"]
    assert _artifacts.loaded_names("f2") == ["array"]


def test_eager_recovery_reports_a_damaged_artifact_and_loads_the_rest(persisted: dict[str, Any]) -> None:
    data = artifact_path(persisted, "settings", "data.pkl")
    data.write_bytes(data.read_bytes() + b"x")

    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "eager")

    assert (summary["indexed"], summary["loaded"]) == (3, 2)
    [error] = summary["errors"]
    assert error.startswith("ArtifactChecksumError: artifact 'settings' of flow 'f1' failed its checksum")
    _context.set_context(persisted)
    with pytest.raises(flowfile.ArtifactChecksumError):
        flowfile.read_artifact("settings")


def test_lazy_recovery_of_a_damaged_artifact_fails_on_read(persisted: dict[str, Any]) -> None:
    data = artifact_path(persisted, "frame", "data.parquet")
    data.write_bytes(b"garbage")

    assert _kernel.recover_artifacts("k1", persisted["artifact_dir"], "lazy")["errors"] == []
    _context.set_context(persisted)
    with pytest.raises(flowfile.ArtifactChecksumError, match="artifact 'frame' of flow 'f1' failed its checksum"):
        flowfile.read_artifact("frame")


def test_clear_recovery_deletes_everything(persisted: dict[str, Any]) -> None:
    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "clear")

    assert summary == {"mode": "clear", "indexed": 0, "loaded": 0, "deleted": 3, "errors": []}
    assert os.listdir(persisted["artifact_dir"]) == []
    _context.set_context(persisted)
    assert flowfile.list_artifacts() == []
    with pytest.raises(flowfile.UnknownArtifactError):
        flowfile.read_artifact("frame")


def test_recovery_removes_leftovers_of_interrupted_writes(persisted: dict[str, Any]) -> None:
    model_dir = artifact_path(persisted, "settings")
    (model_dir / ".data.abc.pkl.tmp").write_bytes(b"half")
    (model_dir / ".meta.json.abc.tmp").write_text("{")
    half = artifact_path(persisted, "half-written")
    half.mkdir()
    (half / ".data.x.pkl.tmp").write_bytes(b"half")
    deleted = Path(persisted["artifact_dir"], "f1", ".deleted-old-123")
    deleted.mkdir()
    (deleted / "data.pkl").write_bytes(b"old")

    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "lazy")

    assert summary["indexed"] == 3
    assert sorted(os.listdir(model_dir)) == ["data.pkl", "meta.json"]
    assert sorted(os.listdir(Path(persisted["artifact_dir"], "f1"))) == ["frame", "settings"]


def test_recovery_sets_the_artifact_root_for_contexts_without_one(persisted: dict[str, Any]) -> None:
    _kernel.recover_artifacts("k1", persisted["artifact_dir"], "lazy")
    _context.set_context(dict(persisted, artifact_dir=None))

    assert flowfile.read_artifact("settings") == {"k": "v"}


def test_recovery_of_a_missing_directory_creates_it(tmp_path: Path) -> None:
    summary = _kernel.recover_artifacts("k9", str(tmp_path / "artifacts" / "k9"), "eager")

    assert summary == {"mode": "eager", "indexed": 0, "loaded": 0, "deleted": 0, "errors": []}
    assert (tmp_path / "artifacts" / "k9").is_dir()


@pytest.mark.parametrize(("mode", "directory", "message"), [("later", "/abs", "unknown recovery mode 'later': use one of lazy, eager, clear"), ("lazy", "relative", "must be an absolute path")])
def test_recovery_refuses_bad_arguments(mode: str, directory: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _kernel.recover_artifacts("k1", directory, mode)


def test_recovery_in_a_fresh_interpreter(persisted: dict[str, Any]) -> None:
    """A real restart: a new Python process recovers eagerly, then a cell reads the artifacts."""
    context = dict(persisted)
    code = (
        "import json, sys\n"
        "import flowfile._kernel as fk\n"
        f"summary = fk.recover_artifacts('k1', {persisted['artifact_dir']!r}, 'eager')\n"
        "held = sys.modules['flowfile._artifacts'].loaded_names('f1')\n"
        f"fk.run_cell({context!r}, \"import polars as pl\\nframe = flowfile.read_artifact('frame')\\nok = isinstance(frame, pl.DataFrame)\")\n"
        "print(json.dumps({'summary': summary, 'held': held, 'ok': fk.namespace('f1')['ok'], 'rows': fk.namespace('f1')['frame'].height}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=python_env(), capture_output=True, text=True, timeout=120, check=True
    )

    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {
        "summary": {"mode": "eager", "indexed": 3, "loaded": 3, "deleted": 0, "errors": []},
        "held": ["frame", "settings"],
        "ok": True,
        "rows": 2,
    }
