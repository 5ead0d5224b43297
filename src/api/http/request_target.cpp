#include "api/http/request_target.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <vector>

namespace weft::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

/// Percent-decodes `text`; nullopt on a malformed escape ("%zz", a lone "%").
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      if (i + 2 >= text.size()) {
        return std::nullopt;
      }
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) {
        return std::nullopt;
      }
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
  }
  return out;
}

bool has_control_byte(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
  }
  return false;
}

/// Length of the UTF-8 sequence starting with `lead`, 0 when it cannot start one.
std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xc2 && lead <= 0xdf) {
    return 2;
  }
  if (lead >= 0xe0 && lead <= 0xef) {
    return 3;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    return 4;
  }
  return 0;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_length(lead);
    if (length == 0 || i + length > text.size()) {
      return false;
    }
    std::uint32_t code = length == 1 ? lead : lead & (0xff >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80) {
        return false;
      }
      code = (code << 6) | (next & 0x3f);
    }
    constexpr std::uint32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinimum[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return false;
    }
    i += length;
  }
  return true;
}

Error bad_target(std::string message) {
  return Error::make(ErrorCode::invalid_argument, std::move(message));
}

/// Splits, decodes and resolves the path part of a target (see the header).
Result<std::string> normalise_path(std::string_view raw) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // raw[0] is '/'
  while (start <= raw.size()) {
    std::size_t end = std::min(raw.find('/', start), raw.size());
    auto segment = percent_decode(raw.substr(start, end - start), false);
    start = end + 1;
    if (!segment) {
      return bad_target("the path has a malformed percent-escape");
    }
    if (segment->find('/') != std::string::npos) {
      return bad_target("the path has an encoded '/' (%2F) inside a segment; that is not allowed");
    }
    if (has_control_byte(*segment)) {
      return bad_target("the path contains a control character");
    }
    if (!is_valid_utf8(*segment)) {
      return bad_target("the path is not valid UTF-8");
    }
    if (segment->empty() || *segment == ".") {
      continue;
    }
    if (*segment == "..") {
      if (!segments.empty()) {
        segments.pop_back();
      }
      continue;
    }
    segments.push_back(std::move(*segment));
  }
  std::string path;
  for (const auto& segment : segments) {
    path += '/';
    path += segment;
  }
  return path.empty() ? std::string("/") : path;
}

Result<std::unordered_map<std::string, std::string>> parse_query(std::string_view raw) {
  std::unordered_map<std::string, std::string> query;
  std::size_t start = 0;
  while (start <= raw.size()) {
    std::size_t end = std::min(raw.find('&', start), raw.size());
    std::string_view pair = raw.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) {
      continue;
    }
    std::size_t equals = pair.find('=');
    auto key = percent_decode(pair.substr(0, equals), true);
    auto value = percent_decode(
        equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1), true);
    if (!key || !value) {
      return bad_target("the query string has a malformed percent-escape");
    }
    if (!key->empty()) {
      query[std::move(*key)] = std::move(*value);  // the last value wins
    }
  }
  return query;
}

/// The origin-form part of an absolute-form target ("http://h:1/p?q" -> "/p?q").
std::string_view strip_scheme_and_authority(std::string_view target) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() &&
        std::equal(scheme.begin(), scheme.end(), target.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        })) {
      std::size_t slash = target.find_first_of("/?", scheme.size());
      if (slash == std::string_view::npos) {
        return "/";
      }
      if (target[slash] == '?') {
        return {};  // "http://h?q" has no path: refuse rather than guess
      }
      return target.substr(slash);
    }
  }
  return target;
}

}  // namespace

Result<RequestTarget> parse_request_target(std::string_view target) {
  target = strip_scheme_and_authority(target);
  target = target.substr(0, target.find('#'));  // a fragment is never sent; ignore one if it is
  if (target.empty() || target.front() != '/') {
    return bad_target("the request target must be a path starting with '/'");
  }
  if (has_control_byte(target)) {
    return bad_target("the request target contains a control character");
  }
  const std::size_t question = target.find('?');
  auto path = normalise_path(target.substr(0, question));
  if (!path) {
    return std::move(path).error();
  }
  RequestTarget out;
  out.path = std::move(path).value();
  if (question != std::string_view::npos) {
    auto query = parse_query(target.substr(question + 1));
    if (!query) {
      return std::move(query).error();
    }
    out.query = std::move(query).value();
  }
  return out;
}

std::string printable_path(std::string_view text) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c <= 0x20 || c >= 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace weft::api
