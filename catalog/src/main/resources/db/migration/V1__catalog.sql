-- The Flowfile catalog, version 1. Plain SQL that runs unchanged on H2 2.x and PostgreSQL 13+.
-- Ids are UUIDs made by the application (kernels keep the id their user chose); times are instants.
-- Blobs are not here: the blob store keeps them on disk, named by SHA-256.

-- Registered flows and their immutable versions -------------------------------------------------

CREATE TABLE flows (
    id            UUID          NOT NULL,
    name          VARCHAR(128)  NOT NULL,
    description   VARCHAR(4000),
    last_version  INTEGER       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_flows PRIMARY KEY (id),
    CONSTRAINT uq_flows_name UNIQUE (name),
    CONSTRAINT ck_flows_last_version CHECK (last_version >= 0)
);

CREATE TABLE flow_versions (
    id              UUID          NOT NULL,
    flow_id         UUID          NOT NULL,
    version         INTEGER       NOT NULL,
    content_sha256  VARCHAR(64)   NOT NULL,
    format          VARCHAR(16)   NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    document        BYTEA         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_flow_versions PRIMARY KEY (id),
    CONSTRAINT fk_flow_versions_flow FOREIGN KEY (flow_id) REFERENCES flows (id) ON DELETE CASCADE,
    CONSTRAINT uq_flow_versions_flow_version UNIQUE (flow_id, version),
    -- what the composite foreign keys of runs and global_artifact_versions reference
    CONSTRAINT uq_flow_versions_id_flow UNIQUE (id, flow_id),
    CONSTRAINT uq_flow_versions_id_flow_version UNIQUE (id, flow_id, version),
    CONSTRAINT ck_flow_versions_version CHECK (version >= 1),
    CONSTRAINT ck_flow_versions_sha256 CHECK (CHAR_LENGTH(content_sha256) = 64),
    CONSTRAINT ck_flow_versions_size CHECK (size_bytes >= 0)
);

-- Runs: every run names the exact flow version it ran; a flow with runs cannot be deleted ---------
-- flow_id and flow_version copy the version's flow and number (lists by flow need no join); the
-- composite foreign key keeps the three in agreement.

CREATE TABLE runs (
    id               UUID          NOT NULL,
    flow_id          UUID          NOT NULL,
    flow_version_id  UUID          NOT NULL,
    flow_version     INTEGER       NOT NULL,
    run_trigger      VARCHAR(16)   NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    queued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    error_code       INTEGER,
    error_name       VARCHAR(128),
    error_message    VARCHAR(4000),
    CONSTRAINT pk_runs PRIMARY KEY (id),
    CONSTRAINT fk_runs_flow_version FOREIGN KEY (flow_version_id, flow_id, flow_version)
        REFERENCES flow_versions (id, flow_id, version),
    CONSTRAINT ck_runs_trigger CHECK (run_trigger IN ('MANUAL', 'SCHEDULE', 'API', 'CLI')),
    CONSTRAINT ck_runs_state CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'))
);
CREATE INDEX ix_runs_flow_queued ON runs (flow_id, queued_at);
CREATE INDEX ix_runs_flow_version ON runs (flow_version_id);

CREATE TABLE run_parameters (
    run_id       UUID           NOT NULL,
    name         VARCHAR(128)   NOT NULL,
    param_value  VARCHAR(4000)  NOT NULL,
    CONSTRAINT pk_run_parameters PRIMARY KEY (run_id, name),
    CONSTRAINT fk_run_parameters_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
);

CREATE TABLE run_nodes (
    id               UUID           NOT NULL,
    run_id           UUID           NOT NULL,
    node_id          VARCHAR(128)   NOT NULL,
    node_type        VARCHAR(128)   NOT NULL,
    state            VARCHAR(16)    NOT NULL,
    row_count        BIGINT         NOT NULL,
    duration_millis  BIGINT         NOT NULL,
    cached           BOOLEAN        NOT NULL,
    error_code       INTEGER,
    error_name       VARCHAR(128),
    error_message    VARCHAR(4000),
    first_recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_run_nodes PRIMARY KEY (id),
    CONSTRAINT fk_run_nodes_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
    CONSTRAINT uq_run_nodes_run_node UNIQUE (run_id, node_id),
    CONSTRAINT ck_run_nodes_state CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED')),
    CONSTRAINT ck_run_nodes_rows CHECK (row_count >= -1),
    CONSTRAINT ck_run_nodes_duration CHECK (duration_millis >= -1)
);

-- Kernel definitions --------------------------------------------------------------------------------

CREATE TABLE kernels (
    id                    VARCHAR(64)       NOT NULL,
    name                  VARCHAR(128)      NOT NULL,
    owner                 VARCHAR(128)      NOT NULL,
    memory_gb             DOUBLE PRECISION  NOT NULL,
    cpus                  DOUBLE PRECISION  NOT NULL,
    gpus                  INTEGER           NOT NULL,
    recovery_mode         VARCHAR(8)        NOT NULL,
    idle_timeout_seconds  NUMERIC(28, 9)    NOT NULL,
    max_lifetime_seconds  NUMERIC(28, 9)    NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_kernels PRIMARY KEY (id),
    CONSTRAINT ck_kernels_memory CHECK (memory_gb > 0),
    CONSTRAINT ck_kernels_cpus CHECK (cpus > 0),
    CONSTRAINT ck_kernels_gpus CHECK (gpus >= -1),
    CONSTRAINT ck_kernels_recovery_mode CHECK (recovery_mode IN ('LAZY', 'EAGER', 'CLEAR')),
    CONSTRAINT ck_kernels_timeouts CHECK (idle_timeout_seconds >= 0 AND max_lifetime_seconds >= 0)
);
CREATE INDEX ix_kernels_owner ON kernels (owner);

CREATE TABLE kernel_packages (
    kernel_id      VARCHAR(64)   NOT NULL,
    package_index  INTEGER       NOT NULL,
    requirement    VARCHAR(256)  NOT NULL,
    CONSTRAINT pk_kernel_packages PRIMARY KEY (kernel_id, package_index),
    CONSTRAINT fk_kernel_packages_kernel FOREIGN KEY (kernel_id) REFERENCES kernels (id) ON DELETE CASCADE
);

-- Flow-scoped artifacts: metadata only (the bytes stay with the kernel); one row per flow, kernel, name.
-- The flow is named, not referenced: a flow being edited has artifacts before it is registered.

CREATE TABLE flow_artifacts (
    id           UUID          NOT NULL,
    flow_name    VARCHAR(128)  NOT NULL,
    kernel_id    VARCHAR(64)   NOT NULL,
    name         VARCHAR(128)  NOT NULL,
    node_id      VARCHAR(128)  NOT NULL,
    python_type  VARCHAR(256)  NOT NULL,
    format       VARCHAR(16)   NOT NULL,
    size_bytes   BIGINT        NOT NULL,
    sha256       VARCHAR(64)   NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_flow_artifacts PRIMARY KEY (id),
    CONSTRAINT uq_flow_artifacts_flow_kernel_name UNIQUE (flow_name, kernel_id, name),
    CONSTRAINT fk_flow_artifacts_kernel FOREIGN KEY (kernel_id) REFERENCES kernels (id) ON DELETE CASCADE,
    CONSTRAINT ck_flow_artifacts_format CHECK (format IN ('PARQUET', 'JOBLIB', 'CLOUDPICKLE')),
    CONSTRAINT ck_flow_artifacts_size CHECK (size_bytes >= 0),
    CONSTRAINT ck_flow_artifacts_sha256 CHECK (CHAR_LENGTH(sha256) = 64)
);
CREATE INDEX ix_flow_artifacts_kernel ON flow_artifacts (kernel_id);

-- Global artifacts: a name, its versions (1, 2, 3, ...), their tags and lineage ----------------------
-- last_version is the last number handed out; the row is locked while the next one is.

CREATE TABLE global_artifacts (
    id            UUID          NOT NULL,
    name          VARCHAR(128)  NOT NULL,
    last_version  INTEGER       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_global_artifacts PRIMARY KEY (id),
    CONSTRAINT uq_global_artifacts_name UNIQUE (name),
    CONSTRAINT ck_global_artifacts_last_version CHECK (last_version >= 0)
);

-- The lineage keeps the flow's name and version number as values, so that it survives the flow;
-- the references to the flow version (with its flow, kept in agreement by the composite foreign key)
-- and to the run are cleared when those are deleted.
CREATE TABLE global_artifact_versions (
    id               UUID           NOT NULL,
    artifact_id      UUID           NOT NULL,
    version          INTEGER        NOT NULL,
    python_type      VARCHAR(256)   NOT NULL,
    format           VARCHAR(16)    NOT NULL,
    size_bytes       BIGINT         NOT NULL,
    sha256           VARCHAR(64)    NOT NULL,
    description      VARCHAR(4000),
    flow_name        VARCHAR(128)   NOT NULL,
    flow_version     INTEGER        NOT NULL,
    flow_id          UUID,
    flow_version_id  UUID,
    run_id           UUID,
    node_id          VARCHAR(128),
    kernel_id        VARCHAR(64),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_global_artifact_versions PRIMARY KEY (id),
    CONSTRAINT fk_global_artifact_versions_artifact FOREIGN KEY (artifact_id) REFERENCES global_artifacts (id) ON DELETE CASCADE,
    CONSTRAINT uq_global_artifact_versions_artifact_version UNIQUE (artifact_id, version),
    CONSTRAINT fk_global_artifact_versions_flow_version FOREIGN KEY (flow_version_id, flow_id)
        REFERENCES flow_versions (id, flow_id) ON DELETE SET NULL,
    CONSTRAINT ck_global_artifact_versions_flow CHECK ((flow_id IS NULL) = (flow_version_id IS NULL)),
    CONSTRAINT fk_global_artifact_versions_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE SET NULL,
    CONSTRAINT ck_global_artifact_versions_version CHECK (version >= 1),
    CONSTRAINT ck_global_artifact_versions_format CHECK (format IN ('PARQUET', 'JOBLIB', 'CLOUDPICKLE')),
    CONSTRAINT ck_global_artifact_versions_size CHECK (size_bytes >= 0),
    CONSTRAINT ck_global_artifact_versions_sha256 CHECK (CHAR_LENGTH(sha256) = 64)
);
CREATE INDEX ix_global_artifact_versions_sha256 ON global_artifact_versions (sha256);
CREATE INDEX ix_global_artifact_versions_flow_version ON global_artifact_versions (flow_version_id);
CREATE INDEX ix_global_artifact_versions_run ON global_artifact_versions (run_id);

CREATE TABLE global_artifact_tags (
    version_id  UUID         NOT NULL,
    tag         VARCHAR(64)  NOT NULL,
    CONSTRAINT pk_global_artifact_tags PRIMARY KEY (version_id, tag),
    CONSTRAINT fk_global_artifact_tags_version FOREIGN KEY (version_id) REFERENCES global_artifact_versions (id) ON DELETE CASCADE
);
