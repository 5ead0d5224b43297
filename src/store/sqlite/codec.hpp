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
/// Binds JSON text; `null` becomes SQL NULL.
void bind_json(Statement& statement, int index, const json::value& value);
/// Binds JSON text, `null` included (for NOT NULL columns).
void bind_json_text(Statement& statement, int index, const json::value& value);

Time column_time(const Statement& statement, int column);
std::optional<Time> column_optional_time(const Statement& statement, int column);
/// Parses stored JSON text; SQL NULL is JSON null. Throws when the text is damaged
/// (caught at the Store boundary).
json::value column_json(const Statement& statement, int column);

}  // namespace weft::store::sqlite
