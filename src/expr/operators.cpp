#include "expr/operators.hpp"

#include <cmath>
#include <limits>

#include "expr/errors.hpp"
#include "expr/values.hpp"

namespace weft::expr {
namespace {

using Int = std::int64_t;

Error needs_numbers(BinaryOp op, const json::value& a, const json::value& b) {
  return expression_error("`" + std::string(op_text(op)) + "` needs two numbers, got " +
                          std::string(kind_name(a)) + " and " + std::string(kind_name(b)));
}

Result<json::value> finite(double d, BinaryOp op) {
  if (!std::isfinite(d)) {
    return expression_error("`" + std::string(op_text(op)) +
                            "` gives a number too large to "
                            "represent");
  }
  return json::value(d);
}

// Integer arithmetic stays int64; on overflow it continues in double.
Result<json::value> int_arithmetic(BinaryOp op, Int a, Int b) {
  Int out = 0;
  switch (op) {
    case BinaryOp::add:
      return __builtin_add_overflow(a, b, &out) ? finite(double(a) + double(b), op)
                                                : json::value(out);
    case BinaryOp::sub:
      return __builtin_sub_overflow(a, b, &out) ? finite(double(a) - double(b), op)
                                                : json::value(out);
    case BinaryOp::mul:
      return __builtin_mul_overflow(a, b, &out) ? finite(double(a) * double(b), op)
                                                : json::value(out);
    case BinaryOp::div:
      if (b == 0) {
        return expression_error("division by zero");
      }
      if (a == std::numeric_limits<Int>::min() && b == -1) {
        return json::value(-double(a));
      }
      return a % b == 0 ? json::value(a / b) : json::value(double(a) / double(b));
    case BinaryOp::mod:
      if (b == 0) {
        return expression_error("division by zero");
      }
      return json::value(b == -1 ? Int{0} : a % b);
    default:
      return expression_error("internal: not an arithmetic operator");
  }
}

Result<json::value> double_arithmetic(BinaryOp op, double a, double b) {
  switch (op) {
    case BinaryOp::add:
      return finite(a + b, op);
    case BinaryOp::sub:
      return finite(a - b, op);
    case BinaryOp::mul:
      return finite(a * b, op);
    case BinaryOp::div:
      if (b == 0) {
        return expression_error("division by zero");
      }
      return finite(a / b, op);
    case BinaryOp::mod:
      if (b == 0) {
        return expression_error("division by zero");
      }
      return finite(std::fmod(a, b), op);
    default:
      return expression_error("internal: not an arithmetic operator");
  }
}

Result<json::value> arithmetic(BinaryOp op, const json::value& a, const json::value& b) {
  const auto na = to_number(a);
  const auto nb = to_number(b);
  if (!na || !nb) {
    return needs_numbers(op, a, b);
  }
  if (na->is_int && nb->is_int) {
    return int_arithmetic(op, na->i, nb->i);
  }
  return double_arithmetic(op, na->as_double(), nb->as_double());
}

Error too_large(const Limits& limits) {
  return limit_error("result of `+` is larger than the limit of " +
                     std::to_string(limits.max_output_bytes) + " bytes");
}

// `+`: numbers add, strings and arrays concatenate, objects merge (right wins).
Result<json::value> add(const json::value& a, const json::value& b, const Limits& limits) {
  if (a.is_string() && b.is_string()) {
    if (a.get_string().size() + b.get_string().size() > limits.max_output_bytes) {
      return too_large(limits);
    }
    json::string out;
    out.reserve(a.get_string().size() + b.get_string().size());
    out.append(a.get_string()).append(b.get_string());
    return json::value(std::move(out));
  }
  const bool arrays = a.is_array() && b.is_array();
  const bool objects = a.is_object() && b.is_object();
  if (!arrays && !objects) {
    if (to_number(a) && to_number(b)) {
      return arithmetic(BinaryOp::add, a, b);
    }
    return expression_error("cannot add " + std::string(kind_name(a)) + " and " +
                            std::string(kind_name(b)));
  }
  const std::size_t cap = limits.max_output_bytes;
  if (estimate_size(a, cap) + estimate_size(b, cap) > cap) {
    return too_large(limits);
  }
  json::value out = a;
  if (arrays) {
    auto& array = out.get_array();
    array.insert(array.end(), b.get_array().begin(), b.get_array().end());
  } else {
    for (const auto& entry : b.get_object()) {
      out.get_object()[entry.key()] = entry.value();
    }
  }
  return out;
}

Result<json::value> contains(const json::value& needle, const json::value& haystack) {
  if (haystack.is_array()) {
    for (const auto& element : haystack.get_array()) {
      if (deep_equal(needle, element)) {
        return json::value(true);
      }
    }
    return json::value(false);
  }
  if (!haystack.is_string() && !haystack.is_object()) {
    return expression_error("`in` needs a string, array or object on the right, got " +
                            std::string(kind_name(haystack)));
  }
  if (!needle.is_string()) {
    return expression_error("`in` needs a string on the left when the right is " +
                            with_article(haystack) + ", got " + std::string(kind_name(needle)));
  }
  if (haystack.is_object()) {
    return json::value(haystack.get_object().contains(needle.get_string()));
  }
  return json::value(haystack.get_string().subview().find(needle.get_string().subview()) !=
                     std::string_view::npos);
}

Result<json::value> order(BinaryOp op, const json::value& a, const json::value& b) {
  const auto order = compare_values(a, b);
  if (!order) {
    return expression_error("cannot compare " + std::string(kind_name(a)) + " and " +
                            std::string(kind_name(b)) + " with `" + std::string(op_text(op)) + "`");
  }
  switch (op) {
    case BinaryOp::lt:
      return json::value(*order < 0);
    case BinaryOp::le:
      return json::value(*order <= 0);
    case BinaryOp::gt:
      return json::value(*order > 0);
    default:
      return json::value(*order >= 0);
  }
}

}  // namespace

Result<json::value> apply_binary(BinaryOp op, const json::value& a, const json::value& b,
                                 const Limits& limits) {
  switch (op) {
    case BinaryOp::add:
      return add(a, b, limits);
    case BinaryOp::sub:
    case BinaryOp::mul:
    case BinaryOp::div:
    case BinaryOp::mod:
      return arithmetic(op, a, b);
    case BinaryOp::eq:
      return json::value(deep_equal(a, b));
    case BinaryOp::ne:
      return json::value(!deep_equal(a, b));
    case BinaryOp::in:
      return contains(a, b);
    case BinaryOp::not_in: {
      auto found = contains(a, b);
      if (found) {
        return json::value(!found->get_bool());
      }
      return found;
    }
    default:
      return order(op, a, b);
  }
}

Result<json::value> negate(const json::value& value) {
  const auto n = to_number(value);
  if (!n) {
    return expression_error("cannot negate " + with_article(value));
  }
  if (!n->is_int) {
    return json::value(-n->d);
  }
  if (n->i == std::numeric_limits<Int>::min()) {
    return json::value(-static_cast<double>(n->i));
  }
  return json::value(-n->i);
}

std::string_view op_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::add:
      return "+";
    case BinaryOp::sub:
      return "-";
    case BinaryOp::mul:
      return "*";
    case BinaryOp::div:
      return "/";
    case BinaryOp::mod:
      return "%";
    case BinaryOp::eq:
      return "==";
    case BinaryOp::ne:
      return "!=";
    case BinaryOp::lt:
      return "<";
    case BinaryOp::le:
      return "<=";
    case BinaryOp::gt:
      return ">";
    case BinaryOp::ge:
      return ">=";
    case BinaryOp::in:
      return "in";
    case BinaryOp::not_in:
      return "not in";
  }
  return "?";
}

}  // namespace weft::expr
