-- Users' secrets (passwords, API keys) that nodes refer to by name: kept encrypted (AES-256-GCM with
-- the server's secrets key; the user and name are bound into each value), never shown again once set.
CREATE TABLE user_secrets (
    id          UUID                     NOT NULL,
    user_id     UUID                     NOT NULL,
    name        VARCHAR(128)             NOT NULL,
    ciphertext  VARCHAR(90000)           NOT NULL,
    key_id      VARCHAR(16)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_user_secrets PRIMARY KEY (id),
    CONSTRAINT fk_user_secrets_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT uq_user_secrets_name UNIQUE (user_id, name)
);
