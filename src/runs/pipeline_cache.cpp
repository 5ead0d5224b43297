#include "runs/pipeline_cache.hpp"

#include <chrono>

namespace weft::runs {
namespace {

// Ids hold no control characters (the store refuses them), so `\n` separates
// the parts unambiguously and a pipeline's entries share one prefix.
std::string prefix_of(std::string_view workspace, std::string_view id) {
  std::string prefix;
  prefix.reserve(workspace.size() + id.size() + 2);
  prefix.append(workspace).append("\n").append(id).append("\n");
  return prefix;
}

}  // namespace

pipeline::CompileOutcome PipelineCache::get(const VersionKey& key, const json::value& definition) {
  const auto saved_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(key.saved_at.time_since_epoch());
  std::string name = prefix_of(key.workspace, key.id) + std::to_string(key.version) + "\n" +
                     std::to_string(saved_ms.count());
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(name); it != entries_.end()) {
      return it->second;
    }
  }
  auto outcome = compile(definition);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) {
    entries_.clear();  // simple and bounded; recompiling is cheap next to a run
  }
  entries_.emplace(std::move(name), outcome);
  return outcome;
}

void PipelineCache::forget(std::string_view workspace, std::string_view id) {
  const std::string prefix = prefix_of(workspace, id);
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& entry) { return entry.first.starts_with(prefix); });
}

pipeline::CompileOutcome PipelineCache::compile(const json::value& definition) const {
  return pipeline::compile_pipeline(definition, registry_);
}

}  // namespace weft::runs
