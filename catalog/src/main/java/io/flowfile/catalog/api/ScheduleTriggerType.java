package io.flowfile.catalog.api;

/** What fires a schedule: a cron expression, a fixed interval, or a successful run of another flow. */
public enum ScheduleTriggerType {
    CRON, INTERVAL, AFTER_FLOW
}
