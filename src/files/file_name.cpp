#include "files/file_name.hpp"

#include <algorithm>
#include <cctype>

namespace weft::files {
namespace {

constexpr std::string_view kFallbackName = "file";
constexpr std::string_view kFallbackMime = "application/octet-stream";
constexpr std::size_t kMaxMimeBytes = 127;

/// Bytes of the well-formed UTF-8 character at the start of `text`; 0 when
/// it is not one (a stray continuation byte, a truncated or overlong form).
std::size_t utf8_char_bytes(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  if (lead < 0x80) {
    return 1;
  }
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
  } else {
    return 0;
  }
  if (text.size() < length) {
    return 0;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xc0) != 0x80) {
      return 0;
    }
  }
  const auto second = static_cast<unsigned char>(text[1]);
  const bool overlong = (lead == 0xe0 && second < 0xa0) || (lead == 0xf0 && second < 0x90);
  const bool surrogate = lead == 0xed && second >= 0xa0;
  const bool too_high = lead == 0xf4 && second >= 0x90;
  return overlong || surrogate || too_high ? 0 : length;
}

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

}  // namespace

std::string display_name(std::string_view sent) {
  const auto slash = sent.find_last_of("/\\");
  if (slash != std::string_view::npos) {
    sent.remove_prefix(slash + 1);
  }
  std::string name;
  while (!sent.empty()) {
    const std::size_t length = utf8_char_bytes(sent);
    if (length == 0 || (length == 1 && is_control(static_cast<unsigned char>(sent[0])))) {
      sent.remove_prefix(1);
      continue;
    }
    if (name.size() + length > kMaxNameBytes) {
      break;
    }
    name.append(sent.substr(0, length));
    sent.remove_prefix(length);
  }
  const auto first = name.find_first_not_of(' ');
  if (first == std::string::npos) {
    return std::string(kFallbackName);
  }
  name.erase(0, first);
  name.erase(name.find_last_not_of(' ') + 1);
  if (name == "." || name == "..") {
    return std::string(kFallbackName);
  }
  return name;
}

bool is_utf8(std::string_view text) {
  while (!text.empty()) {
    const std::size_t length = utf8_char_bytes(text);
    if (length == 0) {
      return false;
    }
    text.remove_prefix(length);
  }
  return true;
}

std::string clean_mime(std::string_view sent) {
  sent = sent.substr(0, sent.find(';'));
  while (!sent.empty() && sent.front() == ' ') {
    sent.remove_prefix(1);
  }
  while (!sent.empty() && sent.back() == ' ') {
    sent.remove_suffix(1);
  }
  // RFC 6838 restricted names: letters, digits and !#$&-^_.+ on both sides of one `/`.
  const auto token = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$&-^_.+").find(c) != std::string_view::npos;
  };
  const auto slash = sent.find('/');
  const bool shaped = slash != std::string_view::npos && slash > 0 && slash + 1 < sent.size() &&
                      sent.size() <= kMaxMimeBytes &&
                      std::all_of(sent.begin(), sent.begin() + static_cast<long>(slash), token) &&
                      std::all_of(sent.begin() + static_cast<long>(slash) + 1, sent.end(), token);
  if (!shaped) {
    return std::string(kFallbackMime);
  }
  std::string mime(sent);
  std::transform(mime.begin(), mime.end(), mime.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return mime;
}

}  // namespace weft::files
