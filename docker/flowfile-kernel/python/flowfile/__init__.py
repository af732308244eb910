"""The ``flowfile`` API for code in Python Script nodes, running in a flowfile-kernel.

Source-compatible with Flowfile's kernel API::

    df = flowfile.read_input()                  # Polars LazyFrame over the node's main input
    flowfile.publish_output(df.filter(...))     # the node's main output
    flowfile.log_info("loaded")                 # a line in the flow viewer's log
    flowfile.display(fig, title="Sales")        # rich output in the node's panel
    path = flowfile.get_shared_location("reports/monthly.csv")
    flowfile.publish_artifact("model", model)   # kept for the flow's other nodes and later runs
    model = flowfile.read_artifact("model")
    flowfile.publish_global("model", model, description="...", tags=["ml"])  # the catalog
    password = flowfile.get_secret("warehouse").get_secret_value()  # a secret the user set

Importing this package is cheap: Polars, pandas, PyArrow, matplotlib, cloudpickle, joblib and friends
are imported only by the calls that need them. The engine runs a node's cells with
``flowfile._kernel.run_cell``, which sets the run context (``flowfile._context``) around each cell.
"""

from __future__ import annotations

from ._artifacts import ArtifactInfo, delete_artifact, list_artifacts, publish_artifact, read_artifact
from ._display import display
from ._errors import (
    ArtifactChecksumError,
    ArtifactError,
    ArtifactExistsError,
    ArtifactSerializationError,
    EngineError,
    EngineTimeoutError,
    EngineUnavailableError,
    FlowfileError,
    InvalidArtifactNameError,
    NoContextError,
    NotRegisteredError,
    UnknownArtifactError,
    UnknownNameError,
)
from ._globals import delete_global_artifact, get_global, list_global_artifacts, publish_global
from ._io import publish_output, read_first, read_input, read_inputs
from ._log import log, log_error, log_info, log_warning
from ._secrets import Secret, get_secret
from ._shared import get_shared_location

__version__ = "0.1.0"

__all__ = [
    "ArtifactChecksumError",
    "ArtifactError",
    "ArtifactExistsError",
    "ArtifactInfo",
    "ArtifactSerializationError",
    "EngineError",
    "EngineTimeoutError",
    "EngineUnavailableError",
    "FlowfileError",
    "InvalidArtifactNameError",
    "NoContextError",
    "NotRegisteredError",
    "Secret",
    "UnknownArtifactError",
    "UnknownNameError",
    "delete_artifact",
    "delete_global_artifact",
    "display",
    "get_global",
    "get_secret",
    "get_shared_location",
    "list_artifacts",
    "list_global_artifacts",
    "log",
    "log_error",
    "log_info",
    "log_warning",
    "publish_artifact",
    "publish_global",
    "publish_output",
    "read_artifact",
    "read_first",
    "read_input",
    "read_inputs",
]
