"""Plotly figures shown in a cell (``fig.show()``, or a figure as the cell's last expression) are
published as the figure itself, ``application/vnd.plotly.v1+json``, which the Flowfile UI draws with
its own plotly.js: no CDN, no script in the page, and no ``nbformat`` (which plotly's own mimetype
renderer needs and the image does not have).

Plotly is not imported for this: ``install()`` (at kernel start) puts an import hook in place that
registers the ``flowfile`` renderer, and makes it the default, once a cell first imports
``plotly.io``.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from typing import Any

from . import _publish

MIME = "application/vnd.plotly.v1+json"
RENDERER = "flowfile"


def figure_json(fig_dict: Any) -> Any:
    """The figure as JSON values, arrays encoded as plotly encodes them."""
    import json

    import plotly.io as pio

    return json.loads(pio.to_json(fig_dict, validate=False))


def _register() -> None:
    import plotly.io as pio
    from plotly.io._base_renderers import ExternalRenderer

    class FlowfileRenderer(ExternalRenderer):
        """Publishes the figure as a display (no browser is opened)."""

        def render(self, fig_dict: Any) -> None:
            title = ""
            layout_title = (fig_dict.get("layout") or {}).get("title")
            if isinstance(layout_title, dict):
                title = str(layout_title.get("text") or "")
            elif isinstance(layout_title, str):
                title = layout_title
            _publish.emit({MIME: figure_json(fig_dict), "text/plain": "<plotly figure>"},
                          {"flowfile": {"title": title}}, "<plotly figure>", sys.stdout)

    if RENDERER not in pio.renderers:
        pio.renderers[RENDERER] = FlowfileRenderer()
    pio.renderers.default = RENDERER


class _Loader(importlib.abc.Loader):
    """Loads ``plotly.io`` as usual, then registers the renderer."""

    def __init__(self, inner: importlib.abc.Loader) -> None:
        self._inner = inner

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
        return self._inner.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._inner.exec_module(module)
        try:
            _register()
        except Exception as error:  # a plotly without these internals: its own renderers stay
            print(f"flowfile: plotly figures are shown by plotly's own renderer ({error})", file=sys.stderr)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname: str, path: Any, target: Any = None) -> importlib.machinery.ModuleSpec | None:
        if fullname != "plotly.io":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _Loader(spec.loader)
        return spec


def install() -> None:
    """Makes figures shown in cells publish themselves for the Flowfile UI (once plotly is imported)."""
    if "plotly.io" in sys.modules:
        _register()
    elif not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
