#pragma once
// Boost.JSON is the one JSON library of the engine (DESIGN §11).

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft {

namespace json = boost::json;

/// Bounds on a JSON document read from outside.
struct JsonLimits {
  std::size_t max_bytes = 16 * 1024 * 1024;
  std::size_t max_depth = 64;
};

/// Parses `text`, refusing malformed input, comments and
/// documents past `limits`; the error names the line and column.
Result<json::value> parse_json(std::string_view text, const JsonLimits& limits = {});

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
