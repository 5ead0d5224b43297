#include "store/sqlite/pruner.hpp"

#include <algorithm>
#include <exception>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/files.hpp"
#include "store/sqlite/housekeeping.hpp"
#include "store/sqlite/space.hpp"

namespace weft::store::sqlite {

namespace {

/// Bytes of one WAL frame: a page and its 24-byte header.
constexpr std::int64_t kWalFrameHeader = 24;

Result<PageCounts> counts(WriteConnection& writer) {
  return writer.with([](Connection& db) { return page_counts(db); });
}

/// Empties the WAL when idle or when it grew past the limit; the size left.
Result<std::int64_t> settle_wal(WriteConnection& writer, const PruneTuning& tuning, bool idle) {
  auto passive = checkpoint(writer, CheckpointMode::passive, 0);
  if (!passive) {
    return std::move(passive).error();
  }
  std::int64_t frames = passive->wal_frames;
  if (idle || frames > tuning.wal_frames_limit) {
    auto truncated = checkpoint(writer, CheckpointMode::truncate, tuning.truncate_wait_ms);
    if (!truncated) {
      return std::move(truncated).error();
    }
    frames = truncated->wal_frames;
  }
  return std::max<std::int64_t>(frames, 0);
}

}  // namespace

Result<PruneReport> prune_round(WriteConnection& writer, const RetentionPolicy& policy, Time now,
                                const PruneTuning& tuning, bool idle, std::stop_token stop) {
  auto before = counts(writer);
  if (!before) {
    return std::move(before).error();
  }
  auto deleted = prune(writer, policy, now, stop);
  if (!deleted) {
    return std::move(deleted).error();
  }
  auto after = counts(writer);
  if (!after) {
    return std::move(after).error();
  }
  // Under load, what this round freed is about what the writes until the
  // next round will take again: keep that much, give back the rest (commits
  // in between take some, so this errs on the side of releasing). Idle,
  // nothing is coming: give back all but the floor.
  const std::int64_t freed = std::max<std::int64_t>(after->free_pages - before->free_pages, 0);
  const std::int64_t keep_free =
      idle ? tuning.min_free_pages : std::max(freed, tuning.min_free_pages);
  PruneReport round;
  round.deleted = *deleted;
  if (!stop.stop_requested()) {
    auto released = release_free_pages(writer, keep_free, tuning.release_step);
    if (!released) {
      return std::move(released).error();
    }
    round.pages_released = *released;
  }
  auto wal_frames = settle_wal(writer, tuning, idle);
  if (!wal_frames) {
    return std::move(wal_frames).error();
  }
  auto last = counts(writer);
  if (!last) {
    return std::move(last).error();
  }
  round.file_bytes = last->pages * last->page_size;
  round.free_bytes = last->free_pages * last->page_size;
  round.wal_bytes = *wal_frames * (last->page_size + kWalFrameHeader);
  return round;
}

Pruner::Pruner(WriteConnection& writer, RetentionPolicy policy, PruneTuning tuning, Report report,
               BlobsUnused blobs_unused)
    : writer_(writer),
      policy_(policy),
      tuning_(tuning),
      report_(std::move(report)),
      blobs_unused_(std::move(blobs_unused)),
      thread_([this](std::stop_token stop) { run(std::move(stop)); }) {}

void Pruner::note_created(std::int64_t executions) {
  const std::int64_t before = created_.fetch_add(executions, std::memory_order_relaxed);
  if (before < tuning_.runs_per_round && before + executions >= tuning_.runs_per_round) {
    // Under the mutex, so the notification cannot fall between the
    // thread's look at created_ and its wait.
    std::lock_guard lock(mutex_);
    wake_.notify_one();
  }
}

void Pruner::run(std::stop_token stop) {
  bool idle = true;  // the first round also settles what the last process left
  do {
    created_.store(0, std::memory_order_relaxed);
    last_round_ = Clock::now();
    settled_ = idle;
    try {
      tell(prune_round(writer_, policy_, now_ms(), tuning_, idle, stop));
      prune_file_records();
    } catch (const std::exception& e) {
      // A damaged row or no memory: this round is lost, the next one may do.
      tell(Error::make(ErrorCode::internal, std::string("pruning old runs failed: ") + e.what()));
    }
  } while (wait_for_round(stop, idle));
}

bool Pruner::wait_for_round(std::stop_token stop, bool& idle) {
  std::unique_lock lock(mutex_);
  for (;;) {
    const bool due = wake_.wait_for(lock, stop, tuning_.interval, [&] {
      return created_.load(std::memory_order_relaxed) >= tuning_.runs_per_round;
    });
    if (stop.stop_requested()) {
      return false;
    }
    if (due || created_.load(std::memory_order_relaxed) > 0) {
      idle = false;
      return true;
    }
    // No new runs: one round settles what the last busy one left (free
    // pages, the WAL), then the age limit alone needs one now and then.
    if (!settled_ || Clock::now() - last_round_ >= tuning_.idle_interval) {
      idle = true;
      return true;
    }
  }
}

void Pruner::prune_file_records() {
  auto unused = prune_files(writer_, now_ms());
  if (!unused) {
    tell(std::move(unused).error());
    return;
  }
  if (!unused->empty() && blobs_unused_) {
    blobs_unused_(*unused);
  }
}

void Pruner::tell(Result<PruneReport> round) {
  if (round) {
    if (unreported_) {
      round->rounds += unreported_->rounds;
      round->deleted += unreported_->deleted;
      round->pages_released += unreported_->pages_released;
    } else if (round->deleted == 0 && round->pages_released == 0) {
      return;  // nothing happened worth a line
    }
    unreported_ = *round;
  }
  // Rounds come every few seconds under load, and a failure may repeat
  // every round: one report per interval, with the sums since the last.
  const auto now = Clock::now();
  if (last_report_ && now - *last_report_ < tuning_.report_interval) {
    return;
  }
  last_report_ = now;
  if (round) {
    unreported_.reset();
  }
  if (!report_) {
    return;
  }
  try {
    report_(round);
  } catch (...) {
    // The report is a courtesy (a log line); pruning goes on without it.
  }
}

}  // namespace weft::store::sqlite
