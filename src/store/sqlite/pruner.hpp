#pragma once
// Keeps the database on a plateau under load: a thread of the store's own
// deletes executions beyond the retention policy as often as they come in
// (after every `runs_per_round` new executions, or every `interval` when any
// came in, and hourly when idle), then gives the file system back the pages
// the next writes will not need and checkpoints the WAL.
//
// Each delete batch takes the write connection on its own, so group commits
// go on between batches: pruning slows the writer a little, never stalls it.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "common/result.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/write_connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

/// Prunes by `policy`, then releases the free pages beyond what this round
/// freed (what the next writes will use) and checkpoints. `idle` (no runs
/// coming in) releases all free pages but min_free_pages and empties the WAL.
/// Safe on any thread; each step takes the write connection on its own.
/// Stops early, between batches, when `stop` is requested.
Result<PruneReport> prune_round(WriteConnection& writer, const RetentionPolicy& policy, Time now,
                                const PruneTuning& tuning, bool idle, std::stop_token stop = {});

class Pruner {
 public:
  using Report = SqliteOptions::PruneReporter;
  using BlobsUnused = SqliteOptions::BlobsUnused;

  /// Starts the thread; the first round runs at once. `report` (may be empty)
  /// is called on the pruner's thread with the rounds that deleted or
  /// released something, or with a failure; at most once per report_interval.
  /// Each round also drops the file records whose execution went;
  /// `blobs_unused` (may be empty) is told the blobs no record names any more.
  Pruner(WriteConnection& writer, RetentionPolicy policy, PruneTuning tuning, Report report,
         BlobsUnused blobs_unused = {});
  /// Stops after the batch in progress and joins (std::jthread).
  ~Pruner() = default;
  Pruner(const Pruner&) = delete;
  Pruner& operator=(const Pruner&) = delete;

  /// Counts new executions (any thread, cheap); wakes the thread when a round is due.
  void note_created(std::int64_t executions);

 private:
  using Clock = std::chrono::steady_clock;

  void run(std::stop_token stop);
  /// Waits until a round is due; false when stopping. `idle`: no new runs.
  bool wait_for_round(std::stop_token stop, bool& idle);
  /// Adds `round` to what is pending and reports it when it is time.
  void tell(Result<PruneReport> round);
  /// Drops the file records that outlived their execution; hands on the unused blobs.
  void prune_file_records();

  WriteConnection& writer_;
  const RetentionPolicy policy_;
  const PruneTuning tuning_;
  const Report report_;
  const BlobsUnused blobs_unused_;

  std::atomic<std::int64_t> created_{0};  ///< new executions since the last round began
  std::mutex mutex_;                      // only for wake_: note_created() notifies under it
  std::condition_variable_any wake_;

  // Only the pruner's thread touches these.
  Clock::time_point last_round_{};
  bool settled_ = false;  ///< the last round was idle: nothing to settle until new runs
  std::optional<PruneReport> unreported_;
  std::optional<Clock::time_point> last_report_;

  std::jthread thread_;  // last: starts once everything above is built; stops and joins first
};

}  // namespace weft::store::sqlite
