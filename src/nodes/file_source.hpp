#pragma once
// Files as blocks see them (input_file, output_file, and any block that reads
// a file's text): a file value is `{id, name, mime, size, sha256}` and its
// bytes come from the server's file store, found by id in the run's
// workspace. A value never names a place on disk: one that carries a `path`,
// or any field but those five, is refused (n8n CVE-2026-21858, where a body
// naming a server file made a form copy it).

#include <cstdint>
#include <string>
#include <string_view>

#include "common/json.hpp"
#include "common/result.hpp"

namespace weft::nodes {

/// The prefix of every file id (common/ids.hpp).
inline constexpr std::string_view kFileIdPrefix = "file";

struct FileValue {
  std::string id;
  std::string name;  ///< for display only
  std::string mime;
  std::int64_t size = 0;
  std::string sha256;
};

json::object to_json(const FileValue& file);

/// The id a client-sent file value names. Refused (invalid_input, naming
/// `where`): anything but an object, an id not shaped like ours, a `path`, or
/// any field but the five of a file value. That the id exists is for the
/// FileSource to say.
Result<std::string> file_id_of(const json::value& value, std::string_view where);

class FileSource {
 public:
  virtual ~FileSource() = default;
  /// The file `id` of `workspace`; not_found when that workspace has none.
  virtual Result<FileValue> find(std::string_view workspace, std::string_view id) const = 0;
  /// Its bytes; limit_exceeded when it holds more than `max_bytes`.
  virtual Result<std::string> read(std::string_view workspace, std::string_view id,
                                   std::size_t max_bytes) const = 0;
  /// Stores `bytes` as a new file of the run `execution_id` (it goes when that run goes).
  virtual Result<FileValue> store(std::string_view workspace, std::string_view execution_id,
                                  std::string_view name, std::string_view mime,
                                  std::string_view bytes) const = 0;
  /// Gives file `id` to the run `execution_id` that uses it (an upload
  /// no run uses goes after a day).
  virtual Status claim(std::string_view workspace, std::string_view id,
                       std::string_view execution_id) const = 0;
};

}  // namespace weft::nodes
