#include "expr/values.hpp"

#include <cmath>
#include <functional>
#include <limits>

#include "expr/expr.hpp"

namespace weft::expr {
namespace {

constexpr double two_pow_63 = 9223372036854775808.0;

// Exact order of an integer and a double (converting either way can round).
int compare_int_double(std::int64_t i, double d) {
  if (std::isnan(d)) {
    return 1;
  }
  if (d >= two_pow_63) {
    return -1;
  }
  if (d < -two_pow_63) {
    return 1;
  }
  const double whole = std::trunc(d);
  const auto whole_int = static_cast<std::int64_t>(whole);
  if (i != whole_int) {
    return i < whole_int ? -1 : 1;
  }
  if (d > whole) {
    return -1;
  }
  return d < whole ? 1 : 0;
}

int compare_numbers(const Number& a, const Number& b) {
  if (a.is_int && b.is_int) {
    return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
  }
  if (a.is_int) {
    return compare_int_double(a.i, b.d);
  }
  if (b.is_int) {
    return -compare_int_double(b.i, a.d);
  }
  return a.d < b.d ? -1 : (a.d > b.d ? 1 : 0);
}

bool objects_equal(const json::object& a, const json::object& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (const auto& entry : a) {
    const json::value* other = b.if_contains(entry.key());
    if (other == nullptr || !deep_equal(entry.value(), *other)) {
      return false;
    }
  }
  return true;
}

bool arrays_equal(const json::array& a, const json::array& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!deep_equal(a[i], b[i])) {
      return false;
    }
  }
  return true;
}

std::size_t hash_number(const Number& n) {
  if (n.is_int) {
    return std::hash<std::int64_t>{}(n.i);
  }
  // Integral doubles hash like the integer they equal.
  if (std::trunc(n.d) == n.d && n.d >= -two_pow_63 && n.d < two_pow_63) {
    return std::hash<std::int64_t>{}(static_cast<std::int64_t>(n.d));
  }
  return std::hash<double>{}(n.d);
}

std::size_t combine(std::size_t seed, std::size_t h) {
  return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace

std::optional<Number> to_number(const json::value& value) {
  switch (value.kind()) {
    case json::kind::int64:
      return Number{true, value.get_int64(), 0};
    case json::kind::uint64: {
      const std::uint64_t u = value.get_uint64();
      if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return Number{true, static_cast<std::int64_t>(u), 0};
      }
      return Number{false, 0, static_cast<double>(u)};
    }
    case json::kind::double_:
      return Number{false, 0, value.get_double()};
    default:
      return std::nullopt;
  }
}

bool deep_equal(const json::value& a, const json::value& b) {
  const auto na = to_number(a);
  const auto nb = to_number(b);
  if (na || nb) {
    return na && nb && compare_numbers(*na, *nb) == 0;
  }
  if (a.kind() != b.kind()) {
    return false;
  }
  switch (a.kind()) {
    case json::kind::null:
      return true;
    case json::kind::bool_:
      return a.get_bool() == b.get_bool();
    case json::kind::string:
      return a.get_string() == b.get_string();
    case json::kind::array:
      return arrays_equal(a.get_array(), b.get_array());
    case json::kind::object:
      return objects_equal(a.get_object(), b.get_object());
    default:
      return false;
  }
}

std::size_t hash_value(const json::value& value) {
  if (const auto n = to_number(value)) {
    return hash_number(*n);
  }
  switch (value.kind()) {
    case json::kind::bool_:
      return value.get_bool() ? 0x51 : 0x50;
    case json::kind::string:
      return std::hash<std::string_view>{}(value.get_string());
    case json::kind::array: {
      std::size_t seed = 0xa7;
      for (const auto& element : value.get_array()) {
        seed = combine(seed, hash_value(element));
      }
      return seed;
    }
    case json::kind::object: {
      // Key order does not matter for equality, so it must not for the hash.
      std::size_t sum = 0x0b;
      for (const auto& entry : value.get_object()) {
        sum += combine(std::hash<std::string_view>{}(entry.key()), hash_value(entry.value()));
      }
      return sum;
    }
    default:
      return 0x4e;
  }
}

std::optional<int> compare_values(const json::value& a, const json::value& b) {
  const auto na = to_number(a);
  const auto nb = to_number(b);
  if (na && nb) {
    return compare_numbers(*na, *nb);
  }
  if (a.is_string() && b.is_string()) {
    const int order = a.get_string().subview().compare(b.get_string().subview());
    return order < 0 ? -1 : (order > 0 ? 1 : 0);
  }
  return std::nullopt;
}

std::size_t estimate_size(const json::value& value, std::size_t cap) {
  switch (value.kind()) {
    case json::kind::string:
      return value.get_string().size() + 2;
    case json::kind::array: {
      std::size_t total = 2;
      for (const auto& element : value.get_array()) {
        total += estimate_size(element, cap) + 1;
        if (total > cap) {
          return total;
        }
      }
      return total;
    }
    case json::kind::object: {
      std::size_t total = 2;
      for (const auto& entry : value.get_object()) {
        total += entry.key().size() + 4 + estimate_size(entry.value(), cap);
        if (total > cap) {
          return total;
        }
      }
      return total;
    }
    case json::kind::double_:
      return 8;
    default:
      return 4;
  }
}

std::string with_article(const json::value& value) {
  const std::string_view kind = kind_name(value);
  if (value.is_null()) {
    return "null";
  }
  const bool vowel = kind.front() == 'a' || kind.front() == 'i' || kind.front() == 'o';
  return (vowel ? "an " : "a ") + std::string(kind);
}

bool truthy(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return false;
    case json::kind::bool_:
      return value.get_bool();
    case json::kind::int64:
      return value.get_int64() != 0;
    case json::kind::uint64:
      return value.get_uint64() != 0;
    case json::kind::double_:
      return value.get_double() != 0.0;
    case json::kind::string:
      return !value.get_string().empty();
    case json::kind::array:
      return !value.get_array().empty();
    case json::kind::object:
      return !value.get_object().empty();
  }
  return false;
}

}  // namespace weft::expr
