"""run_cell: cells in per-flow namespaces, the run context around them, Jupyter's display of the last
expression, tracebacks that name the node and the cell, and the base64 form the engine sends."""

from __future__ import annotations

import json
import traceback
from typing import Any

import pytest

import flowfile
from conftest import Published, b64, driver_code
from flowfile import _artifacts, _context, _kernel


def ctx(flow_id: str = "f1", node_id: int = 3, **extra: Any) -> dict[str, Any]:
    return {"flow_id": flow_id, "node_id": node_id, **extra}


# --- namespaces ------------------------------------------------------------------------------------


def test_cells_of_one_flow_share_variables_across_cells_and_runs() -> None:
    _kernel.run_cell(ctx(run_id="run-1"), "x = 41\ndef inc(v):\n    return v + 1", 0)
    _kernel.run_cell(ctx(run_id="run-1", node_id=4), "y = inc(x)", 1)
    _kernel.run_cell(ctx(run_id="run-2"), "z = y * 2", 0)

    variables = _kernel.namespace("f1")
    assert (variables["x"], variables["y"], variables["z"]) == (41, 42, 84)


def test_two_flows_never_see_each_others_variables() -> None:
    _kernel.run_cell(ctx("flow-a"), "secret = 'a'\nshared_name = 1")
    _kernel.run_cell(ctx("flow-b"), "shared_name = 2")

    with pytest.raises(NameError, match="'secret' is not defined"):
        _kernel.run_cell(ctx("flow-b"), "secret")
    assert _kernel.namespace("flow-a")["shared_name"] == 1
    assert _kernel.namespace("flow-b")["shared_name"] == 2
    assert "secret" not in _kernel.namespace("flow-b")


def test_integer_and_string_flow_ids_name_the_same_namespace() -> None:
    _kernel.run_cell(ctx(7), "v = 'seven'")  # type: ignore[arg-type]

    _kernel.run_cell(ctx("7"), "w = v")
    assert _kernel.namespace(7)["w"] == "seven"


def test_flowfile_is_there_without_an_import_and_name_is_main() -> None:
    _kernel.run_cell(ctx(), "module = flowfile\nname = __name__")

    assert _kernel.namespace("f1")["module"] is flowfile
    assert _kernel.namespace("f1")["name"] == "__main__"


def test_the_context_is_set_during_the_cell_and_cleared_after() -> None:
    _kernel.run_cell(ctx(run_id="r9", interactive=True), "seen = flowfile._context.get_context()")

    seen = _kernel.namespace("f1")["seen"]
    assert (seen.flow_id, seen.node_id, seen.run_id, seen.interactive) == ("f1", 3, "r9", True)
    assert _context.current_context() is None


def test_the_context_is_cleared_after_a_failing_cell() -> None:
    with pytest.raises(RuntimeError, match="boom"):
        _kernel.run_cell(ctx(), "raise RuntimeError('boom')")

    assert _context.current_context() is None


def test_a_context_without_flow_id_is_refused() -> None:
    with pytest.raises(flowfile.NoContextError, match="no flow_id"):
        _kernel.run_cell({"node_id": 1}, "x = 1")
    assert _context.current_context() is None


def test_reset_namespace_clears_only_that_flow() -> None:
    _kernel.run_cell(ctx("flow-a"), "a = 1")
    _kernel.run_cell(ctx("flow-b"), "b = 2")

    _kernel.reset_namespace("flow-a")

    with pytest.raises(NameError):
        _kernel.run_cell(ctx("flow-a"), "a")
    _kernel.run_cell(ctx("flow-a"), "again = flowfile is not None")  # flowfile is back
    assert _kernel.namespace("flow-a")["again"] is True
    assert _kernel.namespace("flow-b")["b"] == 2


def test_reset_namespace_forgets_the_flows_artifacts_held_in_memory(flow_context: dict[str, Any]) -> None:
    other = dict(flow_context, flow_id="f2")
    _kernel.run_cell(flow_context, "flowfile.publish_artifact('a', {'v': 1})")
    _kernel.run_cell(other, "flowfile.publish_artifact('b', {'v': 2})")
    assert _artifacts.loaded_names("f1") == ["a"]

    _kernel.reset_namespace("f1")

    assert _artifacts.loaded_names("f1") == []
    assert _artifacts.loaded_names("f2") == ["b"]
    _kernel.run_cell(flow_context, "back = flowfile.read_artifact('a')")  # still on disk
    assert _kernel.namespace("f1")["back"] == {"v": 1}


def test_reset_of_an_unknown_flow_is_harmless() -> None:
    _kernel.reset_namespace("never-ran")


# --- display of the last expression ----------------------------------------------------------------


def test_the_last_expression_is_displayed(published: Published) -> None:
    _kernel.run_cell(ctx(), "x = 20\nx + 1")

    assert published.only()[0] == {"text/plain": "21"}


def test_a_dataframe_as_last_expression_is_a_table(published: Published) -> None:
    _kernel.run_cell(ctx(), "import polars as pl\npl.DataFrame({'v': [1, 2]})")

    assert "<table" in published.only()[0]["text/html"]


def test_a_matplotlib_figure_as_last_expression_is_a_png(published: Published) -> None:
    _kernel.run_cell(ctx(), "from matplotlib.figure import Figure\nfig = Figure()\nfig.subplots().plot([1, 2])\nfig")

    assert "image/png" in published.only()[0]


@pytest.fixture
def kernel_backend() -> Any:
    """pyplot on the image's backend (MPLBACKEND=module://flowfile._matplotlib), then back."""
    import matplotlib.pyplot as plt

    before = plt.get_backend()
    plt.close("all")
    plt.switch_backend("module://flowfile._matplotlib")
    yield plt
    plt.close("all")
    plt.switch_backend(before)


def test_plt_show_displays_the_open_figures_as_pngs_and_closes_them(published: Published, kernel_backend: Any) -> None:
    _kernel.run_cell(ctx(), "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.suptitle('Trend')\nplt.show()")

    data, metadata = published.only()
    assert data["image/png"] and data["text/plain"] == "<matplotlib.figure.Figure>"
    assert metadata == {"flowfile": {"title": "Trend"}}
    assert kernel_backend.get_fignums() == []
    _kernel.run_cell(ctx(), "plt.show()")  # nothing open: nothing shown
    assert len(published.messages) == 1


def test_a_pyplot_figure_as_last_expression_is_one_png(published: Published, kernel_backend: Any) -> None:
    _kernel.run_cell(ctx(), "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nfig")

    assert "image/png" in published.only()[0]


@pytest.mark.parametrize(
    "source",
    [
        "x = 1",  # an assignment is not an expression
        "1 + 1;",  # a trailing semicolon suppresses the display
        "1 + 1;  # a comment after it",
        "None",
        "print('printed')",  # returns None
        "[].append(1)",
        "def f():\n    return 1",
        "if True:\n    3",  # the last statement is an if, not an expression
        "",
        "# only a comment",
    ],
)
def test_no_display(published: Published, source: str) -> None:
    _kernel.run_cell(ctx(), source)

    assert published.messages == []


def test_only_the_last_expression_is_displayed(published: Published) -> None:
    _kernel.run_cell(ctx(), "'first'\n'second'\n'third'  # comment; with a semicolon")

    assert published.only()[0] == {"text/plain": "third"}


def test_a_semicolon_inside_a_string_does_not_suppress(published: Published) -> None:
    _kernel.run_cell(ctx(), "'a;'")

    assert published.only()[0] == {"text/plain": "a;"}


def test_display_outside_a_kernel_prints(capsys: pytest.CaptureFixture[str]) -> None:
    _kernel.run_cell(ctx(), "{'k': 1}")

    assert capsys.readouterr().out == "{'k': 1}\n"


# --- tracebacks ------------------------------------------------------------------------------------


def test_the_traceback_names_the_node_and_the_cell_and_shows_the_line() -> None:
    source = "a = 1\ndef fail():\n    raise ValueError('bad value')\nfail()"
    with pytest.raises(ValueError, match="bad value") as raised:
        _kernel.run_cell(ctx(node_id=12), source, cell_index=2)

    frames = traceback.extract_tb(raised.value.__traceback__)
    cell_frames = [f for f in frames if f.filename == "<node 12 cell 2>"]
    assert [(f.lineno, f.name, f.line) for f in cell_frames] == [
        (4, "<module>", "fail()"),
        (3, "fail", "raise ValueError('bad value')"),
    ]


def test_an_error_in_the_last_expression_names_the_cell() -> None:
    with pytest.raises(ZeroDivisionError) as raised:
        _kernel.run_cell(ctx(node_id=5), "x = 0\n1 / x", cell_index=1)

    last = traceback.extract_tb(raised.value.__traceback__)[-1]
    assert (last.filename, last.lineno, last.line) == ("<node 5 cell 1>", 2, "1 / x")


def test_a_syntax_error_names_the_cell() -> None:
    with pytest.raises(SyntaxError) as raised:
        _kernel.run_cell(ctx(node_id=5), "x = 1\nx ===", cell_index=3)

    assert raised.value.filename == "<node 5 cell 3>"
    assert raised.value.lineno == 2


def test_the_driver_frames_are_marked_hidden_for_ipython() -> None:
    with pytest.raises(KeyError) as raised:
        _kernel.run_cell_b64(b64(json.dumps(ctx())), b64("{}['missing']"))

    hidden = []
    tb = raised.value.__traceback__
    while tb is not None:
        if tb.tb_frame.f_locals.get("__tracebackhide__"):
            hidden.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    assert hidden == ["run_cell_b64", "run_cell"]


def test_exceptions_propagate_unchanged() -> None:
    class Custom(Exception):
        pass

    _kernel.namespace("f1")["Custom"] = Custom
    with pytest.raises(Custom) as raised:
        _kernel.run_cell(ctx(), "raise Custom('as is', 42)")

    assert raised.value.args == ("as is", 42)


# --- the forms the engine sends ----------------------------------------------------------------------

AWKWARD = (
    "s = '''triple \"\"\" quotes ''' + \"\\\\ back\\\\slash\" + 'é 😀 \\u00e9'\n"
    "t = r'\\n stays'  # a comment with \"\"\" and '''\n"
    "\n\n"
)


def test_run_cell_b64_takes_any_source_and_a_json_context() -> None:
    context_json = json.dumps({"flow_id": "f1", "node_id": 2, "flow_registered": True, "flow_version": None})

    _kernel.run_cell_b64(b64(context_json), b64(AWKWARD), 4)

    expected: dict[str, Any] = {}
    exec(AWKWARD, expected)
    assert _kernel.namespace("f1")["s"] == expected["s"]
    assert _kernel.namespace("f1")["t"] == "\\n stays"
    assert "😀" in _kernel.namespace("f1")["s"]


def test_run_cell_b64_in_python_code_built_as_the_engine_builds_it() -> None:
    exec(compile(driver_code(ctx(), AWKWARD, 0), "<driver>", "exec"), {})

    assert "😀" in _kernel.namespace("f1")["s"]


def test_run_cell_takes_the_context_as_json_text() -> None:
    _kernel.run_cell(json.dumps({"flow_id": "f1", "node_id": 1, "interactive": True}), "x = flowfile._context.get_context().interactive")

    assert _kernel.namespace("f1")["x"] is True


def test_run_cell_with_json_dumps_quoted_source() -> None:
    # json.dumps output is a valid Python string literal for text within the BMP
    source = "msg = \"it's \\\"quoted\\\"\"\npath = 'C:\\\\dir'\n"
    code = f"import flowfile._kernel as _fk; _fk.run_cell({json.dumps(ctx())}, {json.dumps(source)}, 0)"

    exec(compile(code, "<driver>", "exec"), {})

    assert _kernel.namespace("f1")["msg"] == 'it\'s "quoted"'
    assert _kernel.namespace("f1")["path"] == "C:\\dir"


@pytest.mark.parametrize(("context", "source"), [("not base64!", b64("x = 1")), (b64("{}"), "%%%"), (b64("not json"), b64("x"))])
def test_run_cell_b64_refuses_bad_arguments(context: str, source: str) -> None:
    with pytest.raises(ValueError):
        _kernel.run_cell_b64(context, source)
    assert _context.current_context() is None


def test_recover_artifacts_repr_is_json(tmp_path: Any) -> None:
    summary = _kernel.recover_artifacts("k1", str(tmp_path / "artifacts"), "lazy")

    assert json.loads(repr(summary)) == {
        "kernel_id": "k1", "mode": "lazy", "indexed": 0, "loaded": 0, "deleted": 0, "errors": []
    }
    assert isinstance(summary, dict)
