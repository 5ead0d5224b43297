#pragma once
// Small helpers for the auth tables' statements: prepare, bind every
// parameter in order (?1, ?2, …) and run, in one call.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "store/sqlite/codec.hpp"
#include "store/sqlite/connection.hpp"

namespace weft::store::sqlite {

inline void bind_one(Statement& statement, int index, std::string_view text) {
  statement.bind(index, text);
}
inline void bind_one(Statement& statement, int index, const std::string& text) {
  statement.bind(index, std::string_view(text));
}
inline void bind_one(Statement& statement, int index, const char* text) {
  statement.bind(index, std::string_view(text));
}
inline void bind_one(Statement& statement, int index, std::int64_t value) {
  statement.bind(index, value);
}
inline void bind_one(Statement& statement, int index, const std::optional<std::string>& text) {
  statement.bind(index, text);
}
inline void bind_one(Statement& statement, int index, Time time) {
  bind_time(statement, index, time);
}
inline void bind_one(Statement& statement, int index, const std::optional<Time>& time) {
  bind_time(statement, index, time);
}

/// The cached statement for `sql` with `args` bound to ?1, ?2, … in order.
template <class... Args>
Result<Statement> prepare_bound(Connection& db, std::string_view sql, const Args&... args) {
  auto statement = db.prepare(sql);
  if (!statement) {
    return statement;
  }
  [[maybe_unused]] int index = 0;
  (bind_one(*statement, ++index, args), ...);
  return statement;
}

/// Runs `sql` with `args`; returns how many rows it changed.
template <class... Args>
Result<std::int64_t> execute(Connection& db, std::string_view sql, const Args&... args) {
  auto statement = prepare_bound(db, sql, args...);
  if (!statement) {
    return std::move(statement).error();
  }
  if (auto ran = statement->run(); !ran) {
    return std::move(ran).error();
  }
  return db.changes();
}

/// The one row of `sql` with `args` as `read(row)`, or `missing`.
template <class Read, class... Args>
auto select_one(Connection& db, std::string_view sql, Read read, Error missing, const Args&... args)
    -> Result<decltype(read(std::declval<const Statement&>()))> {
  auto statement = prepare_bound(db, sql, args...);
  if (!statement) {
    return std::move(statement).error();
  }
  return single_row(*statement, read, std::move(missing));
}

/// Every row of `sql` with `args` as `read(row)`.
template <class T, class Read, class... Args>
Result<std::vector<T>> select_all(Connection& db, std::string_view sql, Read read,
                                  const Args&... args) {
  auto statement = prepare_bound(db, sql, args...);
  if (!statement) {
    return std::move(statement).error();
  }
  return collect_rows<T>(*statement, read);
}

/// Whether `sql` with `args` yields a row.
template <class... Args>
Result<bool> exists(Connection& db, std::string_view sql, const Args&... args) {
  auto statement = prepare_bound(db, sql, args...);
  if (!statement) {
    return std::move(statement).error();
  }
  return statement->step();
}

}  // namespace weft::store::sqlite
