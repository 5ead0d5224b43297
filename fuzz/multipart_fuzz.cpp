// libFuzzer target for the multipart/form-data parser: any body, fed in
// pieces whose sizes the input also picks, must parse or fail cleanly, keep
// to its limits, and give what the whole body gives in one piece.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "files/multipart.hpp"

namespace {

using weft::Result;
using weft::Status;
using weft::files::MultipartLimits;
using weft::files::MultipartParser;
using weft::files::Upload;

class CountingUpload final : public Upload {
 public:
  explicit CountingUpload(std::string* bytes) : bytes_(bytes) {}
  Status append(std::string_view bytes) override {
    bytes_->append(bytes);
    return weft::Ok{};
  }
  std::int64_t size() const override { return static_cast<std::int64_t>(bytes_->size()); }

 private:
  std::string* bytes_;
};

struct Outcome {
  bool ok = false;
  std::vector<std::string> values;  // fields' values, then files' bytes
};

Outcome parse(std::string_view body, std::size_t piece, const MultipartLimits& limits) {
  std::vector<std::unique_ptr<std::string>> files;
  MultipartParser parser("b0undary", limits, [&]() -> Result<std::unique_ptr<Upload>> {
    files.push_back(std::make_unique<std::string>());
    return std::unique_ptr<Upload>(std::make_unique<CountingUpload>(files.back().get()));
  });
  Outcome outcome;
  bool ok = true;
  for (std::size_t at = 0; ok && at < body.size(); at += piece) {
    ok = parser.feed(body.substr(at, piece)).ok();
  }
  outcome.ok = ok && parser.finish().ok();
  for (const auto& field : parser.fields()) {
    if (field.value.size() > limits.max_field_bytes) {
      std::abort();
    }
    outcome.values.push_back(field.value);
  }
  for (const auto& file : files) {
    if (file->size() > limits.max_part_bytes) {
      std::abort();
    }
    outcome.values.push_back(*file);
  }
  if (parser.fields().size() > limits.max_fields ||
      parser.fields().size() + parser.files().size() > limits.max_parts) {
    std::abort();
  }
  return outcome;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) {
    return 0;
  }
  const std::size_t piece = data[0] % 17 + 1;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  MultipartLimits limits;
  limits.max_parts = 8;
  limits.max_fields = 6;
  limits.max_field_bytes = 512;
  limits.max_part_bytes = 4096;
  limits.max_header_bytes = 256;
  limits.max_total_bytes = 32 * 1024;
  const Outcome whole = parse(body, body.size() + 1, limits);
  const Outcome split = parse(body, piece, limits);
  if (whole.ok != split.ok || (whole.ok && whole.values != split.values)) {
    std::abort();  // the parser must not depend on where the chunks end
  }
  return 0;
}
