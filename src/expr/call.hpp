#pragma once
// The shared shape of filters (`x | name(args)`) and functions (`name(args)`):
// a table entry with its arity, resolved at compile time, and a plain
// function called with already evaluated arguments.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "expr/expr.hpp"

namespace weft::expr {

/// Most arguments any filter or function takes.
constexpr std::size_t max_call_args = 2;

/// Evaluated arguments of one call, borrowed from the evaluator.
struct CallArgs {
  std::array<const json::value*, max_call_args> values{};
  std::size_t count = 0;
  const json::value& operator[](std::size_t i) const { return *values[i]; }
};

/// A filter: `input` is the value left of `|`. Errors carry only the detail
/// ("expects a string, got integer"); the evaluator adds the name and column.
using FilterFn = Result<json::value> (*)(const json::value& input, const CallArgs& args,
                                         const Limits& limits);
using FunctionFn = Result<json::value> (*)(const CallArgs& args, const Limits& limits);

struct FilterSpec {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;
  FilterFn fn;  ///< nullptr for `default`, which the evaluator handles itself
};

struct FunctionSpec {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;
  FunctionFn fn;
};

/// The filter called `name`, or nullptr.
const FilterSpec* find_filter(std::string_view name);
/// The function called `name`, or nullptr.
const FunctionSpec* find_function(std::string_view name);
std::vector<std::string> filter_names();
std::vector<std::string> function_names();

/// "expects a string, got integer" for filter and function messages.
std::string expects(std::string_view what, const json::value& got);

}  // namespace weft::expr
