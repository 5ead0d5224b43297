#pragma once
// The file store as blocks reach it (NodeServices::files).

#include "files/file_store.hpp"
#include "nodes/file_source.hpp"

namespace weft::files {

class NodeFiles final : public nodes::FileSource {
 public:
  explicit NodeFiles(FileStore& store) : store_(store) {}

  Result<nodes::FileValue> find(std::string_view workspace, std::string_view id) const override;
  Result<std::string> read(std::string_view workspace, std::string_view id,
                           std::size_t max_bytes) const override;
  Result<nodes::FileValue> store(std::string_view workspace, std::string_view execution_id,
                                 std::string_view name, std::string_view mime,
                                 std::string_view bytes) const override;
  Status claim(std::string_view workspace, std::string_view id,
               std::string_view execution_id) const override;

 private:
  FileStore& store_;
};

nodes::FileValue to_file_value(const store::FileRecord& record);

}  // namespace weft::files
