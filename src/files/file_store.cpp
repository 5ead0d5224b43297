#include "files/file_store.hpp"

namespace weft::files {

Result<store::FileRecord> FileStore::put(NewFile file, std::string_view bytes) {
  auto upload = begin();
  if (!upload) {
    return std::move(upload).error();
  }
  if (auto appended = (*upload)->append(bytes); !appended) {
    return std::move(appended).error();
  }
  return commit(std::move(*upload), std::move(file));
}

json::object file_value(const store::FileRecord& record) {
  return json::object{{"id", record.id},
                      {"name", record.name},
                      {"mime", record.mime},
                      {"size", record.size},
                      {"sha256", record.sha256}};
}

}  // namespace weft::files
