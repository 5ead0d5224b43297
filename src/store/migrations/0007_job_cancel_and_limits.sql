-- Cancelling a run held by another worker (it sees the mark at its next
-- poll), counting a workspace's running jobs for its run limit, and finding
-- expired leases and each pipeline's first waiting job without scanning
-- the waiting jobs.
ALTER TABLE jobs ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
CREATE INDEX jobs_by_workspace_owner ON jobs (workspace_id, owner);
CREATE INDEX jobs_by_lease ON jobs (lease_expires_at) WHERE owner IS NOT NULL;
CREATE INDEX jobs_waiting_by_pipeline ON jobs (workspace_id, pipeline_id, priority DESC, seq)
  WHERE owner IS NULL;
