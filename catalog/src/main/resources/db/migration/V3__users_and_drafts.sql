-- The server's users, their API tokens and browser sessions, and the drafts they design. Plain SQL
-- that runs unchanged on H2 2.x and PostgreSQL 13+. Secrets are never stored: tokens and sessions
-- keep the SHA-256 of theirs, users a bcrypt hash of their password.

CREATE TABLE users (
    id             UUID          NOT NULL,
    username       VARCHAR(64)   NOT NULL,
    password_hash  VARCHAR(128)  NOT NULL,
    role           VARCHAR(8)    NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_users PRIMARY KEY (id),
    CONSTRAINT uq_users_username UNIQUE (username),
    CONSTRAINT ck_users_role CHECK (role IN ('ADMIN', 'USER'))
);

CREATE TABLE api_tokens (
    id             UUID          NOT NULL,
    user_id        UUID          NOT NULL,
    name           VARCHAR(128)  NOT NULL,
    secret_sha256  VARCHAR(64)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE,
    last_used_at   TIMESTAMP WITH TIME ZONE,
    revoked        BOOLEAN       NOT NULL,
    CONSTRAINT pk_api_tokens PRIMARY KEY (id),
    CONSTRAINT fk_api_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT uq_api_tokens_secret UNIQUE (secret_sha256),
    CONSTRAINT ck_api_tokens_sha256 CHECK (CHAR_LENGTH(secret_sha256) = 64)
);
CREATE INDEX ix_api_tokens_user ON api_tokens (user_id);

CREATE TABLE user_sessions (
    secret_sha256  VARCHAR(64)   NOT NULL,
    user_id        UUID          NOT NULL,
    csrf_token     VARCHAR(64)   NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_user_sessions PRIMARY KEY (secret_sha256),
    CONSTRAINT fk_user_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT ck_user_sessions_sha256 CHECK (CHAR_LENGTH(secret_sha256) = 64)
);
CREATE INDEX ix_user_sessions_user ON user_sessions (user_id);
CREATE INDEX ix_user_sessions_expires ON user_sessions (expires_at);

-- Drafts: the owner is named, not referenced (like a kernel's owner), so a draft outlives its user.
-- Its history is a run of states first_seq..last_seq (at most 200); position is the current one.
-- Every save, undo and redo makes the next revision, under a lock on the draft's row.
-- Documents and the last run are JSON text of any length (VARCHAR without a length on both databases;
-- DraftService bounds them).

CREATE TABLE drafts (
    id          UUID          NOT NULL,
    owner       VARCHAR(64)   NOT NULL,
    revision    BIGINT        NOT NULL,
    first_seq   INTEGER       NOT NULL,
    position    INTEGER       NOT NULL,
    last_seq    INTEGER       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_run    VARCHAR,
    CONSTRAINT pk_drafts PRIMARY KEY (id),
    CONSTRAINT ck_drafts_revision CHECK (revision >= 1),
    CONSTRAINT ck_drafts_position CHECK (first_seq >= 1 AND first_seq <= position AND position <= last_seq)
);
CREATE INDEX ix_drafts_owner ON drafts (owner);

CREATE TABLE draft_states (
    draft_id  UUID          NOT NULL,
    seq       INTEGER       NOT NULL,
    name      VARCHAR(128)  NOT NULL,
    document  VARCHAR       NOT NULL,
    CONSTRAINT pk_draft_states PRIMARY KEY (draft_id, seq),
    CONSTRAINT fk_draft_states_draft FOREIGN KEY (draft_id) REFERENCES drafts (id) ON DELETE CASCADE,
    CONSTRAINT ck_draft_states_seq CHECK (seq >= 1)
);
