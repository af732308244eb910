-- Custom node types: every saved version of each, its document (YAML, as the app writes it) and
-- whether it is published (in the palette). Versions are immutable; the unique key numbers them.
CREATE TABLE node_type_versions (
    id              UUID          NOT NULL,
    name            VARCHAR(63)   NOT NULL,
    version         INTEGER       NOT NULL,
    content_sha256  VARCHAR(64)   NOT NULL,
    document        TEXT          NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(64),
    published_at    TIMESTAMP WITH TIME ZONE,
    published_by    VARCHAR(64),
    CONSTRAINT pk_node_type_versions PRIMARY KEY (id),
    CONSTRAINT uq_node_type_versions_name_version UNIQUE (name, version)
);
