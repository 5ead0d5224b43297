#pragma once
// Compiled pipeline versions, so a run does not re-validate an unchanged
// version. A saved version never changes, but an id and version number can
// come back: a deleted pipeline and one created again under its id both start
// at version 1. So an entry is named by when its version was saved as well,
// and a delete drops the pipeline's entries. Thread-safe.

#include <mutex>
#include <string>
#include <unordered_map>

#include "nodes/registry.hpp"
#include "pipeline/validator.hpp"
#include "store/store.hpp"

namespace weft::runs {

class PipelineCache {
 public:
  /// Which saved version a definition is: `saved_at` is the time that version
  /// was stored (a pipeline's `updated_at`, a version's `created_at`).
  struct VersionKey {
    std::string_view workspace;
    std::string_view id;
    std::int64_t version = 0;
    store::Time saved_at;
  };

  explicit PipelineCache(const nodes::Registry& registry) : registry_(registry) {}

  /// The compiled form of `definition`, the version `key` names.
  pipeline::CompileOutcome get(const VersionKey& key, const json::value& definition);

  /// Drops every entry of pipeline `id` (when it is deleted).
  void forget(std::string_view workspace, std::string_view id);

  /// Validates a definition that is not stored (no caching).
  pipeline::CompileOutcome compile(const json::value& definition) const;

 private:
  static constexpr std::size_t kMaxEntries = 1024;
  const nodes::Registry& registry_;
  std::mutex mutex_;  // guards entries_
  std::unordered_map<std::string, pipeline::CompileOutcome> entries_;
};

}  // namespace weft::runs
