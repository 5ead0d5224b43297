#pragma once
// Compiled pipeline versions, so a run does not re-validate an unchanged
// version. Versions are immutable, so entries never go stale. Thread-safe.

#include <mutex>
#include <string>
#include <unordered_map>

#include "nodes/registry.hpp"
#include "pipeline/validator.hpp"

namespace weft::api {

class PipelineCache {
 public:
  explicit PipelineCache(const nodes::Registry& registry) : registry_(registry) {}

  /// The compiled form of `definition`, which is version `version` of pipeline `id`.
  pipeline::CompileOutcome get(std::string_view workspace, std::string_view id,
                               std::int64_t version, const json::value& definition);

  /// Validates a definition that is not stored (no caching).
  pipeline::CompileOutcome compile(const json::value& definition) const;

 private:
  static constexpr std::size_t kMaxEntries = 1024;
  const nodes::Registry& registry_;
  std::mutex mutex_;  // guards entries_
  std::unordered_map<std::string, pipeline::CompileOutcome> entries_;
};

}  // namespace weft::api
