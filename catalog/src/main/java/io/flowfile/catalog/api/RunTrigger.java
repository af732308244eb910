package io.flowfile.catalog.api;

/** What started a run. */
public enum RunTrigger {
    MANUAL, SCHEDULE, API, CLI
}
