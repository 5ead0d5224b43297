#include "app/seed_examples.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "app/pipeline_file.hpp"
#include "common/json.hpp"

namespace weft::app {

namespace fs = std::filesystem;

int seed_examples(store::Store& store, const std::string& directory) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".json") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  int stored = 0;
  for (const auto& file : files) {
    auto text = read_file(file.string(), 8 * 1024 * 1024);
    auto doc = text ? parse_json(*text) : Result<json::value>(text.error());
    if (!doc || !doc->is_object()) {
      continue;
    }
    store::PipelineRecord record;
    const auto& object = doc->get_object();
    auto text_of = [&](std::string_view key) {
      const auto* v = object.if_contains(key);
      return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
    };
    record.id = text_of("id").empty() ? file.stem().string() : text_of("id");
    record.name = text_of("name");
    record.description = text_of("description");
    json::object definition = object;
    definition["id"] = record.id;
    definition["version"] = 1;
    record.definition = std::move(definition);
    if (store.create_pipeline(store::kDefaultWorkspace, std::move(record))) {
      ++stored;
    }
  }
  return stored;
}

namespace {

/// Whether the default workspace holds anything: an older Weft seeded on the
/// first serve without recording it.
Result<bool> used_before(store::Store& store) {
  auto pipelines = store.list_pipelines(store::kDefaultWorkspace);
  if (!pipelines) {
    return std::move(pipelines).error();
  }
  store::ExecutionFilter one;
  one.limit = 1;
  auto executions = store.list_executions(store::kDefaultWorkspace, one);
  if (!executions) {
    return std::move(executions).error();
  }
  return !pipelines->empty() || !executions->items.empty();
}

}  // namespace

Result<std::optional<int>> seed_examples_once(store::Store& store, const std::string& directory) {
  auto seeded = store.get_setting(kExamplesSeededSetting);
  if (!seeded) {
    return std::move(seeded).error();
  }
  if (seeded->has_value()) {
    return std::optional<int>{};
  }
  auto used = used_before(store);
  if (!used) {
    return std::move(used).error();
  }
  const int count = *used ? 0 : seed_examples(store, directory);
  // Recorded even when the directory had none to give: once is once.
  if (auto recorded = store.put_setting(kExamplesSeededSetting,
                                        json::object{{"count", count}, {"from", directory}});
      !recorded) {
    return std::move(recorded).error();
  }
  return *used ? std::optional<int>{} : std::optional<int>(count);
}

std::string default_source_dir(const char* argv0, const char* env, const char* relative) {
  if (const char* value = std::getenv(env); value != nullptr && *value != '\0') {
    return value;
  }
  std::error_code ec;
  const fs::path binary = fs::canonical(fs::path(argv0), ec);
  if (!ec) {
    const fs::path beside_build = binary.parent_path().parent_path() / relative;
    if (fs::is_directory(beside_build)) {
      return beside_build.string();
    }
  }
  return relative;
}

}  // namespace weft::app
