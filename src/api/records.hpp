#pragma once
// Conversions between engine results, stored records and API JSON.

#include <optional>
#include <string>

#include "common/json.hpp"
#include "engine/run_result.hpp"
#include "store/store.hpp"

namespace weft::api {

/// RFC 3339 UTC time with milliseconds.
std::string format_time(store::Time time);
/// Parses RFC 3339 (`2026-11-24T02:00:00Z`, fraction and offset allowed) or epoch
/// milliseconds (at most 13 digits); a time outside 1970–2200 is taken as the nearer bound.
std::optional<store::Time> parse_time(std::string_view text);

json::object to_json(const store::PipelineRecord& pipeline, bool with_definition);
json::object to_json(const store::PipelineVersion& version, bool with_definition);
json::object to_json(const store::ExecutionRecord& execution);
json::object to_json(const store::NodeRunRecord& node_run);

}  // namespace weft::api
