package io.flowfile.catalog.api;

/** Why a schedule ticked. */
public enum TickKind {
    /** Its trigger's fire time came. */
    SCHEDULED,
    /** A fire time that passed while no server ran, run late by the missed-ticks policy. */
    CATCH_UP,
    /** A user asked for a run now. */
    RUN_NOW,
    /** A run of the flow it follows succeeded. */
    AFTER_FLOW
}
