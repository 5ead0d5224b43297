// Filters on numbers: round, sum, min, max.

#include <cmath>
#include <limits>

#include "expr/errors.hpp"
#include "expr/filters.hpp"
#include "expr/values.hpp"

namespace weft::expr {
namespace {

// round() accepts this many decimal digits either side of the point.
constexpr std::int64_t max_round_digits = 15;

std::int64_t power_of_ten(std::int64_t exponent) {
  std::int64_t p = 1;
  for (std::int64_t i = 0; i < exponent; ++i) {
    p *= 10;
  }
  return p;
}

// A double that holds an integer becomes an int64 when it fits.
json::value tidy(double d) {
  if (std::trunc(d) == d && d >= -9.2e18 && d <= 9.2e18) {
    return json::value(static_cast<std::int64_t>(d));
  }
  return json::value(d);
}

// Rounds an integer to a multiple of 10^digits, halves away from zero.
json::value round_integer(std::int64_t i, std::int64_t digits) {
  const std::int64_t p = power_of_ten(digits);
  std::int64_t quotient = i / p;
  const std::int64_t remainder = i % p;
  if (2 * (remainder < 0 ? -remainder : remainder) >= p) {
    quotient += i < 0 ? -1 : 1;
  }
  std::int64_t out = 0;
  if (__builtin_mul_overflow(quotient, p, &out)) {
    return json::value(static_cast<double>(quotient) * static_cast<double>(p));
  }
  return json::value(out);
}

json::value round_double(double d, std::int64_t digits) {
  if (digits == 0) {
    return tidy(std::round(d));
  }
  const double p = std::pow(10.0, static_cast<double>(digits < 0 ? -digits : digits));
  if (digits < 0) {
    return tidy(std::round(d / p) * p);
  }
  const double scaled = d * p;
  if (!std::isfinite(scaled)) {
    return json::value(d);
  }
  return json::value(std::round(scaled) / p);
}

Result<json::value> extreme(const json::value& input, int wanted) {
  if (!input.is_array()) {
    return expression_error(expects("an array", input));
  }
  const auto& array = input.get_array();
  if (array.empty()) {
    return json::value(nullptr);
  }
  const json::value* best = &array[0];
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto order = compare_values(array[i], *best);
    if (!order) {
      return expression_error("needs numbers or strings, not a mix; element " + std::to_string(i) +
                              " is " + with_article(array[i]));
    }
    if (*order == wanted) {
      best = &array[i];
    }
  }
  return *best;
}

}  // namespace

Result<json::value> filter_round(const json::value& input, const CallArgs& args, const Limits&) {
  const auto number = to_number(input);
  if (!number) {
    return expression_error(expects("a number", input));
  }
  const auto digits = args.count == 1 ? integer_of(args[0]) : std::optional<std::int64_t>(0);
  if (!digits || *digits < -max_round_digits || *digits > max_round_digits) {
    return expression_error("digits must be an integer from -15 to 15");
  }
  if (number->is_int) {
    return *digits >= 0 ? json::value(number->i) : round_integer(number->i, -*digits);
  }
  return round_double(number->d, *digits);
}

Result<json::value> filter_sum(const json::value& input, const CallArgs&, const Limits&) {
  if (!input.is_array()) {
    return expression_error(expects("an array", input));
  }
  const auto& array = input.get_array();
  std::int64_t int_total = 0;
  double double_total = 0;
  bool is_int = true;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const auto n = to_number(array[i]);
    if (!n) {
      return expression_error("element " + std::to_string(i) + " is " + with_article(array[i]) +
                              ", not a number");
    }
    // Stays an integer until a double appears or the total overflows.
    std::int64_t next = 0;
    if (is_int && n->is_int && !__builtin_add_overflow(int_total, n->i, &next)) {
      int_total = next;
      continue;
    }
    if (is_int) {
      double_total = static_cast<double>(int_total);
      is_int = false;
    }
    double_total += n->as_double();
  }
  if (is_int) {
    return json::value(int_total);
  }
  if (!std::isfinite(double_total)) {
    return expression_error("the sum is too large to represent");
  }
  return json::value(double_total);
}

Result<json::value> filter_min(const json::value& input, const CallArgs&, const Limits&) {
  return extreme(input, -1);
}

Result<json::value> filter_max(const json::value& input, const CallArgs&, const Limits&) {
  return extreme(input, 1);
}

}  // namespace weft::expr
