#include "common/json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>

namespace weft {
namespace {

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
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  const std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec && used < text.size()) {
    ec = json::error::extra_data;
  }
  if (!ec) {
    parser.finish(ec);
  }
  if (ec) {
    std::string what = ec == json::error::too_deep
                           ? "nesting deeper than " + std::to_string(limits.max_depth) + " levels"
                           : ec.message();
    return Error::make(ErrorCode::invalid_json,
                       "invalid JSON at " + position_of(text, used) + ": " + what);
  }
  return parser.release();
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
