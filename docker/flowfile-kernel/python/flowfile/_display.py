"""``display()``: rich output in the node's output panel, as a Jupyter display_data.

The type of the object picks the MIME type. Libraries are imported only for an object of that
library (its class's module is looked at first), so ``display("text")`` imports nothing heavy.
"""

from __future__ import annotations

import base64
import io
import re
import sys
from typing import Any

from . import _publish
from ._serial import frame_kind, root_modules

TABLE_ROWS = 20
"""How many first rows of a DataFrame are shown."""

# A closing tag, a void element or a doctype: "<b>hi</b>", "<br>", "<img src=...>". Not "x < 10 > y".
_HTML = re.compile(
    r"</[a-zA-Z][a-zA-Z0-9-]*\s*>|<(?:br|hr|img|input|meta|link|wbr)\b[^<>]*>|<!doctype\s+html",
    re.IGNORECASE,
)


def display(obj: Any, title: str = "", *, inline_plotly: bool = False) -> None:
    """Renders ``obj`` in the node's output panel.

    ========================================  =====================================
    matplotlib Figure (or Axes)               ``image/png``
    plotly Figure                             ``application/vnd.plotly.v1+json``
                                              (drawn by the Flowfile UI), and
                                              ``text/html`` (plotly.js from its CDN,
                                              or inline with ``inline_plotly=True``)
    PIL Image                                 ``image/png``
    a string that looks like HTML             ``text/html``
    Polars DataFrame/LazyFrame, pandas        ``text/html`` table of the first
    DataFrame                                 rows, plus ``text/plain``
    anything else                             ``text/plain`` (``repr``; a string as is)
    ========================================  =====================================

    Every bundle also has a ``text/plain`` fallback. ``title`` goes in the display metadata as
    ``{"flowfile": {"title": title}}``. ``inline_plotly=True`` embeds plotly.js (several MB) in
    the HTML of a plotly figure, for viewers that cannot reach its CDN. Outside a kernel the text is
    printed to stdout.
    """
    data = mime_bundle(obj, inline_plotly=inline_plotly)
    metadata = {"flowfile": {"title": str(title)}}
    fallback = f"{title}: {data['text/plain']}" if title else data["text/plain"]
    _publish.emit(data, metadata, fallback, sys.stdout)


def mime_bundle(obj: Any, inline_plotly: bool = False) -> dict[str, Any]:
    """The MIME bundle ``display`` publishes for ``obj``."""
    roots = root_modules(obj)
    label = f"<{type(obj).__module__}.{type(obj).__qualname__}>"
    if "matplotlib" in roots:
        figure = obj if hasattr(obj, "savefig") else getattr(obj, "figure", None)
        if figure is not None and hasattr(figure, "savefig"):
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
            return {"image/png": _base64(buffer), "text/plain": label}
    if "plotly" in roots and hasattr(obj, "to_html"):
        html = obj.to_html(include_plotlyjs=True if inline_plotly else "cdn", full_html=False)
        from ._plotly import MIME, figure_json

        return {MIME: figure_json(obj), "text/html": html, "text/plain": label}
    if "PIL" in roots and hasattr(obj, "save") and hasattr(obj, "mode"):
        return {"image/png": _png_of_image(obj), "text/plain": label}
    if isinstance(obj, str):
        if _HTML.search(obj):
            return {"text/html": obj, "text/plain": obj}
        return {"text/plain": obj}
    kind = frame_kind(obj)
    if kind in ("polars", "polars-lazy"):
        return _polars_table(obj)
    if kind == "pandas":
        head = obj.head(TABLE_ROWS)
        return {
            "text/html": head.to_html(max_rows=TABLE_ROWS),
            "text/plain": head.to_string(max_rows=TABLE_ROWS) + _rows_note(len(obj)),
        }
    return {"text/plain": str(obj)}  # as Flowfile shows anything else: its str()


def _polars_table(frame: Any) -> dict[str, Any]:
    import polars as pl

    if isinstance(frame, pl.LazyFrame):
        head, total = frame.head(TABLE_ROWS).collect(), None
    else:
        head, total = frame.head(TABLE_ROWS), frame.height
    with pl.Config(tbl_rows=TABLE_ROWS, tbl_cols=-1):
        return {"text/html": head._repr_html_(), "text/plain": str(head) + _rows_note(total)}


def _rows_note(total: int | None) -> str:
    if total is None or total <= TABLE_ROWS:
        return ""
    return f"\n(first {TABLE_ROWS} of {total} rows)"


def _png_of_image(image: Any) -> str:
    buffer = io.BytesIO()
    try:
        image.save(buffer, format="PNG")
    except (OSError, ValueError):  # a mode PNG cannot hold (CMYK, F, ...)
        buffer = io.BytesIO()
        image.convert("RGBA").save(buffer, format="PNG")
    return _base64(buffer)


def _base64(buffer: io.BytesIO) -> str:
    return base64.b64encode(buffer.getvalue()).decode("ascii")
