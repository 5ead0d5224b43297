#pragma once
// Boost.JSON is the one JSON library of the engine (DESIGN §11).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft {

namespace json = boost::json;

/// Bounds on a JSON document read from outside. The counts are checked while
/// parsing, so a document past them is refused before its tree is built.
struct JsonLimits {
  std::size_t max_bytes = 16 * 1024 * 1024;
  std::size_t max_depth = 64;
  std::size_t max_object_keys = std::numeric_limits<std::size_t>::max();  ///< per object
  std::size_t max_values = std::numeric_limits<std::size_t>::max();       ///< in the whole document
  /// The code of the error for a number out of range (a request body says 422).
  ErrorCode out_of_range = ErrorCode::invalid_json;
};

/// Parses `text`, refusing malformed input, comments and documents past
/// `limits` (invalid_json, or limit_exceeded for the counts); the error names
/// the line and column. A number no double can hold (`1e999`) is refused too,
/// with `limits.out_of_range` and the `pointer` of that number, so nothing
/// downstream ever meets Infinity, which JSON cannot write back.
Result<json::value> parse_json(std::string_view text, const JsonLimits& limits = {});

/// The JSON Pointer of the first number in `value` that is not finite
/// (Infinity, NaN), or nullopt when every number is finite.
std::optional<std::string> find_non_finite(const json::value& value);

/// Escapes one reference token for a JSON Pointer (`~` -> `~0`, `/` -> `~1`).
std::string pointer_token(std::string_view token);

/// `base` + "/" + escaped `token`.
std::string pointer_join(std::string_view base, std::string_view token);
std::string pointer_join(std::string_view base, std::size_t index);

/// Serializes compactly.
std::string to_json_string(const json::value& value);

/// Human name of a JSON kind ("string", "object", …) for messages.
std::string_view kind_name(const json::value& value);

}  // namespace weft
