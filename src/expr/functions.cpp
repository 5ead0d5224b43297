// The functions: now() and date(x, format).

#include <chrono>
#include <cmath>

#include "expr/call.hpp"
#include "expr/datetime.hpp"
#include "expr/errors.hpp"
#include "expr/values.hpp"

namespace weft::expr {
namespace {

constexpr std::string_view iso_format = "%Y-%m-%dT%H:%M:%SZ";

// Current UTC time, whole seconds, as "2026-11-24T02:03:04Z".
Result<json::value> function_now(const CallArgs&, const Limits& limits) {
  const auto now =
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  auto text = format_time(now.time_since_epoch().count(), iso_format, limits.max_output_bytes);
  if (!text) {
    return std::move(text).error();
  }
  return json::value(json::string(*text));
}

// Seconds since the epoch from an ISO 8601 string or a number of seconds.
Result<std::int64_t> epoch_seconds(const json::value& when) {
  if (when.is_string()) {
    const auto seconds = parse_iso8601(when.get_string());
    if (!seconds) {
      return expression_error(quote(when.get_string()) +
                              " is not an ISO 8601 date such as 2026-11-24T02:03:04Z");
    }
    return *seconds;
  }
  const auto number = to_number(when);
  if (!number) {
    return expression_error(expects("an ISO 8601 string or epoch seconds", when));
  }
  if (number->is_int) {
    return number->i;
  }
  const double floored = std::floor(number->d);
  if (!std::isfinite(floored) || floored < -1e15 || floored > 1e15) {
    return expression_error("the date is out of range");
  }
  return static_cast<std::int64_t>(floored);
}

Result<json::value> function_date(const CallArgs& args, const Limits& limits) {
  auto seconds = epoch_seconds(args[0]);
  if (!seconds) {
    return std::move(seconds).error();
  }
  if (args.count == 2 && !args[1].is_string()) {
    return expression_error("format must be a string, got " + std::string(kind_name(args[1])));
  }
  const std::string_view format =
      args.count == 2 ? std::string_view(args[1].get_string()) : iso_format;
  auto text = format_time(*seconds, format, limits.max_output_bytes);
  if (!text) {
    return std::move(text).error();
  }
  return json::value(json::string(*text));
}

constexpr FunctionSpec functions[] = {
    {"now", 0, 0, function_now},
    {"date", 1, 2, function_date},
};

}  // namespace

const FunctionSpec* find_function(std::string_view name) {
  for (const FunctionSpec& spec : functions) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

std::vector<std::string> function_names() {
  std::vector<std::string> names;
  for (const FunctionSpec& spec : functions) {
    names.emplace_back(spec.name);
  }
  return names;
}

}  // namespace weft::expr
