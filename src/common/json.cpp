#include "common/json.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_stack.hpp>
#include <cmath>
#include <vector>

namespace weft {
namespace {

constexpr std::string_view kNonFiniteRule =
    "numbers must be finite (within about ±1.8e308, the range of a 64-bit float)";

/// Builds the value as Boost's own parser does (a value_stack), and counts as
/// it goes: an object's keys and the document's values, so a document past
/// JsonLimits stops the parse before the rest of it is built.
class CountingHandler {
 public:
  // Boost's own bounds; ours are checked in the callbacks below.
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  explicit CountingHandler(const JsonLimits& limits) : limits_(limits) {}

  bool on_document_begin(boost::system::error_code&) {
    stack_.reset();
    return true;
  }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code& ec) {
    keys_.push_back(0);
    return count_value(ec);
  }
  bool on_object_end(std::size_t n, boost::system::error_code&) {
    keys_.pop_back();
    stack_.push_object(n);
    return true;
  }
  bool on_array_begin(boost::system::error_code& ec) { return count_value(ec); }
  bool on_array_end(std::size_t n, boost::system::error_code&) {
    stack_.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, boost::system::error_code&) {
    stack_.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, boost::system::error_code& ec) {
    if (++keys_.back() > limits_.max_object_keys) {
      over_ = "has an object with more than " + std::to_string(limits_.max_object_keys) +
              " keys (the limit per object)";
      ec = json::error::object_too_large;
      return false;
    }
    stack_.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, boost::system::error_code&) {
    stack_.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, boost::system::error_code& ec) {
    stack_.push_string(s);
    return count_value(ec);
  }
  bool on_number_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, boost::system::error_code& ec) {
    stack_.push_int64(i);
    return count_value(ec);
  }
  bool on_uint64(std::uint64_t u, json::string_view, boost::system::error_code& ec) {
    stack_.push_uint64(u);
    return count_value(ec);
  }
  bool on_double(double d, json::string_view, boost::system::error_code& ec) {
    // Kept, and located after the parse: the walk costs nothing unless one is seen.
    non_finite_ = non_finite_ || !std::isfinite(d);
    stack_.push_double(d);
    return count_value(ec);
  }
  bool on_bool(bool b, boost::system::error_code& ec) {
    stack_.push_bool(b);
    return count_value(ec);
  }
  bool on_null(boost::system::error_code& ec) {
    stack_.push_null();
    return count_value(ec);
  }
  bool on_comment_part(json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(json::string_view, boost::system::error_code&) { return true; }

  json::value release() { return stack_.release(); }
  bool saw_non_finite() const { return non_finite_; }
  /// What limit the document broke ("has an object with more than …"), if any.
  const std::optional<std::string>& over_limit() const { return over_; }

 private:
  bool count_value(boost::system::error_code& ec) {
    if (++values_ > limits_.max_values) {
      over_ = "holds more than " + std::to_string(limits_.max_values) +
              " values (the limit per document)";
      ec = json::error::array_too_large;
      return false;
    }
    return true;
  }

  const JsonLimits& limits_;
  json::value_stack stack_;
  std::vector<std::size_t> keys_;  // keys so far of each object being read, innermost last
  std::size_t values_ = 0;
  bool non_finite_ = false;
  std::optional<std::string> over_;
};

// Line and column (1-based) of byte `offset` in `text`, for error messages.
std::string position_of(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

Result<json::value> parse_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Error::make(ErrorCode::limit_exceeded,
                       "JSON document is " + std::to_string(text.size()) + " bytes; the limit is " +
                           std::to_string(limits.max_bytes));
  }
  json::parse_options options;
  options.max_depth = limits.max_depth;
  json::basic_parser<CountingHandler> parser(options, limits);
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used < text.size()) {
    ec = json::error::extra_data;
  }
  if (ec) {
    const std::string where = position_of(text, used);
    if (const auto& over = parser.handler().over_limit()) {
      return Error::make(ErrorCode::limit_exceeded, "the JSON document " + *over + ", at " + where);
    }
    std::string what = ec == json::error::too_deep
                           ? "nesting deeper than " + std::to_string(limits.max_depth) + " levels"
                           : ec.message();
    return Error::make(ErrorCode::invalid_json, "invalid JSON at " + where + ": " + what);
  }
  json::value value = parser.handler().release();
  if (parser.handler().saw_non_finite()) {
    if (auto pointer = find_non_finite(value)) {
      const std::string where = pointer->empty() ? "the number" : "the number at " + *pointer;
      Error error = Error::make(limits.out_of_range,
                                where + " is out of range: " + std::string(kNonFiniteRule));
      error.pointer = std::move(*pointer);
      return error;
    }
  }
  return value;
}

std::optional<std::string> find_non_finite(const json::value& value) {
  // Depth-first with an explicit stack: values built in memory may nest
  // deeper than any parse limit. The pointer is built only when one is found.
  struct Frame {
    const json::value* container;
    std::size_t next;
  };
  auto bad = [](const json::value& v) { return v.is_double() && !std::isfinite(v.get_double()); };
  if (bad(value)) {
    return std::string();
  }
  std::vector<Frame> stack;
  if (value.is_structured()) {
    stack.push_back({&value, 0});
  }
  while (!stack.empty()) {
    Frame& top = stack.back();
    const json::value* child = nullptr;
    if (const auto* object = top.container->if_object()) {
      child = top.next < object->size() ? &(object->begin() + top.next)->value() : nullptr;
    } else {
      const auto& array = top.container->get_array();
      child = top.next < array.size() ? &array[top.next] : nullptr;
    }
    if (child == nullptr) {
      stack.pop_back();
      continue;
    }
    ++top.next;
    if (bad(*child)) {
      std::string pointer;
      for (const Frame& frame : stack) {
        const std::size_t index = frame.next - 1;
        if (const auto* object = frame.container->if_object()) {
          pointer = pointer_join(pointer, (object->begin() + index)->key());
        } else {
          pointer = pointer_join(pointer, index);
        }
      }
      return pointer;
    }
    if (child->is_structured()) {
      stack.push_back({child, 0});
    }
  }
  return std::nullopt;
}

std::string pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_join(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  out += pointer_token(token);
  return out;
}

std::string pointer_join(std::string_view base, std::size_t index) {
  return std::string(base) + "/" + std::to_string(index);
}

std::string to_json_string(const json::value& value) {
  return json::serialize(value);
}

std::string_view kind_name(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "boolean";
    case json::kind::int64:
    case json::kind::uint64:
      return "integer";
    case json::kind::double_:
      return "number";
    case json::kind::string:
      return "string";
    case json::kind::array:
      return "array";
    case json::kind::object:
      return "object";
  }
  return "value";
}

}  // namespace weft
