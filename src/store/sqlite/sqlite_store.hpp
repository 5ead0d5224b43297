#pragma once
// The embedded Store: one SQLite file, `<data_dir>/weft.db`, in WAL mode.
//
// Durability: with the default Durability::process_crash (synchronous=NORMAL
// in WAL mode) a committed transaction survives the weft process crashing or
// being killed, because it is in the WAL file the OS holds; a power cut or OS
// crash can lose the last commits (never corrupting the file). power_loss
// (synchronous=FULL) syncs the WAL on every group commit as well.

#include <cstddef>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "store/store.hpp"

namespace weft::store {

enum class Durability {
  process_crash,  ///< synchronous=NORMAL: commits survive a crash of the process
  power_loss,     ///< synchronous=FULL: commits survive a crash of the machine too
};

struct SqliteOptions {
  Durability durability = Durability::process_crash;
  /// Run-record writes that may wait for the writer; write() blocks beyond it.
  std::size_t queue_limit = 100'000;
  /// Writes committed together in one transaction, at most.
  std::size_t batch_limit = 1'000;
  /// Read connections open at once; readers wait for one beyond it.
  int max_readers = 16;
  /// How long a statement waits for a lock another process holds.
  int busy_timeout_ms = 5'000;
};

/// Creates `data_dir` if needed, opens `<data_dir>/weft.db`, applies pending
/// migrations and starts the writer thread.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& data_dir,
                                                 SqliteOptions options = {});

/// Applies pending migrations to `<data_dir>/weft.db` (for `weft migrate`);
/// returns how many were applied.
Result<int> migrate_sqlite(const std::string& data_dir);

}  // namespace weft::store
