#pragma once
// The size of a block's config, checked before its JSON Schema: the schema's
// report grows with what it reads, so an oversized config gets one problem
// instead of one per key.

#include <optional>
#include <string>

#include "common/json.hpp"
#include "common/problem.hpp"
#include "pipeline/model.hpp"

namespace weft::pipeline {

/// A problem when `config` (found at `pointer`) has an object with more than
/// `limits.max_config_keys` keys or more than `limits.max_config_values`
/// keys and values in all; nullopt when it is within both.
std::optional<Problem> check_config_size(const json::object& config, const std::string& pointer,
                                         const DefinitionLimits& limits);

}  // namespace weft::pipeline
