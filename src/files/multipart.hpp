#pragma once
// An incremental multipart/form-data parser (RFC 7578 over RFC 2046): fed
// the body in chunks of any size, it collects fields as text and streams
// each file part into an Upload as its bytes arrive, so a file is never held
// whole in memory by the parser. Every limit is checked as bytes arrive;
// a refusal is an Error naming the limit and the part (limit_exceeded, HTTP
// 413, for sizes and counts; invalid_argument, 400, for a malformed body).
//
// A part's file name and type are what the client says: kept for display
// (file_name.hpp), never used to name anything on disk.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "files/file_store.hpp"

namespace weft::files {

struct MultipartLimits {
  std::size_t max_parts = 64;                      ///< fields and files together
  std::size_t max_fields = 64;                     ///< parts without a filename
  std::size_t max_field_bytes = 64 * 1024;         ///< one field's value
  std::size_t max_part_bytes = 10 * 1024 * 1024;   ///< one file's bytes
  std::size_t max_total_bytes = 32 * 1024 * 1024;  ///< the whole body
  std::size_t max_header_bytes = 8 * 1024;         ///< one part's header block
};

struct FormField {
  std::string name;
  std::string value;
};

struct FormFile {
  std::string field;     ///< the form field's name
  std::string filename;  ///< as sent (may be empty)
  std::string mime;      ///< as sent; application/octet-stream when none
  std::unique_ptr<Upload> upload;
};

/// The boundary of a `multipart/form-data; boundary=…` Content-Type;
/// invalid_argument when the type is another or the boundary is missing or
/// not 1 to 70 characters of RFC 2046's set.
Result<std::string> multipart_boundary(std::string_view content_type);

class MultipartParser {
 public:
  /// Opens an Upload for each file part, when its headers have been read.
  using OpenUpload = std::function<Result<std::unique_ptr<Upload>>()>;

  MultipartParser(std::string boundary, MultipartLimits limits, OpenUpload open_upload);

  /// Parses `chunk`; after an error the parser takes nothing more.
  Status feed(std::string_view chunk);
  /// Ends the body: an error unless the closing delimiter was seen.
  Status finish();

  std::vector<FormField>& fields() { return fields_; }
  std::vector<FormFile>& files() { return files_; }

 private:
  enum class State { preamble, after_delimiter, headers, body, done, failed };

  Status step();
  Status find_first_delimiter();
  Status read_delimiter_end();
  Status read_headers();
  Status read_body();
  Status start_part(std::string_view header_block);
  Status emit(std::string_view bytes);
  Error fail(ErrorCode code, std::string message);
  /// "part 3 (`doc`)", for messages.
  std::string part_label() const;

  const std::string delimiter_;  ///< CRLF "--" boundary
  const MultipartLimits limits_;
  const OpenUpload open_upload_;

  State state_ = State::preamble;
  std::string buffer_;  ///< bytes not yet parsed
  std::size_t total_ = 0;
  std::size_t parts_ = 0;
  std::size_t field_count_ = 0;
  bool in_file_ = false;  ///< the current part is files_.back(), else fields_.back()
  std::size_t part_bytes_ = 0;
  std::vector<FormField> fields_;
  std::vector<FormFile> files_;
};

}  // namespace weft::files
