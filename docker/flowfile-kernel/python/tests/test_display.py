"""display(): the MIME type chosen for each kind of object, and the title in the metadata."""

from __future__ import annotations

import base64
from typing import Any

import pytest

import flowfile
from conftest import Published

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def is_png(data: str) -> bool:
    return base64.b64decode(data).startswith(PNG_SIGNATURE)


def test_matplotlib_figure_is_a_png(published: Published) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots()
    axes.bar(["A", "B"], [1, 2])
    try:
        flowfile.display(figure, title="Sales")
    finally:
        plt.close(figure)

    data, metadata = published.only()
    assert is_png(data["image/png"])
    assert data["text/plain"] == "<matplotlib.figure.Figure>"
    assert metadata == {"flowfile": {"title": "Sales"}}


def test_matplotlib_axes_shows_its_figure(published: Published) -> None:
    from matplotlib.figure import Figure

    axes = Figure().subplots()
    flowfile.display(axes)

    assert is_png(published.only()[0]["image/png"])


def test_plotly_figure_is_html(published: Published) -> None:
    import plotly.graph_objects as go

    flowfile.display(go.Figure(go.Bar(x=["a"], y=[1])), title="Chart")

    data, metadata = published.only()
    figure = data["application/vnd.plotly.v1+json"]
    assert figure["data"][0]["type"] == "bar" and list(figure["data"][0]["x"]) == ["a"]
    assert "layout" in figure
    assert "plotly" in data["text/html"].lower()
    assert data["text/html"].lstrip().startswith("<div")
    assert 'src="https://cdn.plot.ly' in data["text/html"]
    assert metadata["flowfile"]["title"] == "Chart"


def test_a_plotly_figure_shown_publishes_itself_for_the_ui(published: Published) -> None:
    import plotly.graph_objects as go
    import plotly.io as pio

    from flowfile import _plotly

    before = pio.renderers.default
    try:
        _plotly.install()
        assert pio.renderers.default == "flowfile"
        go.Figure(go.Scatter(x=[1, 2], y=[3, 4]), layout={"title": "Line"}).show()
    finally:
        pio.renderers.default = before

    data, metadata = published.only()
    assert data["application/vnd.plotly.v1+json"]["data"][0]["type"] == "scatter"
    assert data["text/plain"] == "<plotly figure>"
    assert metadata == {"flowfile": {"title": "Line"}}


def test_plotly_js_can_be_inlined(published: Published) -> None:
    import plotly.graph_objects as go

    flowfile.display(go.Figure(), inline_plotly=True)

    html = published.only()[0]["text/html"]
    assert 'src="https://cdn.plot.ly' not in html and len(html) > 1_000_000


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "CMYK"])
def test_pil_image_is_a_png(published: Published, mode: str) -> None:
    from PIL import Image

    flowfile.display(Image.new(mode, (4, 3)))

    data = published.only()[0]
    assert is_png(data["image/png"])
    assert "text/html" not in data


@pytest.mark.parametrize("html", ["<b>hello</b>", "<div class='x'>a</div>", "line<br>break", "<!DOCTYPE html><p>"])
def test_html_string_is_html(published: Published, html: str) -> None:
    flowfile.display(html)

    assert published.only() == ({"text/html": html, "text/plain": html}, {"flowfile": {"title": ""}})


@pytest.mark.parametrize("text", ["plain text", "x < 10 and y > 5", "a <b c"])
def test_other_string_is_plain_text(published: Published, text: str) -> None:
    flowfile.display(text)

    assert published.only()[0] == {"text/plain": text}


def test_polars_dataframe_is_an_html_table_of_the_first_rows(published: Published) -> None:
    import polars as pl

    flowfile.display(pl.DataFrame({"id": list(range(100)), "name": [f"n{i}" for i in range(100)]}))

    data = published.only()[0]
    assert "<table" in data["text/html"]
    assert ">19<" in data["text/html"] and ">20<" not in data["text/html"]
    assert "(first 20 of 100 rows)" in data["text/plain"]
    assert "n19" in data["text/plain"]


def test_polars_lazyframe_is_collected_for_its_first_rows(published: Published) -> None:
    import polars as pl

    flowfile.display(pl.LazyFrame({"v": [1, 2, 3]}), title="lazy")

    data, metadata = published.only()
    assert "<table" in data["text/html"]
    assert "shape: (3, 1)" in data["text/plain"]
    assert metadata == {"flowfile": {"title": "lazy"}}


def test_pandas_dataframe_is_an_html_table_of_the_first_rows(published: Published) -> None:
    import pandas as pd

    flowfile.display(pd.DataFrame({"amount": range(50)}))

    data = published.only()[0]
    assert "<table" in data["text/html"]
    assert "<td>19</td>" in data["text/html"] and "<td>20</td>" not in data["text/html"]
    assert data["text/plain"].endswith("(first 20 of 50 rows)")


@pytest.mark.parametrize("obj", [{"a": 1}, [1, 2], 3.5, None])
def test_anything_else_is_its_str(published: Published, obj: Any) -> None:
    flowfile.display(obj)

    assert published.only()[0] == {"text/plain": str(obj)}


def test_numpy_array_is_its_str(published: Published) -> None:
    import numpy as np

    flowfile.display(np.arange(3))

    assert published.only()[0] == {"text/plain": "[0 1 2]"}


def test_outside_a_kernel_display_prints_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    flowfile.display({"k": 1}, title="Result")

    assert capsys.readouterr().out == "Result: {'k': 1}\n"
