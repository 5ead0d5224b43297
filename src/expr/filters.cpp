#include "expr/filters.hpp"

#include <cmath>

#include "expr/errors.hpp"

namespace weft::expr {
namespace {

// Every filter with its arity. `default` has no function: its left side is
// evaluated by the evaluator, which must be able to catch a missing field.
constexpr FilterSpec filters[] = {
    {"upper", 0, 0, filter_upper},
    {"lower", 0, 0, filter_lower},
    {"trim", 0, 0, filter_trim},
    {"length", 0, 0, filter_length},
    {"json", 0, 0, filter_json},
    {"default", 1, 1, nullptr},
    {"join", 0, 1, filter_join},
    {"split", 1, 1, filter_split},
    {"slice", 1, 2, filter_slice},
    {"replace", 2, 2, filter_replace},
    {"round", 0, 1, filter_round},
    {"first", 0, 0, filter_first},
    {"last", 0, 0, filter_last},
    {"keys", 0, 0, filter_keys},
    {"truncate_tokens", 1, 1, filter_truncate_tokens},
    {"sum", 0, 0, filter_sum},
    {"min", 0, 0, filter_min},
    {"max", 0, 0, filter_max},
    {"sort", 0, 0, filter_sort},
    {"unique", 0, 0, filter_unique},
    {"map", 1, 1, filter_map},
};

}  // namespace

const FilterSpec* find_filter(std::string_view name) {
  for (const FilterSpec& spec : filters) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

std::vector<std::string> filter_names() {
  std::vector<std::string> names;
  for (const FilterSpec& spec : filters) {
    names.emplace_back(spec.name);
  }
  return names;
}

std::string expects(std::string_view what, const json::value& got) {
  return "expects " + std::string(what) + ", got " + std::string(kind_name(got));
}

std::optional<std::int64_t> integer_of(const json::value& value) {
  if (value.is_int64()) {
    return value.get_int64();
  }
  if (value.is_uint64() && value.get_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  if (value.is_double()) {
    const double d = value.get_double();
    if (std::trunc(d) == d && d >= -9.2e18 && d <= 9.2e18) {
      return static_cast<std::int64_t>(d);
    }
  }
  return std::nullopt;
}

Error output_too_large(const Limits& limits) {
  return limit_error("result is larger than the limit of " +
                     std::to_string(limits.max_output_bytes) + " bytes");
}

}  // namespace weft::expr
