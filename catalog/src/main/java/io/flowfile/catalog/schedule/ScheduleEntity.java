package io.flowfile.catalog.schedule;

import io.flowfile.catalog.api.ScheduleTriggerType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code schedules}. */
@Entity
@Table(name = "schedules")
public class ScheduleEntity {

    @Id
    private UUID id;

    @Column(name = "flow_id", nullable = false)
    private UUID flowId;

    @Column(name = "owner", nullable = false, length = 64)
    private String owner;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_type", nullable = false, length = 16)
    private ScheduleTriggerType triggerType;

    @Column(name = "after_flow_id")
    private UUID afterFlowId;

    @Column(name = "definition", nullable = false, length = 16000)
    private String definition;

    @Column(name = "paused", nullable = false)
    private boolean paused;

    @Column(name = "paused_reason", length = 4000)
    private String pausedReason;

    @Column(name = "consecutive_failures", nullable = false)
    private int consecutiveFailures;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ScheduleEntity() {
    }

    ScheduleEntity(String owner, Instant now) {
        this.id = UUID.randomUUID();
        this.owner = owner;
        this.createdAt = now;
    }

    void define(UUID flowId, ScheduleTriggerType triggerType, UUID afterFlowId, String definition, Instant now) {
        this.flowId = flowId;
        this.triggerType = triggerType;
        this.afterFlowId = afterFlowId;
        this.definition = definition;
        this.updatedAt = now;
    }

    void pause(String reason, Instant now) {
        paused = true;
        pausedReason = reason;
        updatedAt = now;
    }

    void resume(Instant now) {
        paused = false;
        pausedReason = null;
        consecutiveFailures = 0;
        updatedAt = now;
    }

    int recordOutcome(boolean succeeded) {
        consecutiveFailures = succeeded ? 0 : consecutiveFailures + 1;
        return consecutiveFailures;
    }

    UUID id() {
        return id;
    }

    UUID flowId() {
        return flowId;
    }

    UUID afterFlowId() {
        return afterFlowId;
    }

    String owner() {
        return owner;
    }

    ScheduleTriggerType triggerType() {
        return triggerType;
    }

    String definition() {
        return definition;
    }

    boolean paused() {
        return paused;
    }

    String pausedReason() {
        return pausedReason;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
