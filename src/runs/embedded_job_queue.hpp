#pragma once
// The embedded queue: jobs are rows of the store's `jobs` table, written in
// the same transaction as their execution, so an accepted run is never lost
// and never queued without its row.

#include "runs/job_queue.hpp"

namespace weft::runs {

class EmbeddedJobQueue final : public JobQueue {
 public:
  explicit EmbeddedJobQueue(store::Store& store) : store_(store) {}

  std::vector<store::Write> enqueue(const Job& job, std::optional<Holder> holder) override;
  store::Write ack(std::string_view execution_id, std::string_view owner,
                   std::int64_t generation) override;
  Result<std::vector<store::LeasedJob>> lease(std::string_view owner, std::size_t max,
                                              store::Time now, store::Time expires) override;
  Result<std::int64_t> renew(std::string_view owner, store::Time expires) override;
  Result<bool> remove_waiting(std::string_view workspace, std::string_view execution_id) override;
  Result<bool> request_cancel(std::string_view workspace, std::string_view execution_id) override;
  Result<std::vector<CancelRequest>> cancel_requests(std::string_view owner) override;
  Result<std::optional<std::int64_t>> position(std::string_view workspace,
                                               std::string_view execution_id) override;
  Result<std::vector<store::QueueCount>> depth(std::string_view workspace) override;

 private:
  store::Store& store_;
};

}  // namespace weft::runs
