"""Serialisation by type: the format each kind of object is written in and the type it is read back
as, and objects that cannot be serialised (the error says which part of the object and why)."""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import flowfile
from conftest import artifact_path, files_of, from_disk, meta_of, restart
from flowfile import _kernel


# --- formats ---------------------------------------------------------------------------------------


def test_polars_dataframe_is_parquet_and_comes_back_as_polars(flow: dict[str, Any]) -> None:
    frame = pl.DataFrame({"id": [1, 2], "name": ["a", "b"], "when": [None, 1.5]})

    flowfile.publish_artifact("frame", frame)

    assert meta_of(flow, "frame")["format"] == "parquet"
    assert meta_of(flow, "frame")["python_type"] == "polars.dataframe.frame.DataFrame"
    assert files_of(flow, "frame") == ["data.parquet", "meta.json"]
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
    assert files_of(flow, "int-columns") == ["data.pkl", "meta.json"]
    pd.testing.assert_frame_equal(from_disk("int-columns"), frame)


def test_numpy_array_is_joblib(flow: dict[str, Any]) -> None:
    array = np.arange(12, dtype=np.float32).reshape(3, 4)

    flowfile.publish_artifact("array", array)

    assert meta_of(flow, "array")["format"] == "joblib"
    assert files_of(flow, "array") == ["data.joblib", "meta.json"]
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
    assert meta_of(flow_context, "fns")["format"] == "pickle"


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
