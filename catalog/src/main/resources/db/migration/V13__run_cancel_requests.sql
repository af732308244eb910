-- A request to cancel a run, made by a server that does not hold it (a schedule's overlap policy
-- cancel_running on another server of the cluster): the server running it sees the reason and cancels.
ALTER TABLE runs ADD COLUMN cancel_requested VARCHAR(500);
