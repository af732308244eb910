"""Start-up of the kernel process in a flowfile-kernel container (called by the image's entry point,
never on ``import flowfile``)."""

from __future__ import annotations

import os
import signal


def prepare() -> None:
    """Makes the kernel stop promptly on SIGTERM (``docker stop``) when it runs as PID 1.

    The kernel process is PID 1 in its container unless the container runs with an init (Docker's
    ``--init``). The kernel ignores signals that PID 1 has no handler for, so without one ``docker stop``
    would wait its whole grace period and then kill the container; any other process dies of SIGTERM
    by default, which this reproduces (exit status 143).
    """
    if os.getpid() == 1:
        signal.signal(signal.SIGTERM, _exit_on_sigterm)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    os._exit(128 + signum)
