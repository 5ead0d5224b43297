#pragma once
// Keeps credential values out of what a run records and shows: every output,
// error, log line and event, at every nesting level (loop bodies included),
// is scrubbed of the values of the credentials the run opened (a remote side
// may echo an Authorization header back, say) and of their simple variants:
// another letter case, or characters spread apart by spaces or punctuation
// ("S E C R E T", "s-e-c-r-e-t"). Encodings it does not know (base64 of
// something else, hashes) pass through: see docs/security.md.

#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/json.hpp"
#include "engine/run_result.hpp"

namespace weft::engine {

inline constexpr std::string_view kRedacted = "[redacted]";

/// Replaces each copy of each secret in `text` (as it is, in any letter case,
/// or with a few separator characters between its characters) by kRedacted;
/// true when any was found. The one matcher every scrub below goes through.
bool redact_text(std::string& text, const std::vector<std::string>& secrets);

/// Scrubs every string and object key of `value` in place; true when any changed.
bool redact_json(json::value& value, const std::vector<std::string>& secrets);

/// Scrubs `error`'s message in place.
void redact(Error& error, const std::vector<std::string>& secrets);

/// Scrubs `record`'s output, error and logs in place.
void redact(NodeRun& record, const std::vector<std::string>& secrets);

}  // namespace weft::engine
