#include "store/sqlite/connection.hpp"

#include <sqlite3.h>

namespace weft::store::sqlite {

namespace {

std::string database_name(sqlite3* db) {
  const char* file = db == nullptr ? nullptr : sqlite3_db_filename(db, "main");
  return file == nullptr || *file == '\0' ? std::string("the database")
                                          : "the database `" + std::string(file) + "`";
}

}  // namespace

Error db_error(sqlite3* db, int rc) {
  const std::string name = database_name(db);
  const std::string detail = db == nullptr ? sqlite3_errstr(rc) : sqlite3_errmsg(db);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: {
      Error error = Error::make(ErrorCode::unavailable,
                                name + " stayed locked by another process or connection; " +
                                    "is another weft using the same data directory?");
      error.retryable = true;
      return error;
    }
    case SQLITE_FULL:
      return Error::make(ErrorCode::unavailable, "the disk holding " + name + " is full");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return Error::make(ErrorCode::unavailable, name + " cannot be written: " + detail);
    case SQLITE_CANTOPEN:
      return Error::make(ErrorCode::unavailable, name + " cannot be opened: " + detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error::make(ErrorCode::unavailable,
                         name + " is damaged or is not a Weft database: " + detail);
    case SQLITE_IOERR:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
      return Error::make(ErrorCode::unavailable,
                         "reading or writing " + name + " failed: " + detail);
    default:
      // SQLITE_ERROR, MISUSE, RANGE, CONSTRAINT…: our statements are wrong.
      return Error::make(ErrorCode::internal, name + " refused a request: " + detail);
  }
}

Statement::~Statement() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind(int index, std::optional<std::int64_t> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Result<bool> Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  return db_error(sqlite3_db_handle(stmt_), rc);
}

Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      return Ok{};
    }
  }
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string_view Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (data == nullptr) {
    return {};
  }
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::string> Statement::optional_string(int column) const {
  if (is_null(column)) {
    return std::nullopt;
  }
  return string(column);
}

std::optional<std::int64_t> Statement::optional_int64(int column) const {
  if (is_null(column)) {
    return std::nullopt;
  }
  return int64(column);
}

void Connection::Finalize::operator()(sqlite3_stmt* stmt) const {
  sqlite3_finalize(stmt);
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, OpenMode mode,
                                                     int busy_timeout_ms) {
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (mode == OpenMode::read_write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                                  : SQLITE_OPEN_READONLY);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error = db_error(db, rc);
    sqlite3_close_v2(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  return std::unique_ptr<Connection>(new Connection(db, busy_timeout_ms));
}

Connection::~Connection() {
  statements_.clear();  // statements are finalized before the connection closes
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::prepare(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    return Statement(found->second.get());
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return db_error(db_, rc);
  }
  auto& cached = statements_[std::string(sql)];
  cached.reset(stmt);
  return Statement(stmt);
}

Status Connection::execute_script(std::string_view sql) {
  const char* next = sql.data();
  const char* end = sql.data() + sql.size();
  while (next < end) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v2(db_, next, static_cast<int>(end - next), &raw, &tail);
    if (rc != SQLITE_OK) {
      return db_error(db_, rc);
    }
    next = tail;
    if (raw == nullptr) {
      continue;  // only whitespace or a comment was left
    }
    std::unique_ptr<sqlite3_stmt, Finalize> owned(raw);
    auto done = Statement(owned.get()).run();
    if (!done) {
      return done;
    }
  }
  return Ok{};
}

std::int64_t Connection::changes() const {
  return sqlite3_changes64(db_);
}

bool Connection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

void Connection::set_busy_timeout(int busy_timeout_ms) {
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  busy_timeout_ms_ = busy_timeout_ms;
}

}  // namespace weft::store::sqlite
