#pragma once
// Where jobs wait for a worker (DESIGN §13). The embedded queue keeps them in
// the database next to the executions (embedded_job_queue.hpp); a queue on
// another system (Redis Streams) implements the same calls, so the run
// service and the API do not change with it.
//
// The rules every queue keeps:
// - A job is durable before anyone is told it was accepted.
// - A worker holds a job by a lease it renews (heartbeat); a job whose lease
//   expired is leased again (the retry after a dead worker), each lease with
//   a new generation. A result is recorded only with the generation that
//   holds the lease (fencing), so a worker that lost its job cannot commit.
// - Waiting jobs start highest priority first, first in first out within one,
//   never more at once than the pipeline's and the workspace's run limits.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "runs/job.hpp"
#include "store/store.hpp"

namespace weft::runs {

/// Who holds a job from its start: a run started at once on this process.
struct Holder {
  std::string owner;
  store::Time lease_expires_at;
};

/// A run to cancel on the worker that holds it.
using CancelRequest = store::JobToCancel;

class JobQueue {
 public:
  virtual ~JobQueue() = default;

  /// The writes that put `job` in the queue, to commit in one batch with its
  /// execution row (`holder`: already leased to that worker, generation 1).
  virtual std::vector<store::Write> enqueue(const Job& job, std::optional<Holder> holder) = 0;
  /// The write acknowledging a finished job, last in the batch that records
  /// its result: the batch fails when `generation` no longer holds the job.
  virtual store::Write ack(std::string_view execution_id, std::string_view owner,
                           std::int64_t generation) = 0;

  /// Leases up to `max` waiting jobs (or jobs whose lease expired) to `owner`.
  virtual Result<std::vector<store::LeasedJob>> lease(std::string_view owner, std::size_t max,
                                                      store::Time now, store::Time expires) = 0;
  /// The heartbeat: extends every lease `owner` holds; returns how many it holds.
  virtual Result<std::int64_t> renew(std::string_view owner, store::Time expires) = 0;

  /// Takes a job nobody holds yet out of the queue; false when it is held or gone.
  virtual Result<bool> remove_waiting(std::string_view workspace,
                                      std::string_view execution_id) = 0;
  /// Asks whichever worker holds the job to cancel its run; false when no
  /// worker holds it.
  virtual Result<bool> request_cancel(std::string_view workspace,
                                      std::string_view execution_id) = 0;
  /// The runs `owner` holds that someone asked to cancel.
  virtual Result<std::vector<CancelRequest>> cancel_requests(std::string_view owner) = 0;

  /// 1-based place of a waiting job in its workspace's queue; nullopt when not waiting.
  virtual Result<std::optional<std::int64_t>> position(std::string_view workspace,
                                                       std::string_view execution_id) = 0;
  /// Jobs waiting and running per pipeline of `workspace` (the queue's depth).
  virtual Result<std::vector<store::QueueCount>> depth(std::string_view workspace) = 0;
};

}  // namespace weft::runs
