#include "store/sqlite/cursor.hpp"

#include <charconv>

namespace weft::store::sqlite {

namespace {

constexpr std::size_t kMaxIdLength = 128;
constexpr std::size_t kMaxMsDigits = 18;

}  // namespace

std::string encode_cursor(const Cursor& cursor) {
  return std::to_string(cursor.created_at_ms) + ":" + cursor.id;
}

std::optional<Cursor> decode_cursor(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) {
    return std::nullopt;
  }
  Cursor cursor;
  const char* first = text.data();
  const char* last = text.data() + colon;
  // Digits only (no sign), as encode_cursor writes them and the OpenAPI pattern says.
  const auto [end, error] = std::from_chars(first, last, cursor.created_at_ms);
  if (error != std::errc{} || end != last || colon > kMaxMsDigits || *first == '-') {
    return std::nullopt;
  }
  const std::string_view id = text.substr(colon + 1);
  if (id.empty() || id.size() > kMaxIdLength) {
    return std::nullopt;
  }
  for (char c : id) {
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
      return std::nullopt;
    }
  }
  cursor.id = std::string(id);
  return cursor;
}

}  // namespace weft::store::sqlite
