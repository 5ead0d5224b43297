#pragma once
// The filter functions, grouped by file: text (filters_text.cpp), lists
// (filters_list.cpp) and numbers (filters_number.cpp). The table that names
// them is in filters.cpp.

#include <cstdint>
#include <optional>

#include "expr/call.hpp"

namespace weft::expr {

#define WEFT_EXPR_FILTER(name) \
  Result<json::value> name(const json::value& input, const CallArgs& args, const Limits& limits)

WEFT_EXPR_FILTER(filter_upper);
WEFT_EXPR_FILTER(filter_lower);
WEFT_EXPR_FILTER(filter_trim);
WEFT_EXPR_FILTER(filter_json);
WEFT_EXPR_FILTER(filter_split);
WEFT_EXPR_FILTER(filter_replace);
WEFT_EXPR_FILTER(filter_truncate_tokens);

WEFT_EXPR_FILTER(filter_length);
WEFT_EXPR_FILTER(filter_join);
WEFT_EXPR_FILTER(filter_first);
WEFT_EXPR_FILTER(filter_last);
WEFT_EXPR_FILTER(filter_keys);
WEFT_EXPR_FILTER(filter_slice);
WEFT_EXPR_FILTER(filter_map);
WEFT_EXPR_FILTER(filter_unique);
WEFT_EXPR_FILTER(filter_sort);

WEFT_EXPR_FILTER(filter_round);
WEFT_EXPR_FILTER(filter_sum);
WEFT_EXPR_FILTER(filter_min);
WEFT_EXPR_FILTER(filter_max);

#undef WEFT_EXPR_FILTER

/// The integer in `value` (an integral double counts), or nullopt.
std::optional<std::int64_t> integer_of(const json::value& value);

/// "…larger than the limit of N bytes" as a limit_exceeded error.
Error output_too_large(const Limits& limits);

}  // namespace weft::expr
