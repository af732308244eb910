-- A read of a global artifact is kept per kernel too: kernels belong to users, and two users whose
-- drafts have the same name (and so the same flow scope) must not share, or see, each other's counts.
ALTER TABLE global_artifact_reads DROP CONSTRAINT uq_global_artifact_reads;
ALTER TABLE global_artifact_reads ADD CONSTRAINT uq_global_artifact_reads UNIQUE (version_id, flow_scope, node_id, kernel_id);
