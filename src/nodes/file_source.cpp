#include "nodes/file_source.hpp"

#include <algorithm>
#include <array>

namespace weft::nodes {
namespace {

constexpr std::array<std::string_view, 5> kFields = {"id", "name", "mime", "size", "sha256"};
/// `file_` and 20 base32 characters (common/ids.cpp).
constexpr std::size_t kIdChars = 20;

bool shaped_like_id(std::string_view id) {
  if (id.size() != kFileIdPrefix.size() + 1 + kIdChars || !id.starts_with(kFileIdPrefix) ||
      id[kFileIdPrefix.size()] != '_') {
    return false;
  }
  const std::string_view tail = id.substr(kFileIdPrefix.size() + 1);
  return std::all_of(tail.begin(), tail.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); });
}

Error refused(std::string_view where, std::string message) {
  return Error::make(ErrorCode::invalid_input, "`" + std::string(where) + "` " + message);
}

}  // namespace

json::object to_json(const FileValue& file) {
  return json::object{{"id", file.id},
                      {"name", file.name},
                      {"mime", file.mime},
                      {"size", file.size},
                      {"sha256", file.sha256}};
}

Result<std::string> file_id_of(const json::value& value, std::string_view where) {
  if (!value.is_object()) {
    return refused(where, "must be a file value ({\"id\": \"file_…\"}, from an upload), not " +
                              std::string(value.is_string() ? "text" : "another kind of value"));
  }
  const json::object& object = value.get_object();
  if (object.contains("path")) {
    return refused(where, "names a `path`: files come from uploads, never from the server's disk");
  }
  for (const auto& field : object) {
    if (std::find(kFields.begin(), kFields.end(), field.key()) == kFields.end()) {
      return refused(where, "has a field `" + std::string(field.key()) +
                                "` a file value does not have (id, name, mime, size, sha256)");
    }
  }
  const json::value* id = object.if_contains("id");
  if (id == nullptr || !id->is_string() || !shaped_like_id(id->get_string())) {
    return refused(where, "needs the `id` of an uploaded file (`file_…`)");
  }
  return std::string(id->get_string());
}

}  // namespace weft::nodes
