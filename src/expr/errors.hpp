#pragma once
// Building the messages of expression errors, so every one names a column
// the same way.

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/json.hpp"
#include "common/result.hpp"

namespace weft::expr {

/// "at column N" for byte `offset` of the source (columns are 1-based).
std::string at_column(std::size_t offset);

/// An ErrorCode::expression_error with `message`.
Error expression_error(std::string message);

/// An ErrorCode::limit_exceeded with `message`.
Error limit_error(std::string message);

/// `text` in backticks, shortened with "…" when long, for quoting source in messages.
std::string quote(std::string_view text);

/// `value` as it is, or an expression_error naming `source` when it holds a
/// number that is not finite: operators refuse to make one, but a value from
/// outside (an integration's answer) might carry one, and JSON has no form
/// for Infinity or NaN, so it must not reach an output.
Result<json::value> finite_result(json::value value, std::string_view source);

/// "; did you mean `x`?" or "" when `suggestion` is empty.
std::string did_you_mean(std::string_view suggestion);

}  // namespace weft::expr
