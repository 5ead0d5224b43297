#include "app/pipeline_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "common/json.hpp"
#include "pipeline/validator.hpp"

namespace weft::app {

constexpr std::size_t kMaxPipelineBytes = 8 * 1024 * 1024;

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::make(ErrorCode::invalid_argument,
                       "cannot read " + path + ": " + std::strerror(errno));
  }
  std::string text;
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      return Error::make(ErrorCode::limit_exceeded,
                         path + " is larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return text;
}

LoadedPipeline load_pipeline_file(const std::string& path, const pipeline::TypeCatalog& catalog) {
  LoadedPipeline loaded;
  auto text = read_file(path, kMaxPipelineBytes);
  if (!text) {
    loaded.problems.push_back({"", text.error().message});
    return loaded;
  }
  auto doc = parse_json(*text, JsonLimits{.max_bytes = kMaxPipelineBytes, .max_depth = 64});
  if (!doc) {
    loaded.problems.push_back({"", doc.error().message});
    return loaded;
  }
  auto outcome = pipeline::compile_pipeline(*doc, catalog);
  loaded.pipeline = std::move(outcome.pipeline);
  loaded.problems = std::move(outcome.problems);
  return loaded;
}

}  // namespace weft::app
