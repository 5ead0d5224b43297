#pragma once
// Keeps credential values out of what a run records: every output, error
// and log line is scrubbed of the values of the credentials the run opened
// (a remote side may echo an Authorization header back, say).

#include <string>
#include <vector>

#include "common/json.hpp"
#include "engine/run_result.hpp"

namespace weft::engine {

inline constexpr std::string_view kRedacted = "[redacted]";

/// Replaces each occurrence of each secret in `text`; true when any was found.
bool redact_text(std::string& text, const std::vector<std::string>& secrets);

/// Scrubs `record`'s output, error and logs in place.
void redact(NodeRun& record, const std::vector<std::string>& secrets);

}  // namespace weft::engine
