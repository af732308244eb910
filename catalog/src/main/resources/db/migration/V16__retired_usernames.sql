-- Names of deleted users. Drafts, flows, kernels, runs and schedules name their owner by username and
-- stay when the user is deleted, so a name is never given to a new user again: that user would
-- inherit the old one's things.
CREATE TABLE retired_usernames (
    username    VARCHAR(64)              NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_retired_usernames PRIMARY KEY (username)
);
