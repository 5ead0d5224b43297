#pragma once
// The embedded Store: one SQLite file, `<data_dir>/weft.db`, in WAL mode.
//
// Durability: with the default Durability::process_crash (synchronous=NORMAL
// in WAL mode) a committed transaction survives the weft process crashing or
// being killed, because it is in the WAL file the OS holds; a power cut or OS
// crash can lose the last commits (never corrupting the file). power_loss
// (synchronous=FULL) syncs the WAL on every group commit as well.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "store/store.hpp"

namespace weft::store {

enum class Durability {
  process_crash,  ///< synchronous=NORMAL: commits survive a crash of the process
  power_loss,     ///< synchronous=FULL: commits survive a crash of the machine too
};

/// What pruning did since it last told (SqliteOptions::on_pruned).
struct PruneReport {
  std::int64_t rounds = 1;
  std::int64_t deleted = 0;         ///< executions, with their node runs
  std::int64_t pages_released = 0;  ///< given back to the file system
  std::int64_t file_bytes = 0;      ///< weft.db's length after the last round
  std::int64_t free_bytes = 0;      ///< of which free pages kept for the next writes
  std::int64_t wal_bytes = 0;       ///< what weft.db-wal holds after the last round
};

/// When pruning rounds run and how much space they give back; the defaults
/// are what `weft serve` uses (tests make them small).
struct PruneTuning {
  /// A round is due after this many new executions…
  std::int64_t runs_per_round = 1'000;
  /// …or at the next tick of this interval when any came in.
  std::chrono::milliseconds interval{5'000};
  /// A round runs this often without new executions (the age limit moves on).
  std::chrono::milliseconds idle_interval{std::chrono::hours(1)};
  /// Free pages always kept, so light traffic does not grow and cut the file in turn.
  std::int64_t min_free_pages = 1'024;
  /// Free pages released per turn on the write connection (4 MB with 4 KB pages).
  std::int64_t release_step = 1'024;
  /// The WAL is emptied after a round when it holds more frames than this, and when idle.
  std::int64_t wal_frames_limit = 4'096;
  /// How long emptying the WAL waits for readers while holding the write lock.
  int truncate_wait_ms = 20;
  /// Rounds are told at most this often (summed); the first one at once.
  std::chrono::milliseconds report_interval{std::chrono::minutes(1)};
};

struct SqliteOptions {
  using PruneReporter = std::function<void(const Result<PruneReport>&)>;
  using BlobsUnused = std::function<void(const std::vector<std::string>&)>;

  Durability durability = Durability::process_crash;
  /// Run-record writes that may wait for the writer; write() blocks beyond it.
  std::size_t queue_limit = 100'000;
  /// Writes committed together in one transaction, at most.
  std::size_t batch_limit = 1'000;
  /// Read connections open at once; readers wait for one beyond it.
  int max_readers = 16;
  /// How long a statement waits for a lock another process holds.
  int busy_timeout_ms = 5'000;
  /// When set, a thread of the store's own deletes the executions beyond it
  /// as fast as new ones come in, and gives freed space back, so the file
  /// stays on a plateau under sustained load. Unset: only prune() deletes.
  std::optional<RetentionPolicy> retention;
  PruneTuning prune_tuning;
  /// Told on the pruning thread what it did (or why it failed), at most
  /// once per prune_tuning.report_interval.
  PruneReporter on_pruned;
  /// Told on the pruning thread, after it deleted the file records that went
  /// with their executions, the blobs (sha256) no record names any more: the
  /// file store removes them (src/files/).
  BlobsUnused on_blobs_unused;
};

/// Creates `data_dir` if needed, opens `<data_dir>/weft.db`, applies pending
/// migrations and starts the writer thread (and the pruning thread when
/// options.retention is set). A new file frees space incrementally
/// (auto_vacuum = INCREMENTAL); an older one small enough is switched by one
/// VACUUM here, a larger one keeps reusing its free pages without shrinking.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& data_dir,
                                                 SqliteOptions options = {});

/// Applies pending migrations to `<data_dir>/weft.db` (for `weft migrate`);
/// returns how many were applied.
Result<int> migrate_sqlite(const std::string& data_dir);

}  // namespace weft::store
