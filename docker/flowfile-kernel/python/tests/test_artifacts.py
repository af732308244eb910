"""The flow artifact store: the files on disk and their metadata, listing, scoping to the flow, names,
replacing and deleting, checksums, and the events the engine is sent."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import flowfile
from conftest import META_KEYS, FakeEngine, artifact_path, data_path, files_of, from_disk, meta_of
from flowfile import _artifacts, _context, _kernel, _serial


# --- files, metadata, listing ----------------------------------------------------------------------


def test_meta_json_describes_the_data_file(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("settings", {"a": 1})

    meta = meta_of(flow, "settings")
    data = data_path(flow, "settings")
    assert set(meta) == META_KEYS
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

    assert [target for _, target in renames] == [meta_of(flow, "model")["file"], "meta.json"]
    assert all(source.startswith(".") and source.endswith(".tmp") for source, _ in renames)
    assert files_of(flow, "model") == ["data.pkl", "meta.json"]


def test_list_artifacts_returns_dicts_readable_as_attributes(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("b-model", {"w": 1})
    flowfile.publish_artifact("a.frame", pl.DataFrame({"v": [1]}))

    listed = flowfile.list_artifacts()

    assert [a["name"] for a in listed] == ["a.frame", "b-model"]
    assert all(isinstance(a, dict) for a in listed)
    assert listed[0].name == "a.frame" and listed[0].node_id == 3 and listed[0].format == "parquet"
    assert listed[1].size == data_path(flow, "b-model").stat().st_size
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

    assert files_of(flow, "result") == ["data.parquet", "meta.json"]
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


def test_artifacts_need_an_artifact_directory(flow_context: dict[str, Any]) -> None:
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


@pytest.mark.parametrize("interrupted", ["at the data file's rename", "at meta.json's rename", "removing the old data file"])
def test_a_republish_interrupted_at_any_point_leaves_one_whole_version(
    flow: dict[str, Any], monkeypatch: pytest.MonkeyPatch, interrupted: str
) -> None:
    flowfile.publish_artifact("state", {"v": 1})
    real_replace, real_remove = os.replace, _serial.remove_file

    def replace(source: str, target: str) -> None:
        name = os.path.basename(target)
        if (interrupted == "at the data file's rename" and name.startswith("data")) or (
            interrupted == "at meta.json's rename" and name == "meta.json"
        ):
            raise KeyboardInterrupt  # as Ctrl-C or an interrupt of the cell would
        real_replace(source, target)

    def remove(path: str) -> None:
        if interrupted == "removing the old data file" and os.path.basename(path).startswith("data"):
            raise KeyboardInterrupt
        real_remove(path)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(_serial, "remove_file", remove)
    with pytest.raises(KeyboardInterrupt):
        flowfile.publish_artifact("state", {"v": 2})
    monkeypatch.undo()

    expected = {"v": 2} if interrupted == "removing the old data file" else {"v": 1}
    assert from_disk("state") == expected
    _kernel.recover_artifacts("k1", flow["artifact_dir"], "lazy")  # the next start removes what is left over
    assert files_of(flow, "state") == ["data.pkl", "meta.json"]
    assert from_disk("state") == expected


# --- checksums -------------------------------------------------------------------------------------


def test_a_damaged_data_file_fails_its_checksum(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("model", {"weights": [1.0, 2.0, 3.0]})
    expected = meta_of(flow, "model")["sha256"]
    data = data_path(flow, "model")
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
    pl.DataFrame({"v": [666, 2]}).write_parquet(data_path(flow, "frame"))

    with pytest.raises(flowfile.ArtifactChecksumError, match="failed its checksum"):
        from_disk("frame")


def test_a_missing_data_file_is_reported(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("model", {"v": 1})
    data_path(flow, "model").unlink()

    with pytest.raises(flowfile.ArtifactChecksumError, match="has lost its data file"):
        from_disk("model")


# --- a failed publish -------------------------------------------------------------------------------


def test_a_failed_publish_keeps_the_previous_version(flow: dict[str, Any]) -> None:
    flowfile.publish_artifact("state", {"v": 1})

    with pytest.raises(flowfile.ArtifactSerializationError):
        flowfile.publish_artifact("state", {"v": threading.Lock()})

    assert files_of(flow, "state") == ["data.pkl", "meta.json"]
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
    assert set(meta) == META_KEYS - {"file"}  # which file holds the data is the kernel's own business
    return meta


def test_a_broken_transport_does_not_fail_a_publish(flow: dict[str, Any]) -> None:
    class Broken:
        def send(self, message: dict[str, Any]) -> None:
            raise OSError("iopub gone")

    from flowfile import _engine

    _engine.use_transport(Broken())
    flowfile.publish_artifact("model", {"v": 1})

    assert from_disk("model") == {"v": 1}
