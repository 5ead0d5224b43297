#pragma once
// Where the file store keeps its records: the Store's `files` table in the
// server, a map for `weft run` and tests.

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "store/store.hpp"

namespace weft::files {

class FileIndex {
 public:
  virtual ~FileIndex() = default;
  /// Errors: conflict (id taken).
  virtual Status insert(const store::FileRecord& record) = 0;
  /// Errors: not_found (none in `workspace`).
  virtual Result<store::FileRecord> find(std::string_view workspace, std::string_view id) = 0;
  virtual Status attach(std::string_view workspace, std::string_view id,
                        std::string_view execution_id) = 0;
  /// Whether a record names the blob `sha256`.
  virtual Result<bool> blob_used(std::string_view sha256) = 0;
};

/// The records in the Store (`weft serve`).
class StoreFileIndex final : public FileIndex {
 public:
  explicit StoreFileIndex(store::Store& store) : store_(store) {}
  Status insert(const store::FileRecord& record) override { return store_.insert_file(record); }
  Result<store::FileRecord> find(std::string_view workspace, std::string_view id) override {
    return store_.get_file(workspace, id);
  }
  Status attach(std::string_view workspace, std::string_view id,
                std::string_view execution_id) override {
    return store_.attach_file(workspace, id, execution_id);
  }
  Result<bool> blob_used(std::string_view sha256) override { return store_.file_blob_used(sha256); }

 private:
  store::Store& store_;
};

/// The records in memory (`weft run`, tests); safe on any thread.
class MemoryFileIndex final : public FileIndex {
 public:
  Status insert(const store::FileRecord& record) override;
  Result<store::FileRecord> find(std::string_view workspace, std::string_view id) override;
  Status attach(std::string_view workspace, std::string_view id,
                std::string_view execution_id) override;
  Result<bool> blob_used(std::string_view sha256) override;
  /// Forgets a record (what the pruner does to the table).
  void erase(std::string_view workspace, std::string_view id);

 private:
  std::mutex mutex_;  // guards records_
  std::map<std::pair<std::string, std::string>, store::FileRecord, std::less<>> records_;
};

}  // namespace weft::files
