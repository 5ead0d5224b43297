#include "files/node_files.hpp"

namespace weft::files {

nodes::FileValue to_file_value(const store::FileRecord& record) {
  return {record.id, record.name, record.mime, record.size, record.sha256};
}

Result<nodes::FileValue> NodeFiles::find(std::string_view workspace, std::string_view id) const {
  auto record = store_.find(workspace, id);
  if (!record) {
    return std::move(record).error();
  }
  return to_file_value(*record);
}

Result<std::string> NodeFiles::read(std::string_view workspace, std::string_view id,
                                    std::size_t max_bytes) const {
  auto record = store_.find(workspace, id);
  if (!record) {
    return std::move(record).error();
  }
  return store_.read(*record, max_bytes);
}

Result<nodes::FileValue> NodeFiles::store(std::string_view workspace, std::string_view execution_id,
                                          std::string_view name, std::string_view mime,
                                          std::string_view bytes) const {
  NewFile file{
      std::string(workspace), std::string(name), std::string(mime),
      execution_id.empty() ? std::nullopt : std::optional<std::string>(std::string(execution_id))};
  auto record = store_.put(std::move(file), bytes);
  if (!record) {
    return std::move(record).error();
  }
  return to_file_value(*record);
}

Status NodeFiles::claim(std::string_view workspace, std::string_view id,
                        std::string_view execution_id) const {
  if (execution_id.empty()) {
    return Ok{};
  }
  return store_.attach(workspace, id, execution_id);
}

}  // namespace weft::files
