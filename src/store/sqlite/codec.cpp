#include "store/sqlite/codec.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <limits>
#include <stdexcept>

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

Result<std::string> json_text(const json::value& value, std::string_view what) {
  if (auto pointer = find_non_finite(value)) {
    return Error::make(ErrorCode::invalid_argument,
                       "refusing to store " + std::string(what) + ": the number at `" + *pointer +
                           "` is not finite, and JSON cannot hold Infinity or NaN");
  }
  return json::serialize(value);
}

Status bind_json(Statement& statement, int index, const json::value& value, std::string_view what) {
  if (value.is_null()) {
    statement.bind_null(index);
    return Ok{};
  }
  return bind_json_text(statement, index, value, what);
}

Status bind_json_text(Statement& statement, int index, const json::value& value,
                      std::string_view what) {
  auto text = json_text(value, what);
  if (!text) {
    return std::move(text).error();
  }
  statement.bind(index, std::string_view(*text));
  return Ok{};
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

namespace {

// What was stored was written within the request limits, but engine values
// (merges, loops) may nest deeper than a request may; size is bounded by the row.
constexpr JsonLimits kStoredLimits{.max_bytes = std::numeric_limits<std::size_t>::max(),
                                   .max_depth = 1'000};

}  // namespace

json::value column_json(const Statement& statement, int column) {
  if (statement.is_null(column)) {
    return nullptr;
  }
  auto parsed = parse_json(statement.text(column), kStoredLimits);
  if (!parsed) {
    throw std::runtime_error("a stored JSON value cannot be read: " + parsed.error().message);
  }
  return std::move(*parsed);
}

json::value column_json_or_null(const Statement& statement, int column, bool& unreadable) {
  if (statement.is_null(column)) {
    return nullptr;
  }
  auto parsed = parse_json(statement.text(column), kStoredLimits);
  if (!parsed) {
    unreadable = true;
    return nullptr;
  }
  return std::move(*parsed);
}

}  // namespace weft::store::sqlite
