#include <algorithm>

#include "files/file_index.hpp"

namespace weft::files {
namespace {

Error missing(std::string_view id) {
  return Error::make(ErrorCode::not_found, "no file `" + std::string(id) + "`");
}

}  // namespace

Status MemoryFileIndex::insert(const store::FileRecord& record) {
  std::lock_guard lock(mutex_);
  if (!records_.try_emplace({record.workspace_id, record.id}, record).second) {
    return Error::make(ErrorCode::conflict, "the file id `" + record.id + "` is taken");
  }
  return Ok{};
}

Result<store::FileRecord> MemoryFileIndex::find(std::string_view workspace, std::string_view id) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(std::pair{std::string(workspace), std::string(id)});
  if (it == records_.end()) {
    return missing(id);
  }
  return it->second;
}

Status MemoryFileIndex::attach(std::string_view workspace, std::string_view id,
                               std::string_view execution_id) {
  std::lock_guard lock(mutex_);
  auto it = records_.find(std::pair{std::string(workspace), std::string(id)});
  if (it == records_.end()) {
    return missing(id);
  }
  it->second.execution_id = std::string(execution_id);
  return Ok{};
}

Result<bool> MemoryFileIndex::blob_used(std::string_view sha256) {
  std::lock_guard lock(mutex_);
  return std::any_of(records_.begin(), records_.end(),
                     [&](const auto& entry) { return entry.second.sha256 == sha256; });
}

void MemoryFileIndex::erase(std::string_view workspace, std::string_view id) {
  std::lock_guard lock(mutex_);
  records_.erase(std::pair{std::string(workspace), std::string(id)});
}

}  // namespace weft::files
