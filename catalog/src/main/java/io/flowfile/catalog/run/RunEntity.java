package io.flowfile.catalog.run;

import io.flowfile.catalog.api.RunError;
import io.flowfile.catalog.api.RunRecord;
import io.flowfile.catalog.api.RunState;
import io.flowfile.catalog.api.RunTrigger;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A row of {@code runs} with its parameters ({@code run_parameters}). */
@Entity
@Table(name = "runs")
public class RunEntity {

    @Id
    private UUID id;

    @Column(name = "flow_id", nullable = false)
    private UUID flowId;

    @Column(name = "flow_version_id", nullable = false)
    private UUID flowVersionId;

    @Column(name = "flow_version", nullable = false)
    private int flowVersion;

    @Enumerated(EnumType.STRING)
    @Column(name = "run_trigger", nullable = false, length = 16)
    private RunTrigger trigger;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private RunState state;

    @ElementCollection
    @CollectionTable(name = "run_parameters", joinColumns = @JoinColumn(name = "run_id"))
    @MapKeyColumn(name = "name", length = 128)
    @Column(name = "param_value", nullable = false, length = 4000)
    private Map<String, String> parameters = new HashMap<>();

    @Column(name = "queued_at", nullable = false)
    private Instant queuedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(name = "error_code")
    private Integer errorCode;

    @Column(name = "error_name", length = 128)
    private String errorName;

    @Column(name = "error_message", length = 4000)
    private String errorMessage;

    @Column(name = "started_by", length = 64)
    private String startedBy;

    @Column(name = "schedule_id")
    private UUID scheduleId;

    /** Why another server asked for this run to be cancelled, or null. */
    @Column(name = "cancel_requested", length = 500)
    private String cancelRequested;

    /** The server instance that started it (see {@link RunService#start(UUID, io.flowfile.catalog.api.RunTrigger, java.util.Map, String, UUID, String)}), or null. */
    @Column(name = "server_instance", length = 200)
    private String serverInstance;

    protected RunEntity() {
    }

    RunEntity(UUID flowId, UUID flowVersionId, int flowVersion, RunTrigger trigger, Map<String, String> parameters, String startedBy,
              UUID scheduleId, Instant now) {
        this.id = UUID.randomUUID();
        this.flowId = flowId;
        this.flowVersionId = flowVersionId;
        this.flowVersion = flowVersion;
        this.trigger = trigger;
        this.state = RunState.QUEUED;
        this.parameters.putAll(parameters);
        this.queuedAt = now;
        this.startedBy = startedBy;
        this.scheduleId = scheduleId;
    }

    UUID id() {
        return id;
    }

    RunState state() {
        return state;
    }

    /** QUEUED becomes RUNNING; RUNNING stays. The caller checked the run is not final. */
    void markRunning(Instant now) {
        if (state == RunState.QUEUED) {
            state = RunState.RUNNING;
            startedAt = now;
        }
    }

    void runOn(String instance) {
        serverInstance = instance;
    }

    /** The caller checked the run is not final and {@code finalState} is. */
    void finish(RunState finalState, RunError error, Instant now) {
        state = finalState;
        finishedAt = now;
        if (error != null) {
            errorCode = error.code();
            errorName = error.name();
            errorMessage = error.message();
        }
    }

    RunRecord toRecord() {
        RunError error = errorName == null ? null : new RunError(errorCode, errorName, errorMessage);
        return new RunRecord(id, flowId, flowVersionId, flowVersion, trigger, state, parameters, queuedAt, startedAt, finishedAt, error,
                startedBy, scheduleId);
    }
}
