-- Which node read which version of a global artifact (flowfile.get_global / read_global), so a
-- node's panel can show the global artifacts it reads and an artifact's page who reads it. One row per
-- version, flow scope and node: the last read and how many there were. flow_scope is the engine's
-- flow identity on the kernel (the flow's name made unique by where it lives): drafts read too.
CREATE TABLE global_artifact_reads (
    id            UUID                     NOT NULL,
    version_id    UUID                     NOT NULL,
    flow_scope    VARCHAR(128)             NOT NULL,
    node_id       VARCHAR(128)             NOT NULL,
    kernel_id     VARCHAR(64)              NOT NULL,
    read_count    BIGINT                   NOT NULL,
    last_read_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_global_artifact_reads PRIMARY KEY (id),
    CONSTRAINT fk_global_artifact_reads_version FOREIGN KEY (version_id) REFERENCES global_artifact_versions (id) ON DELETE CASCADE,
    CONSTRAINT uq_global_artifact_reads UNIQUE (version_id, flow_scope, node_id),
    CONSTRAINT ck_global_artifact_reads_count CHECK (read_count >= 1)
);
CREATE INDEX ix_global_artifact_reads_scope ON global_artifact_reads (flow_scope, node_id);
