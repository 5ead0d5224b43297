#include "auth/identity.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace weft::auth {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

bool has_control(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

Result<std::string> normalize_email(std::string_view email) {
  std::string normal(trim(email));
  std::transform(normal.begin(), normal.end(), normal.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  const auto at = normal.find('@');
  const bool shaped = at != std::string::npos && at > 0 && at + 1 < normal.size() &&
                      normal.find('@', at + 1) == std::string::npos &&
                      normal.find_first_of(" \t,;<>\"") == std::string::npos &&
                      !has_control(normal);
  if (!shaped) {
    return Error::make(ErrorCode::invalid_argument,
                       "the email address is not valid: write it as name@example.com");
  }
  if (normal.size() > kMaxEmailBytes) {
    return Error::make(ErrorCode::invalid_argument,
                       "the email address is too long: at most 254 bytes");
  }
  return normal;
}

Result<std::string> display_name(std::string_view name, std::string_view email) {
  std::string_view chosen = trim(name);
  if (chosen.empty()) {
    chosen = email.substr(0, email.find('@'));
  }
  if (utf8_length(chosen) > kMaxNameChars || has_control(chosen)) {
    return Error::make(ErrorCode::invalid_argument,
                       "the name must have at most 200 characters and no control characters");
  }
  return std::string(chosen);
}

}  // namespace weft::auth
