"""get_shared_location: paths inside the shared directory, and only there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import flowfile
from flowfile import _context, _shared


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    directory = tmp_path / "shared"
    _context.set_context({"shared_dir": str(directory)})
    return directory


def test_returns_an_absolute_path_and_creates_the_parent_folders(shared: Path) -> None:
    path = flowfile.get_shared_location("reports/2026/monthly.csv")

    assert path == str(shared / "reports" / "2026" / "monthly.csv")
    assert os.path.isabs(path)
    assert (shared / "reports" / "2026").is_dir()
    assert not os.path.exists(path)  # the file itself is the caller's to write


def test_a_plain_file_name(shared: Path) -> None:
    assert flowfile.get_shared_location("data.parquet") == str(shared / "data.parquet")


def test_dot_dot_that_stays_inside_is_normalised(shared: Path) -> None:
    assert flowfile.get_shared_location("a/../b.csv") == str(shared / "b.csv")


def test_the_shared_directory_is_the_contexts_else_the_images_mount_point(shared: Path) -> None:
    assert _shared.shared_dir() == str(shared)
    assert _context.set_context({"flow_id": "f1"}).shared_dir == "/flowfile/shared"
    _context.clear_context()
    assert _shared.shared_dir() == "/flowfile/shared"


@pytest.mark.parametrize(
    ("filename", "message"),
    [
        ("/etc/passwd", "'/etc/passwd' is an absolute path: give a path relative to the shared directory "),
        ("../outside.csv", "'../outside.csv' leads out of the shared directory "),
        ("a/../../outside.csv", "'a/../../outside.csv' leads out of the shared directory "),
        ("a/..", "'a/..' names the shared directory .* itself"),
        ("", "needs a file name relative to the shared directory "),
    ],
)
def test_paths_outside_are_refused_naming_path_and_directory(shared: Path, filename: str, message: str) -> None:
    with pytest.raises(ValueError, match=message) as raised:
        flowfile.get_shared_location(filename)

    assert str(shared) in str(raised.value)


def test_a_symlink_that_leads_outside_is_refused(shared: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shared.mkdir()
    (shared / "link").symlink_to(outside)

    with pytest.raises(ValueError, match="'link/secret.csv' leads out of the shared directory .* symbolic link") as raised:
        flowfile.get_shared_location("link/secret.csv")

    assert str(shared) in str(raised.value)
    assert str(outside / "secret.csv") in str(raised.value)


def test_a_symlinked_file_that_leads_outside_is_refused(shared: Path, tmp_path: Path) -> None:
    shared.mkdir()
    (shared / "passwd").symlink_to("/etc/passwd")

    with pytest.raises(ValueError, match="symbolic link"):
        flowfile.get_shared_location("passwd")


def test_a_symlink_that_stays_inside_is_allowed(shared: Path) -> None:
    (shared / "real").mkdir(parents=True)
    (shared / "alias").symlink_to(shared / "real")

    assert flowfile.get_shared_location("alias/file.txt") == str(shared / "alias" / "file.txt")


def test_a_non_string_is_refused(shared: Path) -> None:
    with pytest.raises(TypeError):
        flowfile.get_shared_location(3)  # type: ignore[arg-type]
