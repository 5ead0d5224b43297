#pragma once
// Where file values keep their bytes (DESIGN §9 files): behind this
// interface a directory now (directory_file_store.hpp), S3-compatible
// storage later. Bytes are addressed by their SHA-256 and written to a temp
// name first, so a blob is either whole or absent; a record (FileIndex) ties
// a file id in a workspace to a blob, a display name and a MIME type.
//
// Threading: every method may be called from any thread at once. The work
// is blocking disk I/O on the caller's thread.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "store/store.hpp"

namespace weft::files {

/// Bytes on their way into the store: appended as they arrive, hashed as
/// they go; removed unless committed.
class Upload {
 public:
  virtual ~Upload() = default;
  virtual Status append(std::string_view bytes) = 0;
  virtual std::int64_t size() const = 0;
};

/// What a new file is, besides its bytes.
struct NewFile {
  std::string workspace;
  std::string name;                         ///< as sent; the store neutralises it (file_name.hpp)
  std::string mime;                         ///< as sent; the store cleans it
  std::optional<std::string> execution_id;  ///< the run it belongs to; none for an upload
};

class FileStore {
 public:
  virtual ~FileStore() = default;

  /// A new Upload, empty.
  virtual Result<std::unique_ptr<Upload>> begin() = 0;
  /// Keeps the upload's bytes and records them as a new file.
  virtual Result<store::FileRecord> commit(std::unique_ptr<Upload> upload, NewFile file) = 0;
  /// begin, append `bytes`, commit.
  Result<store::FileRecord> put(NewFile file, std::string_view bytes);

  /// The record of file `id` in `workspace`; not_found otherwise.
  virtual Result<store::FileRecord> find(std::string_view workspace, std::string_view id) = 0;
  /// The bytes of a record find() returned; limit_exceeded beyond `max_bytes`.
  virtual Result<std::string> read(const store::FileRecord& record, std::size_t max_bytes) = 0;
  /// Gives file `id` to the run `execution_id`.
  virtual Status attach(std::string_view workspace, std::string_view id,
                        std::string_view execution_id) = 0;
  /// Removes each blob no record names (any more): what the pruner hands on
  /// after it dropped records. Failures are left for the next time.
  virtual void remove_unused(const std::vector<std::string>& sha256s) = 0;
};

/// A record as the file value blocks and the API show: `{id, name, mime, size, sha256}`.
json::object file_value(const store::FileRecord& record);

}  // namespace weft::files
