#include "expr/errors.hpp"

namespace weft::expr {
namespace {

// Quotes longer than this are cut so a message stays readable.
constexpr std::size_t max_quote_bytes = 60;

}  // namespace

std::string at_column(std::size_t offset) {
  return "at column " + std::to_string(offset + 1);
}

Error expression_error(std::string message) {
  return Error::make(ErrorCode::expression_error, std::move(message));
}

Error limit_error(std::string message) {
  return Error::make(ErrorCode::limit_exceeded, std::move(message));
}

std::string quote(std::string_view text) {
  if (text.size() <= max_quote_bytes) {
    return "`" + std::string(text) + "`";
  }
  std::size_t cut = max_quote_bytes;
  // Do not cut a UTF-8 sequence in half.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;
  }
  return "`" + std::string(text.substr(0, cut)) + "…`";
}

Result<json::value> finite_result(json::value value, std::string_view source) {
  auto pointer = find_non_finite(value);
  if (!pointer) {
    return value;
  }
  return expression_error(quote(source) + " gives a number that is not finite" +
                          (pointer->empty() ? "" : " at " + *pointer) +
                          "; JSON has no Infinity or NaN");
}

std::string did_you_mean(std::string_view suggestion) {
  if (suggestion.empty()) {
    return "";
  }
  return "; did you mean `" + std::string(suggestion) + "`?";
}

}  // namespace weft::expr
