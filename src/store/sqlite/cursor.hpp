#pragma once
// The paging cursor of list_executions: the (created_at, id) of the last item
// of a page, written "<milliseconds>:<id>". Clients treat it as opaque.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace weft::store::sqlite {

struct Cursor {
  std::int64_t created_at_ms = 0;
  std::string id;
};

std::string encode_cursor(const Cursor& cursor);
/// nullopt when `text` is not a cursor this store wrote.
std::optional<Cursor> decode_cursor(std::string_view text);

}  // namespace weft::store::sqlite
