-- Schedules of registered flows and what each of their ticks did. Plain SQL for H2 2.x and PostgreSQL 13+.
-- A schedule runs one flow; its trigger, run parameters and policies are a JSON document the app
-- reads and writes (definition); the columns are what the catalog queries by. The owner is a
-- username, like a draft's. Deleting a flow deletes its schedules and their ticks.

CREATE TABLE schedules (
    id                    UUID           NOT NULL,
    flow_id               UUID           NOT NULL,
    owner                 VARCHAR(64)    NOT NULL,
    trigger_type          VARCHAR(16)    NOT NULL,
    -- the flow whose successful runs fire an AFTER_FLOW schedule
    after_flow_id         UUID,
    definition            VARCHAR(16000) NOT NULL,
    paused                BOOLEAN        NOT NULL,
    paused_reason         VARCHAR(4000),
    consecutive_failures  INTEGER        NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_schedules PRIMARY KEY (id),
    CONSTRAINT fk_schedules_flow FOREIGN KEY (flow_id) REFERENCES flows (id) ON DELETE CASCADE,
    CONSTRAINT fk_schedules_after_flow FOREIGN KEY (after_flow_id) REFERENCES flows (id) ON DELETE CASCADE,
    CONSTRAINT ck_schedules_trigger CHECK (trigger_type IN ('CRON', 'INTERVAL', 'AFTER_FLOW')),
    CONSTRAINT ck_schedules_after_flow CHECK ((trigger_type = 'AFTER_FLOW') = (after_flow_id IS NOT NULL)),
    CONSTRAINT ck_schedules_failures CHECK (consecutive_failures >= 0)
);
CREATE INDEX ix_schedules_flow ON schedules (flow_id);
CREATE INDEX ix_schedules_after_flow ON schedules (after_flow_id);
CREATE INDEX ix_schedules_owner ON schedules (owner);

-- One row per fire time of a schedule: the unique (schedule, fire time) key makes a double fire
-- impossible, however many servers share the database. The row says what became of the tick: the
-- run it started (the last attempt's, retries included), or why it did not run.
CREATE TABLE schedule_ticks (
    id            UUID          NOT NULL,
    schedule_id   UUID          NOT NULL,
    fire_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    run_id        UUID,
    flow_version  INTEGER,
    attempts      INTEGER       NOT NULL,
    message       VARCHAR(4000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_schedule_ticks PRIMARY KEY (id),
    CONSTRAINT fk_schedule_ticks_schedule FOREIGN KEY (schedule_id) REFERENCES schedules (id) ON DELETE CASCADE,
    CONSTRAINT uq_schedule_ticks_fire UNIQUE (schedule_id, fire_time),
    CONSTRAINT ck_schedule_ticks_kind CHECK (kind IN ('SCHEDULED', 'CATCH_UP', 'RUN_NOW', 'AFTER_FLOW')),
    CONSTRAINT ck_schedule_ticks_outcome CHECK (outcome IN ('QUEUED', 'RUNNING', 'RETRYING', 'SUCCEEDED', 'FAILED', 'CANCELLED',
                                                             'SKIPPED', 'MISSED')),
    CONSTRAINT ck_schedule_ticks_attempts CHECK (attempts >= 0)
);
CREATE INDEX ix_schedule_ticks_run ON schedule_ticks (run_id);
CREATE INDEX ix_schedule_ticks_outcome ON schedule_ticks (schedule_id, outcome, fire_time);

-- The schedule a run was started by (trigger SCHEDULE); not a reference: the history outlives the schedule.
ALTER TABLE runs ADD COLUMN schedule_id UUID;
