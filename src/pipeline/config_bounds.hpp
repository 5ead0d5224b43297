#pragma once
// The size of a pipeline document and of a block's config, checked before
// they are copied or read against a schema: work and reports would otherwise
// grow with them, so an oversized one gets one problem instead.

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

/// A problem (at the root) when `doc` holds more than
/// `limits.max_document_values` keys and values; stops counting there. A
/// `nodes` or `edges` list past max_nodes or max_edges is left to the parser.
std::optional<Problem> check_document_size(const json::value& doc, const DefinitionLimits& limits);

}  // namespace weft::pipeline
