#pragma once
// One SQLite connection and its cache of prepared statements: every SQL text
// is prepared once (SQLITE_PREPARE_PERSISTENT) and reset after each use.
//
// Threading: a Connection is used by one thread at a time. Whoever owns it
// says how (WriteConnection's mutex, ReadPool's leases); SQLite is opened
// with SQLITE_OPEN_NOMUTEX because of that.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace weft::store::sqlite {

/// An Error a person can act on for SQLite result code `rc` (never the SQL).
Error db_error(sqlite3* db, int rc);

/// A cached prepared statement, borrowed for one use: the destructor resets it
/// and clears its bindings, which also ends the read transaction it held.
/// The same SQL must not be prepared again on the connection while borrowed.
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement();
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  /// Binds 1-based parameter `index`; text is copied.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) {
    return bind(index, std::string_view(text));
  }
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, std::optional<std::int64_t> value);
  Statement& bind_null(int index);

  /// Steps once: true when a row is ready, false when the statement is done.
  Result<bool> step();
  /// Steps to the end, ignoring rows.
  Status run();

  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  std::string_view text(int column) const;
  std::string string(int column) const { return std::string(text(column)); }
  std::optional<std::string> optional_string(int column) const;
  std::optional<std::int64_t> optional_int64(int column) const;

 private:
  sqlite3_stmt* stmt_;
};

enum class OpenMode { read_write, read_only };

/// The first row of `statement` as `read(statement)`, or `missing` when there is none.
template <class Read>
auto single_row(Statement& statement, Read read, Error missing)
    -> Result<decltype(read(statement))> {
  auto row = statement.step();
  if (!row) {
    return std::move(row).error();
  }
  if (!*row) {
    return missing;
  }
  return read(statement);
}

/// Steps `statement` to its end, collecting `read(statement)` for each row.
template <class T, class Read>
Result<std::vector<T>> collect_rows(Statement& statement, Read read) {
  std::vector<T> rows;
  for (;;) {
    auto row = statement.step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return rows;
    }
    rows.push_back(read(statement));
  }
}

class Connection {
 public:
  /// Opens `path` (created in read_write mode) with a busy timeout.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, OpenMode mode,
                                                  int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// The cached statement for `sql`, prepared on first use.
  Result<Statement> prepare(std::string_view sql);
  /// Runs one or more statements once, without caching (pragmas, migrations).
  Status execute_script(std::string_view sql);
  /// Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  /// Whether a transaction is open (SQLite rolls back by itself after some errors).
  bool in_transaction() const;
  /// How long a statement waits for a lock another connection holds, from now on.
  void set_busy_timeout(int busy_timeout_ms);
  int busy_timeout_ms() const { return busy_timeout_ms_; }

 private:
  Connection(sqlite3* db, int busy_timeout_ms) : db_(db), busy_timeout_ms_(busy_timeout_ms) {}

  struct Finalize {
    void operator()(sqlite3_stmt* stmt) const;
  };
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };

  sqlite3* db_;
  int busy_timeout_ms_;
  std::unordered_map<std::string, std::unique_ptr<sqlite3_stmt, Finalize>, TextHash,
                     std::equal_to<>>
      statements_;
};

}  // namespace weft::store::sqlite
