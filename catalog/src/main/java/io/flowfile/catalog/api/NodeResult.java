package io.flowfile.catalog.api;

import io.flowfile.catalog.internal.Checks;

/**
 * What one node of a run did; recorded again as the node progresses (the last record wins).
 *
 * @param rows           rows the node produced; -1 when not known (still running, or fused into
 *                       another node's statement)
 * @param durationMillis how long it ran; -1 when not known
 * @param error          why it failed, or null
 * @param cached         whether its result came from the result cache
 * @param startedAt      when it started running; null when not known (not started, or fused into another node's statement)
 * @param finishedAt     when it ended; null while it runs or when not known
 */
public record NodeResult(String nodeId, String nodeType, NodeState state, long rows, long durationMillis, RunError error, boolean cached,
                         java.time.Instant startedAt, java.time.Instant finishedAt) {

    /** A result without its times. */
    public NodeResult(String nodeId, String nodeType, NodeState state, long rows, long durationMillis, RunError error, boolean cached) {
        this(nodeId, nodeType, state, rows, durationMillis, error, cached, null, null);
    }

    public NodeResult {
        Checks.nodeId(nodeId, "node id");
        Checks.text(nodeType, "node type of node '" + nodeId + "'", 128);
        Checks.notNull(state, "state of node '" + nodeId + "'");
        if (rows < -1) {
            throw Checks.invalid("rows of node '" + nodeId + "' must be -1 (not known) or more, was " + rows);
        }
        if (durationMillis < -1) {
            throw Checks.invalid("duration of node '" + nodeId + "' must be -1 (not known) or more, was " + durationMillis);
        }
        if (startedAt != null && finishedAt != null && finishedAt.isBefore(startedAt)) {
            throw Checks.invalid("node '" + nodeId + "' cannot end (" + finishedAt + ") before it started (" + startedAt + ")");
        }
    }
}
