-- Who did what: the user who registered a flow version and the user who started a run (a username,
-- not a reference, like a draft's owner: the history outlives the user). Null where nobody is known
-- (rows from before this version, the command line). Plain SQL for H2 2.x and PostgreSQL 13+.

ALTER TABLE flow_versions ADD COLUMN created_by VARCHAR(64);
ALTER TABLE runs ADD COLUMN started_by VARCHAR(64);

-- a user's runs of a flow, newest first
CREATE INDEX ix_runs_flow_started_by ON runs (flow_id, started_by, queued_at);
