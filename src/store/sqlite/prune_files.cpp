// File records go with what they belong to (store/sqlite/files.hpp).
#include <algorithm>
#include <set>

#include "store/sqlite/codec.hpp"
#include "store/sqlite/files.hpp"
#include "store/sqlite/transaction.hpp"

namespace weft::store::sqlite {
namespace {

// Oldest first along files_by_created; each record whose execution is gone
// costs one primary-key probe into executions.
constexpr std::string_view kStale =
    "SELECT workspace_id, id, sha256 FROM files AS f WHERE f.created_at < ?1 AND"
    " ((f.execution_id IS NULL AND f.created_at < ?2) OR (f.execution_id IS NOT NULL AND"
    " NOT EXISTS (SELECT 1 FROM executions AS e"
    " WHERE e.workspace_id = f.workspace_id AND e.id = f.execution_id)))"
    " ORDER BY f.created_at LIMIT ?3";
constexpr std::string_view kDelete = "DELETE FROM files WHERE workspace_id = ?1 AND id = ?2";

struct StaleFile {
  std::string workspace;
  std::string id;
  std::string sha256;
};

/// One batch in one transaction: deletes up to `batch` stale records and adds
/// the blobs no record names any more to `unused`. Returns how many it deleted.
Result<std::int64_t> prune_batch(Connection& tx, std::int64_t grace_cutoff,
                                 std::int64_t unused_cutoff, int batch,
                                 std::set<std::string>& unused) {
  auto select = tx.prepare(kStale);
  if (!select) {
    return std::move(select).error();
  }
  select->bind(1, grace_cutoff).bind(2, unused_cutoff).bind(3, std::int64_t{batch});
  auto stale = collect_rows<StaleFile>(*select, [](const Statement& row) {
    return StaleFile{row.string(0), row.string(1), row.string(2)};
  });
  if (!stale) {
    return std::move(stale).error();
  }
  std::set<std::string> blobs;
  for (const StaleFile& file : *stale) {
    auto remove = tx.prepare(kDelete);
    if (!remove) {
      return std::move(remove).error();
    }
    remove->bind(1, file.workspace).bind(2, file.id);
    if (auto done = remove->run(); !done) {
      return std::move(done).error();
    }
    blobs.insert(file.sha256);
  }
  for (const std::string& sha256 : blobs) {
    auto used = file_blob_used(tx, sha256);
    if (!used) {
      return std::move(used).error();
    }
    if (!*used) {
      unused.insert(sha256);
    }
  }
  return static_cast<std::int64_t>(stale->size());
}

}  // namespace

Result<std::vector<std::string>> prune_files(WriteConnection& writer, Time now,
                                             const FileRetention& retention) {
  const int batch = std::max(retention.batch_size, 1);
  const std::int64_t grace_cutoff = to_ms(now) - retention.grace.count();
  const std::int64_t unused_cutoff = to_ms(now) - retention.unused_upload.count();
  std::set<std::string> unused;
  for (;;) {
    auto deleted = writer.with([&](Connection& db) {
      return in_transaction(db, [&](Connection& tx) {
        return prune_batch(tx, grace_cutoff, unused_cutoff, batch, unused);
      });
    });
    if (!deleted) {
      return std::move(deleted).error();
    }
    if (*deleted < batch) {
      break;
    }
  }
  return std::vector<std::string>(unused.begin(), unused.end());
}

}  // namespace weft::store::sqlite
