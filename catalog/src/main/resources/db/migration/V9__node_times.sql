-- When each node of a run started and ended, so a run's timeline can be drawn from the catalog
-- after its live events are gone. Null when not known (runs recorded before this migration; a node
-- fused into another node's statement has no start of its own).
ALTER TABLE run_nodes ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE run_nodes ADD COLUMN finished_at TIMESTAMP WITH TIME ZONE;
