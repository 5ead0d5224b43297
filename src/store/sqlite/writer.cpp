#include "store/sqlite/writer.hpp"

#include <algorithm>
#include <cassert>
#include <exception>

#include "store/sqlite/run_writes.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {

namespace {

WriterLimits sane(WriterLimits limits) {
  limits.queue_limit = std::max<std::size_t>(limits.queue_limit, 1);
  limits.batch_limit = std::max<std::size_t>(limits.batch_limit, 1);
  return limits;
}

/// One caller's writes, all or none: a savepoint inside the group transaction.
Status apply_batch(Connection& db, const std::vector<Write>& writes) {
  auto savepoint = Savepoint::begin(db);
  if (!savepoint) {
    return std::move(savepoint).error();
  }
  for (const Write& write : writes) {
    if (auto applied = apply_write(db, write); !applied) {
      return applied;  // the savepoint's destructor undoes this batch only
    }
  }
  return savepoint->release();
}

/// Gives `error` to every batch that has not failed on its own.
void fail_remaining(std::vector<Status>& results, const Error& error) {
  for (Status& result : results) {
    if (result) {
      result = error;
    }
  }
}

void call_done(const GroupCommitWriter::Done& done, Status status) {
  if (!done) {
    return;
  }
  try {
    done(std::move(status));
  } catch (...) {
    // A caller's callback must not stop the writer every run depends on;
    // its exception has no one else to go to.
  }
}

}  // namespace

GroupCommitWriter::GroupCommitWriter(WriteConnection& db, WriterLimits limits)
    : db_(db), limits_(sane(limits)), thread_([this] { run(); }) {}

GroupCommitWriter::~GroupCommitWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  room_.notify_all();
  thread_.join();
}

void GroupCommitWriter::submit(std::vector<Write> writes, Done done) {
  const std::size_t count = writes.size();
  // A `done` that writes again runs on the writer thread: waiting for room
  // there would wait for ourselves, so those are admitted at once.
  const bool on_writer = std::this_thread::get_id() == thread_.get_id();
  {
    std::unique_lock lock(mutex_);
    if (!on_writer) {
      room_.wait(lock, [&] {
        return stopping_ || queued_writes_ == 0 || queued_writes_ + count <= limits_.queue_limit;
      });
    }
    // Past stopping_ the writer may already have drained and left.
    if (!stopping_ || on_writer) {
      queue_.push_back(Batch{std::move(writes), std::move(done)});
      queued_writes_ += count;
      ++submitted_batches_;
      lock.unlock();
      work_.notify_one();
      return;
    }
  }
  call_done(done,
            Error::make(ErrorCode::unavailable, "the store is closing; the run was not saved"));
}

void GroupCommitWriter::flush() {
  assert(std::this_thread::get_id() != thread_.get_id() && "flush() from a done callback");
  std::unique_lock lock(mutex_);
  const std::uint64_t target = submitted_batches_;
  finished_.wait(lock, [&] { return finished_batches_ >= target; });
}

void GroupCommitWriter::run() {
  for (;;) {
    std::vector<Batch> batches = take();
    if (batches.empty()) {
      return;
    }
    std::vector<Status> results = commit(batches);
    for (std::size_t i = 0; i < batches.size(); ++i) {
      call_done(batches[i].done, std::move(results[i]));
    }
    {
      std::lock_guard lock(mutex_);
      finished_batches_ += batches.size();
    }
    finished_.notify_all();
  }
}

std::vector<GroupCommitWriter::Batch> GroupCommitWriter::take() {
  std::vector<Batch> batches;
  std::unique_lock lock(mutex_);
  work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
  std::size_t taken = 0;
  while (!queue_.empty() &&
         (batches.empty() || taken + queue_.front().writes.size() <= limits_.batch_limit)) {
    taken += queue_.front().writes.size();
    batches.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  queued_writes_ -= taken;
  lock.unlock();
  room_.notify_all();
  return batches;
}

std::vector<Status> GroupCommitWriter::commit(const std::vector<Batch>& batches) {
  std::vector<Status> results(batches.size(), Status(Ok{}));
  try {
    db_.with([&](Connection& db) {
      auto tx = Transaction::begin(db);
      if (!tx) {
        fail_remaining(results, tx.error());
        return;
      }
      for (std::size_t i = 0; i < batches.size(); ++i) {
        results[i] = apply_batch(db, batches[i].writes);
        if (!results[i] && !db.in_transaction()) {
          // SQLite rolled the whole transaction back (disk full, I/O error).
          const Error error = results[i].error();
          fail_remaining(results, error);
          return;
        }
      }
      if (auto committed = tx->commit(); !committed) {
        fail_remaining(results, committed.error());
      }
    });
  } catch (const std::exception& e) {
    // The transaction's destructor rolled back; nothing of these batches is stored.
    std::vector<Status> failed(
        batches.size(), Status(Error::make(ErrorCode::internal,
                                           std::string("saving run records failed: ") + e.what())));
    return failed;
  }
  return results;
}

}  // namespace weft::store::sqlite
