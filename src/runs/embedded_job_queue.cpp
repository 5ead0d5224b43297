#include "runs/embedded_job_queue.hpp"

#include <utility>

namespace weft::runs {

std::vector<store::Write> EmbeddedJobQueue::enqueue(const Job& job, std::optional<Holder> holder) {
  store::EnqueueJob row{job.workspace,       job.execution_id, job.pipeline_id, job.priority,
                        job.run_concurrency, to_json(job),     std::nullopt,    {}};
  if (holder) {
    row.owner = std::move(holder->owner);
    row.lease_expires_at = holder->lease_expires_at;
  }
  std::vector<store::Write> writes;
  writes.emplace_back(std::move(row));
  return writes;
}

store::Write EmbeddedJobQueue::ack(std::string_view execution_id, std::string_view owner,
                                   std::int64_t generation) {
  return store::AckJob{std::string(execution_id), std::string(owner), generation};
}

Result<std::vector<store::LeasedJob>> EmbeddedJobQueue::lease(std::string_view owner,
                                                              std::size_t max, store::Time now,
                                                              store::Time expires) {
  return store_.lease_jobs(owner, max, now, expires);
}

Result<std::int64_t> EmbeddedJobQueue::renew(std::string_view owner, store::Time expires) {
  return store_.renew_leases(owner, expires);
}

Result<bool> EmbeddedJobQueue::remove_waiting(std::string_view workspace,
                                              std::string_view execution_id) {
  return store_.remove_waiting_job(workspace, execution_id);
}

Result<bool> EmbeddedJobQueue::request_cancel(std::string_view workspace,
                                              std::string_view execution_id) {
  return store_.request_job_cancel(workspace, execution_id);
}

Result<std::vector<CancelRequest>> EmbeddedJobQueue::cancel_requests(std::string_view owner) {
  return store_.jobs_to_cancel(owner);
}

Result<std::optional<std::int64_t>> EmbeddedJobQueue::position(std::string_view workspace,
                                                               std::string_view execution_id) {
  return store_.queue_position(workspace, execution_id);
}

Result<std::vector<store::QueueCount>> EmbeddedJobQueue::depth(std::string_view workspace) {
  return store_.queue_counts(workspace);
}

}  // namespace weft::runs
