package io.flowfile.catalog.run;

import io.flowfile.catalog.api.NodeResult;
import io.flowfile.catalog.api.NodeState;
import io.flowfile.catalog.api.RunError;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code run_nodes}: the last reported result of one node of one run. */
@Entity
@Table(name = "run_nodes")
public class RunNodeEntity {

    @Id
    private UUID id;

    @Column(name = "run_id", nullable = false)
    private UUID runId;

    @Column(name = "node_id", nullable = false, length = 128)
    private String nodeId;

    @Column(name = "node_type", nullable = false, length = 128)
    private String nodeType;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private NodeState state;

    @Column(name = "row_count", nullable = false)
    private long rows;

    @Column(name = "duration_millis", nullable = false)
    private long durationMillis;

    @Column(name = "cached", nullable = false)
    private boolean cached;

    @Column(name = "error_code")
    private Integer errorCode;

    @Column(name = "error_name", length = 128)
    private String errorName;

    @Column(name = "error_message", length = 4000)
    private String errorMessage;

    @Column(name = "first_recorded_at", nullable = false)
    private Instant firstRecordedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected RunNodeEntity() {
    }

    RunNodeEntity(UUID runId, NodeResult result, Instant now) {
        this.id = UUID.randomUUID();
        this.runId = runId;
        this.nodeId = result.nodeId();
        this.firstRecordedAt = now;
        update(result, now);
    }

    void update(NodeResult result, Instant now) {
        nodeType = result.nodeType();
        state = result.state();
        rows = result.rows();
        durationMillis = result.durationMillis();
        cached = result.cached();
        RunError error = result.error();
        errorCode = error == null ? null : error.code();
        errorName = error == null ? null : error.name();
        errorMessage = error == null ? null : error.message();
        if (result.startedAt() != null) {
            startedAt = result.startedAt(); // a later record without its start keeps the one known
        }
        finishedAt = result.finishedAt();
        updatedAt = now;
    }

    NodeResult toResult() {
        RunError error = errorName == null ? null : new RunError(errorCode, errorName, errorMessage);
        return new NodeResult(nodeId, nodeType, state, rows, durationMillis, error, cached, startedAt, finishedAt);
    }
}
