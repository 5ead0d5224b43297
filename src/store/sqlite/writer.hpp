#pragma once
// The group-commit writer: run-record writes from any number of threads are
// queued, and one thread applies everything queued (up to batch_limit writes)
// in ONE transaction, commits, then calls each batch's `done`. Many runs thus
// share one commit (and, with synchronous=FULL, one fsync).
//
// Each batch runs in a savepoint of its own, so a batch that fails (say, a
// duplicate execution id) gets its error alone; when the commit itself fails,
// every batch of that transaction gets the error. The writer then goes on.
//
// Backpressure: at most queue_limit writes wait at once; submit() blocks the
// producer until the writer has taken enough of them. A batch larger than the
// limit is admitted into an empty queue, and a `done` that writes again (on
// the writer thread) is never blocked, so neither can deadlock.

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/result.hpp"
#include "store/sqlite/write_connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

struct WriterLimits {
  std::size_t queue_limit = 100'000;  ///< writes waiting before submit() blocks
  std::size_t batch_limit = 1'000;    ///< writes per transaction (whole batches; at least one)
};

class GroupCommitWriter {
 public:
  using Done = std::function<void(Status)>;

  /// Starts the writer thread.
  GroupCommitWriter(WriteConnection& db, WriterLimits limits);
  /// Commits everything queued, then joins the writer thread.
  ~GroupCommitWriter();
  GroupCommitWriter(const GroupCommitWriter&) = delete;
  GroupCommitWriter& operator=(const GroupCommitWriter&) = delete;

  /// Queues `writes`; `done` (may be empty) runs on the writer thread afterwards.
  void submit(std::vector<Write> writes, Done done);
  /// Returns once every batch submitted before the call has committed (or
  /// failed) and its `done` has run. Not to be called from a `done`.
  void flush();

 private:
  struct Batch {
    std::vector<Write> writes;
    Done done;
  };

  void run();
  /// Waits for work; returns no batches only when stopping with an empty queue.
  std::vector<Batch> take();
  /// One transaction for all of `batches`; one Status per batch.
  std::vector<Status> commit(const std::vector<Batch>& batches);

  WriteConnection& db_;
  const WriterLimits limits_;

  std::mutex mutex_;                  // guards everything below up to thread_
  std::condition_variable work_;      // to the writer: queue_ not empty, or stopping_
  std::condition_variable room_;      // to producers: queued_writes_ went down
  std::condition_variable finished_;  // to flush(): finished_batches_ went up
  std::deque<Batch> queue_;
  std::size_t queued_writes_ = 0;
  std::uint64_t submitted_batches_ = 0;
  std::uint64_t finished_batches_ = 0;  ///< batches whose `done` has run, in queue order
  bool stopping_ = false;

  std::thread thread_;  // last: starts once everything above is built
};

}  // namespace weft::store::sqlite
