#pragma once
// Values as text: compact JSON with readable numbers (`0.1`, not Boost's
// `1E-1`), the template rule for inserting a value into text, and UTF-8
// code point positions.

#include <cstddef>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace weft::expr {

/// Appends `value` as compact JSON.
void write_json(std::string& out, const json::value& value);

/// Appends `value` as a template inserts it: strings as they are, null as
/// nothing, anything else as compact JSON.
void append_text(std::string& out, const json::value& value);

/// Shortest text that reads back as `d` ("0.1", "3", "1e+20"); "null" when not finite.
std::string format_double(double d);

/// Number of code points in UTF-8 `text` (a stray byte counts as one).
std::size_t code_point_count(std::string_view text);

/// Byte offset of code point `index` in `text`, or text.size() past the end.
std::size_t code_point_offset(std::string_view text, std::size_t index);

}  // namespace weft::expr
