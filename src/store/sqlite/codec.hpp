#pragma once
// How store values become columns: times as integer milliseconds since the
// Unix epoch (UTC), JSON as text (SQL NULL for JSON null where the column allows it).

#include <cstdint>
#include <optional>

#include "common/json.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

std::int64_t to_ms(Time time);
Time from_ms(std::int64_t ms);
/// The current time, cut to what a column keeps (milliseconds).
Time now_ms();

void bind_time(Statement& statement, int index, Time time);
void bind_time(Statement& statement, int index, const std::optional<Time>& time);
/// Binds JSON text; `null` becomes SQL NULL. The last line against a number
/// that is not finite (Infinity, NaN): JSON cannot write one back, so a row
/// holding one could never be read again. Refused as invalid_argument naming
/// `what` (the column) and the number's pointer.
[[nodiscard]] Status bind_json(Statement& statement, int index, const json::value& value,
                               std::string_view what);
/// Binds JSON text, `null` included (for NOT NULL columns); refuses as bind_json does.
[[nodiscard]] Status bind_json_text(Statement& statement, int index, const json::value& value,
                                    std::string_view what);
/// `value` as JSON text, refusing a number that is not finite (see bind_json).
Result<std::string> json_text(const json::value& value, std::string_view what);

Time column_time(const Statement& statement, int column);
std::optional<Time> column_optional_time(const Statement& statement, int column);
/// Parses stored JSON text; SQL NULL is JSON null. Throws when the text is damaged
/// (caught at the Store boundary).
json::value column_json(const Statement& statement, int column);
/// Parses stored JSON text as column_json does, but a damaged text (a row
/// written by an older Weft, or edited by hand) reads as null and sets
/// `unreadable`: one bad row must not make a whole list fail.
json::value column_json_or_null(const Statement& statement, int column, bool& unreadable);

}  // namespace weft::store::sqlite
