"""The public surface: Flowfile's kernel API names and signatures, and a cheap import."""

from __future__ import annotations

import inspect
import subprocess
import sys

import flowfile
from real_kernels import python_env


def test_functions_of_the_reference_api_exist_with_its_signatures() -> None:
    expected = {
        "read_input": "(name: 'str' = 'main') -> 'pl.LazyFrame'",
        "read_first": "(name: 'str' = 'main') -> 'pl.LazyFrame'",
        "read_inputs": "() -> 'dict[str, list[pl.LazyFrame]]'",
        "publish_output": "(df: 'Any', name: 'str' = 'main') -> 'None'",
        "display": "(obj: 'Any', title: 'str' = '', *, inline_plotly: 'bool' = False) -> 'None'",
        "log": "(message: 'str', level: 'str' = 'INFO') -> 'None'",
        "log_info": "(message: 'str') -> 'None'",
        "log_warning": "(message: 'str') -> 'None'",
        "log_error": "(message: 'str') -> 'None'",
        "get_shared_location": "(filename: 'str') -> 'str'",
        "publish_artifact": "(name: 'str', obj: 'Any') -> 'None'",
        "read_artifact": "(name: 'str') -> 'Any'",
        "delete_artifact": "(name: 'str') -> 'None'",
        "list_artifacts": "() -> 'list[ArtifactInfo]'",
        # Returns the catalog's id of the new version (a UUID string).
        "publish_global": (
            "(name: 'str', obj: 'Any', description: 'str | None' = None, tags: 'list[str] | None' = None) -> 'str'"
        ),
        "get_global": "(name: 'str', version: 'int | None' = None) -> 'Any'",
        "list_global_artifacts": "(tags: 'list[str] | None' = None) -> 'list[ArtifactInfo]'",
        "delete_global_artifact": "(name: 'str', version: 'int | None' = None) -> 'None'",
    }
    for name, signature in expected.items():
        assert str(inspect.signature(getattr(flowfile, name))) == signature, name
        assert getattr(flowfile, name).__doc__, f"{name} has no docstring"


def test_the_engine_entry_points_exist_with_their_signatures() -> None:
    from flowfile import _kernel

    expected = {
        "run_cell": "(context: 'Mapping[str, Any] | str', source: 'str', cell_index: 'int' = 0) -> 'None'",
        "run_cell_b64": "(context_b64: 'str', source_b64: 'str', cell_index: 'int' = 0) -> 'None'",
        "reset_namespace": "(flow_id: 'str') -> 'None'",
        "recover_artifacts": "(kernel_id: 'str', artifact_dir: 'str', mode: 'str' = 'lazy') -> 'dict[str, Any]'",
    }
    for name, signature in expected.items():
        assert str(inspect.signature(getattr(_kernel, name))) == signature, name
        assert getattr(_kernel, name).__doc__, f"{name} has no docstring"


def test_importing_flowfile_imports_no_heavy_library() -> None:
    heavy = [
        "polars", "pandas", "pyarrow", "numpy", "matplotlib", "plotly", "PIL", "IPython", "sklearn",
        "cloudpickle", "joblib", "comm", "scipy",
    ]
    code = (
        "import sys, flowfile, flowfile._kernel\n"
        f"loaded = [m for m in {heavy!r} if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=python_env(), capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""


def test_displaying_and_logging_text_imports_no_heavy_library() -> None:
    code = (
        "import sys, flowfile\n"
        "flowfile.display('plain text'); flowfile.display('<b>html</b>'); flowfile.display({'a': 1})\n"
        "flowfile.log_info('hello')\n"
        "print([m for m in ('polars', 'pandas', 'pyarrow', 'matplotlib', 'plotly', 'PIL') if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=python_env(), capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
