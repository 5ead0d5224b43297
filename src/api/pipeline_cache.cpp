#include "api/pipeline_cache.hpp"

namespace weft::api {

pipeline::CompileOutcome PipelineCache::get(std::string_view workspace, std::string_view id,
                                            std::int64_t version, const json::value& definition) {
  std::string key = std::string(workspace) + "/" + std::string(id) + "/" + std::to_string(version);
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) {
      return it->second;
    }
  }
  auto outcome = compile(definition);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kMaxEntries) {
    entries_.clear();  // simple and bounded; recompiling is cheap next to a run
  }
  entries_.emplace(std::move(key), outcome);
  return outcome;
}

pipeline::CompileOutcome PipelineCache::compile(const json::value& definition) const {
  return pipeline::compile_pipeline(definition, registry_);
}

}  // namespace weft::api
