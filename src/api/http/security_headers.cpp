#include "api/http/security_headers.hpp"

#include <algorithm>
#include <cctype>

namespace weft::api {
namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

}  // namespace

std::string_view content_security_policy(std::string_view content_type) {
  return starts_with_ignoring_case(content_type, "text/html") ? kEditorPolicy : kResourcePolicy;
}

bool is_security_header(std::string_view lower_case_name) {
  constexpr std::array<std::string_view, 4> kNames{
      "content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"};
  return std::find(kNames.begin(), kNames.end(), lower_case_name) != kNames.end();
}

}  // namespace weft::api
