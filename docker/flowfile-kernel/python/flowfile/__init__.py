"""The ``flowfile`` API for code in Python Script nodes, running in a flowfile-kernel.

Source-compatible with Flowfile's kernel API::

    df = flowfile.read_input()                  # Polars LazyFrame over the node's main input
    flowfile.publish_output(df.filter(...))     # the node's main output
    flowfile.log_info("loaded")                 # a line in the flow viewer's log
    flowfile.display(fig, title="Sales")        # rich output in the node's panel
    path = flowfile.get_shared_location("reports/monthly.csv")

Importing this package is cheap: Polars, pandas, PyArrow, matplotlib and friends are imported only
by the calls that need them. The engine sets the run context (``flowfile._context.set_context``)
before a node's code runs.
"""

from __future__ import annotations

from ._display import display
from ._errors import FlowfileError, NoContextError, UnknownNameError
from ._io import publish_output, read_first, read_input, read_inputs
from ._log import log, log_error, log_info, log_warning
from ._shared import get_shared_location

__version__ = "0.1.0"

__all__ = [
    "FlowfileError",
    "NoContextError",
    "UnknownNameError",
    "display",
    "get_shared_location",
    "log",
    "log_error",
    "log_info",
    "log_warning",
    "publish_output",
    "read_first",
    "read_input",
    "read_inputs",
]
