-- The scheduler instance (Quartz instance id of `flowfile serve`) whose run a running or retrying tick
-- waits for: when that server dies, a live one finds the tick by it and resolves it (the run is gone).
ALTER TABLE schedule_ticks ADD COLUMN instance_id VARCHAR(200);
CREATE INDEX ix_schedule_ticks_active ON schedule_ticks (outcome, instance_id);
