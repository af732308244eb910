-- What nodes displayed during a run (Jupyter display_data), one row per MIME type of each display.
-- A representation under 8 KB is kept inline, a larger one as a content-addressed blob by SHA-256.

CREATE TABLE run_outputs (
    id            UUID           NOT NULL,
    run_id        UUID           NOT NULL,
    seq           INTEGER        NOT NULL,
    part          INTEGER        NOT NULL,
    node_id       VARCHAR(128)   NOT NULL,
    title         VARCHAR(256),
    mime_type     VARCHAR(128)   NOT NULL,
    size_bytes    BIGINT         NOT NULL,
    inline_data   VARCHAR(8192),
    blob_sha256   VARCHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_run_outputs PRIMARY KEY (id),
    CONSTRAINT fk_run_outputs_run FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
    CONSTRAINT uq_run_outputs_seq_part UNIQUE (run_id, seq, part),
    CONSTRAINT uq_run_outputs_seq_mime UNIQUE (run_id, seq, mime_type),
    CONSTRAINT ck_run_outputs_seq CHECK (seq >= 1 AND part >= 1),
    CONSTRAINT ck_run_outputs_size CHECK (size_bytes >= 0),
    CONSTRAINT ck_run_outputs_sha256 CHECK (blob_sha256 IS NULL OR CHAR_LENGTH(blob_sha256) = 64),
    CONSTRAINT ck_run_outputs_where CHECK ((inline_data IS NULL AND blob_sha256 IS NOT NULL)
                                           OR (inline_data IS NOT NULL AND blob_sha256 IS NULL))
);
CREATE INDEX ix_run_outputs_blob ON run_outputs (blob_sha256);
