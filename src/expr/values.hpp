#pragma once
// What the language means by number, equality, order and size of JSON values.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace weft::expr {

/// A JSON number as the language sees it: an int64 or a double.
struct Number {
  bool is_int = true;
  std::int64_t i = 0;
  double d = 0;
  double as_double() const { return is_int ? static_cast<double>(i) : d; }
};

/// The number in `value` (uint64 past int64 becomes a double), or nullopt.
std::optional<Number> to_number(const json::value& value);

/// Deep equality where the integer 1 equals the number 1.0.
bool deep_equal(const json::value& a, const json::value& b);

/// A hash consistent with deep_equal.
std::size_t hash_value(const json::value& value);

/// Order of two numbers or two strings (byte order, which is code point order
/// in UTF-8): negative, zero or positive; nullopt for any other pair.
std::optional<int> compare_values(const json::value& a, const json::value& b);

/// About how many bytes `value` takes as JSON; stops counting past `cap`.
std::size_t estimate_size(const json::value& value, std::size_t cap);

/// "a string", "an integer", … for messages.
std::string with_article(const json::value& value);

}  // namespace weft::expr
