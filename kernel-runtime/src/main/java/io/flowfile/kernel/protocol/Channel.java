package io.flowfile.kernel.protocol;

/** The five Jupyter channels. */
public enum Channel {
    SHELL,
    CONTROL,
    STDIN,
    IOPUB,
    HEARTBEAT
}
