"""The kernel's matplotlib backend: ``plt.show()`` shows the open figures in the node's output panel.

The image sets ``MPLBACKEND=module://flowfile._matplotlib``. Figures draw with Agg (no display, no
GUI toolkit); ``plt.show()`` publishes every open pyplot figure with :func:`flowfile.display` (a PNG
display output, recorded with the run as any other) and closes it, as Jupyter's inline backend does,
so that a figure is shown once. ``matplotlib.use("Agg")`` still works: then ``plt.show()`` shows
nothing and figures go through ``flowfile.display(fig)``. A figure as a cell's last value is shown
by the cell runner (:func:`flowfile._kernel.run_cell`), whatever the backend.

Nothing imports this module but matplotlib, when pyplot picks its backend.
"""

from __future__ import annotations

from typing import Any

from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase


def show(*args: Any, **kwargs: Any) -> None:
    """Displays every open pyplot figure, in the order they were made, then closes them.

    ``block`` and other arguments of ``plt.show`` are accepted and ignored (nothing waits here).
    """
    from matplotlib import pyplot
    from matplotlib._pylab_helpers import Gcf

    from ._display import display

    managers = Gcf.get_all_fig_managers()
    try:
        for manager in managers:
            figure = manager.canvas.figure
            title = figure.get_suptitle() if hasattr(figure, "get_suptitle") else ""
            display(figure, title=title or "")
    finally:
        for manager in managers:
            pyplot.close(manager.canvas.figure)
