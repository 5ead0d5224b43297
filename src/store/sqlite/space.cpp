#include "store/sqlite/space.hpp"

#include <algorithm>
#include <string>

namespace weft::store::sqlite {

namespace {

constexpr std::int64_t kAutoVacuumIncremental = 2;

Result<std::int64_t> pragma_value(Connection& db, std::string_view sql) {
  auto statement = db.prepare(sql);
  if (!statement) {
    return std::move(statement).error();
  }
  return single_row(
      *statement, [](Statement& row) { return row.int64(0); },
      Error::make(ErrorCode::internal, std::string(sql) + " returned nothing"));
}

}  // namespace

Result<PageCounts> page_counts(Connection& db) {
  PageCounts counts;
  for (auto [sql, out] : {std::pair{"PRAGMA page_count", &counts.pages},
                          std::pair{"PRAGMA freelist_count", &counts.free_pages},
                          std::pair{"PRAGMA page_size", &counts.page_size}}) {
    auto value = pragma_value(db, sql);
    if (!value) {
      return std::move(value).error();
    }
    *out = *value;
  }
  return counts;
}

Result<bool> convert_to_incremental(Connection& db, std::int64_t limit_bytes) {
  auto mode = pragma_value(db, "PRAGMA auto_vacuum");
  if (!mode) {
    return std::move(mode).error();
  }
  if (*mode == kAutoVacuumIncremental) {
    return true;
  }
  auto counts = page_counts(db);
  if (!counts) {
    return std::move(counts).error();
  }
  if (counts->live_bytes() > limit_bytes) {
    return false;
  }
  // The pragma only records the wish; VACUUM rewrites the file with it.
  if (auto converted = db.execute_script("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;"); !converted) {
    return std::move(converted).error();
  }
  return true;
}

Result<std::int64_t> release_free_pages(WriteConnection& writer, std::int64_t keep_free,
                                        std::int64_t step) {
  std::int64_t released = 0;
  for (;;) {
    auto turn = writer.with([&](Connection& db) -> Result<std::int64_t> {
      auto free_pages = pragma_value(db, "PRAGMA freelist_count");
      if (!free_pages) {
        return free_pages;
      }
      const std::int64_t excess = *free_pages - std::max<std::int64_t>(keep_free, 0);
      if (excess <= 0) {
        return std::int64_t{0};
      }
      const std::int64_t pages = std::min(excess, std::max<std::int64_t>(step, 1));
      // Each row steps one page; running it to the end frees all `pages`.
      // A database without auto_vacuum ignores it (nothing is released).
      auto vacuum = db.execute_script("PRAGMA incremental_vacuum(" + std::to_string(pages) + ")");
      if (!vacuum) {
        return std::move(vacuum).error();
      }
      auto left = pragma_value(db, "PRAGMA freelist_count");
      if (!left) {
        return left;
      }
      return *free_pages - *left;
    });
    if (!turn) {
      return turn;
    }
    if (*turn <= 0) {
      return released;
    }
    released += *turn;
  }
}

Result<CheckpointResult> checkpoint(WriteConnection& writer, CheckpointMode mode, int wait_ms) {
  const std::string_view sql = mode == CheckpointMode::truncate ? "PRAGMA wal_checkpoint(TRUNCATE)"
                                                                : "PRAGMA wal_checkpoint(PASSIVE)";
  return writer.with([&](Connection& db) -> Result<CheckpointResult> {
    // A truncate waits for readers through the busy handler; holding the
    // write lock for the full busy timeout would stall every commit.
    const int usual_wait = db.busy_timeout_ms();
    db.set_busy_timeout(std::min(wait_ms, usual_wait));
    auto statement = db.prepare(sql);
    Result<CheckpointResult> result = CheckpointResult{};
    if (!statement) {
      result = std::move(statement).error();
    } else {
      result = single_row(
          *statement,
          [](Statement& row) {
            // Columns: busy (1 when a reader or writer kept it from finishing),
            // frames in the log, frames copied.
            return CheckpointResult{row.int64(0) == 0 && row.int64(1) == row.int64(2),
                                    row.int64(1)};
          },
          Error::make(ErrorCode::internal, "the WAL checkpoint returned nothing"));
    }
    db.set_busy_timeout(usual_wait);
    return result;
  });
}

}  // namespace weft::store::sqlite
