#include "expr/text.hpp"

#include <charconv>
#include <cmath>

namespace weft::expr {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

bool is_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

void write_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\\u00";
          out += hex_digits[(c >> 4) & 0xF];
          out += hex_digits[c & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void write_array(std::string& out, const json::array& array) {
  out += '[';
  bool first = true;
  for (const auto& element : array) {
    if (!first) {
      out += ',';
    }
    first = false;
    write_json(out, element);
  }
  out += ']';
}

void write_object(std::string& out, const json::object& object) {
  out += '{';
  bool first = true;
  for (const auto& entry : object) {
    if (!first) {
      out += ',';
    }
    first = false;
    write_string(out, entry.key());
    out += ':';
    write_json(out, entry.value());
  }
  out += '}';
}

}  // namespace

std::string format_double(double d) {
  if (!std::isfinite(d)) {
    return "null";
  }
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
  return std::string(buffer, result.ptr);
}

void write_json(std::string& out, const json::value& value) {
  switch (value.kind()) {
    case json::kind::null:
      out += "null";
      return;
    case json::kind::bool_:
      out += value.get_bool() ? "true" : "false";
      return;
    case json::kind::int64:
      out += std::to_string(value.get_int64());
      return;
    case json::kind::uint64:
      out += std::to_string(value.get_uint64());
      return;
    case json::kind::double_:
      out += format_double(value.get_double());
      return;
    case json::kind::string:
      write_string(out, value.get_string());
      return;
    case json::kind::array:
      write_array(out, value.get_array());
      return;
    case json::kind::object:
      write_object(out, value.get_object());
      return;
  }
}

void append_text(std::string& out, const json::value& value) {
  if (value.is_string()) {
    out += value.get_string();
  } else if (!value.is_null()) {
    write_json(out, value);
  }
}

std::size_t code_point_count(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    count += is_continuation(c) ? 0 : 1;
  }
  return count;
}

std::size_t code_point_offset(std::string_view text, std::size_t index) {
  std::size_t seen = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) {
      continue;
    }
    if (seen == index) {
      return i;
    }
    ++seen;
  }
  return text.size();
}

}  // namespace weft::expr
