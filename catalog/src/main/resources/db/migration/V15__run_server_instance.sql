-- The server (its scheduler instance in the cluster) that runs a run started by `flowfile serve`:
-- when that server dies, another one (or the same one started again) ends the run as failed instead
-- of leaving it running for ever. Null for runs of the command line and of servers without a scheduler.
ALTER TABLE runs ADD COLUMN server_instance VARCHAR(200);
CREATE INDEX ix_runs_open_instance ON runs (state, server_instance);
