package io.flowfile.catalog.api;

/** What happens to a kernel's flow-scoped artifacts when it starts again (kernel-runtime's RecoveryMode). */
public enum KernelRecoveryMode {
    /** Index the persisted artifacts at start, load each on first read (the default). */
    LAZY,
    /** Load every persisted artifact at start. */
    EAGER,
    /** Delete the persisted artifacts at start. */
    CLEAR
}
