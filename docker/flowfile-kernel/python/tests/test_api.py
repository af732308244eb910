"""The public surface: Flowfile's kernel API names and signatures, and a cheap import."""

from __future__ import annotations

import inspect
import subprocess
import sys

import flowfile
from conftest import python_env


def test_functions_of_the_reference_api_exist_with_its_signatures() -> None:
    expected = {
        "read_input": "(name: 'str' = 'main') -> 'pl.LazyFrame'",
        "read_first": "(name: 'str' = 'main') -> 'pl.LazyFrame'",
        "read_inputs": "() -> 'dict[str, list[pl.LazyFrame]]'",
        "publish_output": "(df: 'Any', name: 'str' = 'main') -> 'None'",
        "display": "(obj: 'Any', title: 'str' = '') -> 'None'",
        "log": "(message: 'str', level: 'str' = 'INFO') -> 'None'",
        "log_info": "(message: 'str') -> 'None'",
        "log_warning": "(message: 'str') -> 'None'",
        "log_error": "(message: 'str') -> 'None'",
        "get_shared_location": "(filename: 'str') -> 'str'",
    }
    for name, signature in expected.items():
        assert str(inspect.signature(getattr(flowfile, name))) == signature, name
        assert getattr(flowfile, name).__doc__, f"{name} has no docstring"


def test_importing_flowfile_imports_no_heavy_library() -> None:
    heavy = ["polars", "pandas", "pyarrow", "numpy", "matplotlib", "plotly", "PIL", "IPython", "sklearn"]
    code = (
        "import sys, flowfile\n"
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
