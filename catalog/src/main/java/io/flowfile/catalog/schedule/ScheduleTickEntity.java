package io.flowfile.catalog.schedule;

import io.flowfile.catalog.api.ScheduleTickRecord;
import io.flowfile.catalog.api.TickKind;
import io.flowfile.catalog.api.TickOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code schedule_ticks}. */
@Entity
@Table(name = "schedule_ticks")
public class ScheduleTickEntity {

    @Id
    private UUID id;

    @Column(name = "schedule_id", nullable = false)
    private UUID scheduleId;

    @Column(name = "fire_time", nullable = false)
    private Instant fireTime;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private TickKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, length = 16)
    private TickOutcome outcome;

    @Column(name = "run_id")
    private UUID runId;

    @Column(name = "flow_version")
    private Integer flowVersion;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "message", length = 4000)
    private String message;

    @Column(name = "instance_id", length = 200)
    private String instanceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ScheduleTickEntity() {
    }

    ScheduleTickEntity(UUID scheduleId, Instant fireTime, TickKind kind, TickOutcome outcome, String message, Instant now) {
        this.id = UUID.randomUUID();
        this.scheduleId = scheduleId;
        this.fireTime = fireTime;
        this.kind = kind;
        this.outcome = outcome;
        this.message = message;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void update(TickOutcome newOutcome, String newMessage, Instant now) {
        outcome = newOutcome;
        message = newMessage;
        updatedAt = now;
    }

    void started(UUID newRunId, int version, String instance, Instant now) {
        runId = newRunId;
        if (instance != null) {
            instanceId = instance;
        }
        flowVersion = version;
        attempts++;
        outcome = TickOutcome.RUNNING;
        updatedAt = now;
    }

    String instanceId() {
        return instanceId;
    }

    void instance(String instance) {
        instanceId = instance;
    }

    TickOutcome outcome() {
        return outcome;
    }

    TickKind kind() {
        return kind;
    }

    Instant fireTime() {
        return fireTime;
    }

    ScheduleTickRecord toRecord() {
        return new ScheduleTickRecord(id, scheduleId, fireTime, kind, outcome, runId, flowVersion, attempts, message, createdAt, updatedAt);
    }
}
