#pragma once
// What a person types when they make an account: the email (trimmed and
// lower-cased so that one address is one account) and a display name.

#include <string>
#include <string_view>

#include "common/result.hpp"

namespace weft::auth {

inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMaxNameChars = 200;

/// `email` trimmed and lower-cased (ASCII); invalid_argument when it is not
/// of the form local@domain or longer than 254 bytes.
Result<std::string> normalize_email(std::string_view email);

/// `name` trimmed; the part of `email` before the @ when empty;
/// invalid_argument when too long or holding control characters.
Result<std::string> display_name(std::string_view name, std::string_view email);

}  // namespace weft::auth
