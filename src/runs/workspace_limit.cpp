#include "runs/workspace_limit.hpp"

namespace weft::runs {

std::optional<std::int64_t> workspace_run_limit(const json::value& setting) {
  const auto* object = setting.if_object();
  if (object == nullptr) {
    return std::nullopt;
  }
  const auto* limit = object->if_contains("run_concurrency");
  if (limit == nullptr || !limit->is_int64()) {
    return std::nullopt;
  }
  return limit->get_int64();
}

}  // namespace weft::runs
