#include "store/sqlite/codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>

namespace weft::store::sqlite {

std::int64_t to_ms(Time time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

Time from_ms(std::int64_t ms) {
  return Time(std::chrono::duration_cast<Time::duration>(std::chrono::milliseconds(ms)));
}

Time now_ms() {
  return from_ms(to_ms(std::chrono::system_clock::now()));
}

void bind_time(Statement& statement, int index, Time time) {
  statement.bind(index, to_ms(time));
}

void bind_time(Statement& statement, int index, const std::optional<Time>& time) {
  if (time) {
    statement.bind(index, to_ms(*time));
  } else {
    statement.bind_null(index);
  }
}

void bind_json(Statement& statement, int index, const json::value& value) {
  if (value.is_null()) {
    statement.bind_null(index);
  } else {
    bind_json_text(statement, index, value);
  }
}

void bind_json_text(Statement& statement, int index, const json::value& value) {
  statement.bind(index, std::string_view(json::serialize(value)));
}

Time column_time(const Statement& statement, int column) {
  return from_ms(statement.int64(column));
}

std::optional<Time> column_optional_time(const Statement& statement, int column) {
  if (statement.is_null(column)) {
    return std::nullopt;
  }
  return column_time(statement, column);
}

json::value column_json(const Statement& statement, int column) {
  if (statement.is_null(column)) {
    return nullptr;
  }
  return json::parse(statement.text(column));
}

}  // namespace weft::store::sqlite
