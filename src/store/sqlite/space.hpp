#pragma once
// The database file's size. SQLite never gives space back on its own: pages
// freed by a DELETE go on a free list that later inserts reuse. With
// auto_vacuum = INCREMENTAL, `PRAGMA incremental_vacuum(N)` moves pages from
// the end of the file into free ones and cuts the file; the WAL file is cut
// by a TRUNCATE checkpoint (or journal_size_limit after a restart of the log).

#include <cstdint>

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/write_connection.hpp"

namespace weft::store::sqlite {

/// What the main file holds, in pages.
struct PageCounts {
  std::int64_t pages = 0;       ///< the file's length
  std::int64_t free_pages = 0;  ///< on the free list, reused before the file grows
  std::int64_t page_size = 0;   ///< bytes

  std::int64_t live_bytes() const { return (pages - free_pages) * page_size; }
};

Result<PageCounts> page_counts(Connection& db);

/// The first pragma on a write connection: a database created by it gets
/// auto_vacuum = INCREMENTAL (only possible before its first table, and
/// before it enters WAL mode).
inline constexpr std::string_view kIncrementalVacuumPragma = "PRAGMA auto_vacuum = INCREMENTAL;";

/// An older database (auto_vacuum = NONE) is switched with one VACUUM, which
/// rewrites the whole file: done at open only when its live data is below
/// `limit_bytes`, so a start never stalls on a large rewrite. Returns whether
/// the database now frees pages incrementally.
Result<bool> convert_to_incremental(Connection& db, std::int64_t limit_bytes);

/// Gives the file system back the free pages beyond `keep_free` (those the
/// next writes will need stay), `step` pages per turn on the write connection
/// so commits go on in between. Returns how many pages were released.
Result<std::int64_t> release_free_pages(WriteConnection& writer, std::int64_t keep_free,
                                        std::int64_t step);

enum class CheckpointMode {
  passive,   ///< copies what no reader needs; never waits
  truncate,  ///< copies everything and empties the -wal file, waiting a little for readers
};

struct CheckpointResult {
  bool complete = false;         ///< every frame was copied (and, for truncate, the file cut)
  std::int64_t wal_frames = -1;  ///< frames in the log after the checkpoint (-1: not in WAL mode)
};

/// Copies the WAL into the main file. A truncate waits at most `wait_ms` for
/// readers (the write lock is held meanwhile), then gives up without error.
Result<CheckpointResult> checkpoint(WriteConnection& writer, CheckpointMode mode, int wait_ms);

}  // namespace weft::store::sqlite
