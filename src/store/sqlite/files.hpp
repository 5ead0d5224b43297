#pragma once
// The `files` table: one record per file value (src/files/ keeps the bytes).

#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/write_connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

Status insert_file(Connection& db, const FileRecord& record);
Result<FileRecord> select_file(Connection& db, std::string_view workspace, std::string_view id);
Status attach_file(Connection& db, std::string_view workspace, std::string_view id,
                   std::string_view execution_id);
Result<bool> file_blob_used(Connection& db, std::string_view sha256);

/// How long a file record outlives what it belongs to.
struct FileRetention {
  /// An upload no run used goes after this.
  std::chrono::milliseconds unused_upload{std::chrono::hours(24)};
  /// A record whose execution is gone goes once it is this old: the records
  /// of a run are written before its execution row commits (group commit).
  std::chrono::milliseconds grace{std::chrono::minutes(5)};
  int batch_size = 500;  ///< records deleted per transaction
};

/// Deletes the records of executions that are gone (pruned, discarded, their
/// pipeline deleted) and uploads no run used, batch by batch on the write
/// connection. Returns the sha256 of each blob no record names any more,
/// for the file store to remove.
Result<std::vector<std::string>> prune_files(WriteConnection& writer, Time now,
                                             const FileRetention& retention = {});

}  // namespace weft::store::sqlite
