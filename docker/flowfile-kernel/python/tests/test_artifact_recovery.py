"""Recovery of the persisted artifacts when a kernel starts: lazy, eager and clear, damaged artifacts,
leftovers of interrupted writes, and a real restart in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pytest

import flowfile
from conftest import artifact_path, data_path, files_of, restart
from real_kernels import python_env
from flowfile import _artifacts, _context, _kernel


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

    assert summary == {"kernel_id": "k1", "mode": "lazy", "indexed": 3, "loaded": 0, "deleted": 0, "errors": []}
    assert _artifacts.loaded_names("f1") == []
    _context.set_context(persisted)
    assert [a.name for a in flowfile.list_artifacts()] == ["frame", "settings"]
    assert flowfile.read_artifact("settings") == {"k": "v"}
    assert _artifacts.loaded_names("f1") == ["settings"]


def test_lazy_is_the_default(persisted: dict[str, Any]) -> None:
    assert _kernel.recover_artifacts("k1", persisted["artifact_dir"])["mode"] == "lazy"


def test_eager_recovery_loads_everything_now(persisted: dict[str, Any]) -> None:
    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "eager")

    assert summary == {"kernel_id": "k1", "mode": "eager", "indexed": 3, "loaded": 3, "deleted": 0, "errors": []}
    assert _artifacts.loaded_names("f1") == ["frame", "settings"]
    assert _artifacts.loaded_names("f2") == ["array"]


def test_eager_recovery_reports_a_damaged_artifact_and_loads_the_rest(persisted: dict[str, Any]) -> None:
    data = data_path(persisted, "settings")
    data.write_bytes(data.read_bytes() + b"x")

    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "eager")

    assert (summary["indexed"], summary["loaded"]) == (3, 2)
    [error] = summary["errors"]
    assert error.startswith("ArtifactChecksumError: artifact 'settings' of flow 'f1' failed its checksum")
    _context.set_context(persisted)
    with pytest.raises(flowfile.ArtifactChecksumError):
        flowfile.read_artifact("settings")


def test_lazy_recovery_of_a_damaged_artifact_fails_on_read(persisted: dict[str, Any]) -> None:
    data = data_path(persisted, "frame")
    data.write_bytes(b"garbage")

    assert _kernel.recover_artifacts("k1", persisted["artifact_dir"], "lazy")["errors"] == []
    _context.set_context(persisted)
    with pytest.raises(flowfile.ArtifactChecksumError, match="artifact 'frame' of flow 'f1' failed its checksum"):
        flowfile.read_artifact("frame")


def test_clear_recovery_deletes_everything(persisted: dict[str, Any]) -> None:
    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "clear")

    assert summary == {"kernel_id": "k1", "mode": "clear", "indexed": 0, "loaded": 0, "deleted": 3, "errors": []}
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
    assert files_of(persisted, "settings") == ["data.pkl", "meta.json"]
    assert sorted(os.listdir(Path(persisted["artifact_dir"], "f1"))) == ["frame", "settings"]


def test_links_another_kernel_planted_make_a_clear_recovery_delete_nothing_outside(
    persisted: dict[str, Any], tmp_path: Path
) -> None:
    """Kernels of one owner share the artifact mount: kernel A can plant links in kernel B's
    directory. B's clear recovery removes the links themselves and deletes nothing they point at."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "victim").mkdir(parents=True)
    (elsewhere / "victim" / "data.pkl").write_bytes(b"keep")
    (elsewhere / ".deleted-x").mkdir()
    (elsewhere / ".deleted-x" / "keep.txt").write_text("keep")
    root = Path(persisted["artifact_dir"])
    (root / "linked-flow").symlink_to(elsewhere)  # a whole flow directory
    (root / "f1" / "linked-artifact").symlink_to(elsewhere / "victim")  # one artifact
    (root / "f1" / ".deleted-planted").symlink_to(elsewhere / ".deleted-x")  # a "leftover"
    (root / "f1" / "settings" / ".meta.json.x.tmp").symlink_to(elsewhere / "victim" / "data.pkl")

    summary = _kernel.recover_artifacts("k1", persisted["artifact_dir"], "clear")

    assert summary["deleted"] == 3
    assert (elsewhere / "victim" / "data.pkl").read_bytes() == b"keep"
    assert (elsewhere / ".deleted-x" / "keep.txt").read_text() == "keep"
    assert sorted(os.listdir(root)) == ["linked-flow"]  # not entered, not followed
    assert (root / "linked-flow").is_symlink()


def test_an_artifact_root_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "flow" / "victim").mkdir(parents=True)
    (tmp_path / "k1").symlink_to(elsewhere)

    with pytest.raises(flowfile.ArtifactError, match="is not a directory \\(or is a link\\): recovery refused"):
        _kernel.recover_artifacts("k1", str(tmp_path / "k1"), "clear")
    assert (elsewhere / "flow" / "victim").is_dir()


def test_recovery_of_a_missing_directory_creates_it(tmp_path: Path) -> None:
    summary = _kernel.recover_artifacts("k9", str(tmp_path / "artifacts" / "k9"), "eager")

    assert summary == {"kernel_id": "k9", "mode": "eager", "indexed": 0, "loaded": 0, "deleted": 0, "errors": []}
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
        "summary": {"kernel_id": "k1", "mode": "eager", "indexed": 3, "loaded": 3, "deleted": 0, "errors": []},
        "held": ["frame", "settings"],
        "ok": True,
        "rows": 2,
    }
