#include "auth/caller.hpp"

namespace weft::auth {

std::string_view to_string(ApiKeyScope scope) {
  return scope == ApiKeyScope::run ? "run" : "full";
}

std::optional<ApiKeyScope> parse_api_key_scope(std::string_view text) {
  if (text == "run") {
    return ApiKeyScope::run;
  }
  if (text == "full") {
    return ApiKeyScope::full;
  }
  return std::nullopt;
}

bool Caller::may(Action action, std::string_view pipeline_id) const {
  if (!allows(role, action)) {
    return false;
  }
  if (api_key_scope == ApiKeyScope::run && action != Action::run) {
    return false;
  }
  if (api_key_pipeline && pipeline_id != *api_key_pipeline) {
    return false;
  }
  return true;
}

bool Caller::may_read_execution(std::string_view pipeline_id) const {
  return !api_key_pipeline || *api_key_pipeline == pipeline_id;
}

}  // namespace weft::auth
