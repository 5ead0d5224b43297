-- Cancelling a run held by another worker (it sees the mark at its next
-- poll), and counting a workspace's running jobs for its run limit.
ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_by_workspace_owner ON jobs (workspace_id, owner);
