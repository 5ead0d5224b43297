#include "store/sqlite/settings.hpp"

#include "store/sqlite/codec.hpp"

namespace weft::store::sqlite {
namespace {

constexpr std::string_view kSelect = "SELECT value FROM settings WHERE key = ?1";
constexpr std::string_view kUpsert =
    "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";
constexpr std::string_view kSelectInWorkspace =
    "SELECT value FROM workspace_settings WHERE workspace_id = ?1 AND key = ?2";
constexpr std::string_view kUpsertInWorkspace =
    "INSERT INTO workspace_settings (workspace_id, key, value, updated_at)"
    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (workspace_id, key)"
    " DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

Result<std::optional<json::value>> first_value(Statement& statement) {
  auto row = statement.step();
  if (!row) {
    return std::move(row).error();
  }
  if (!*row) {
    return std::optional<json::value>{};
  }
  auto value = parse_json(statement.text(0));
  if (!value) {
    return std::move(value).error();
  }
  return std::optional<json::value>(std::move(*value));
}

}  // namespace

Result<std::optional<json::value>> select_setting(Connection& db, std::string_view key) {
  auto statement = db.prepare(kSelect);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, key);
  return first_value(*statement);
}

Status upsert_setting(Connection& db, std::string_view key, const json::value& value,
                      std::int64_t now_ms) {
  auto statement = db.prepare(kUpsert);
  if (!statement) {
    return std::move(statement).error();
  }
  auto text = json_text(value, "the setting `" + std::string(key) + "`");
  if (!text) {
    return std::move(text).error();
  }
  statement->bind(1, key).bind(2, *text).bind(3, now_ms);
  return statement->run();
}

Result<std::optional<json::value>> select_workspace_setting(Connection& db,
                                                            std::string_view workspace,
                                                            std::string_view key) {
  auto statement = db.prepare(kSelectInWorkspace);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, workspace).bind(2, key);
  return first_value(*statement);
}

Status upsert_workspace_setting(Connection& db, std::string_view workspace, std::string_view key,
                                const json::value& value, std::int64_t now_ms) {
  auto statement = db.prepare(kUpsertInWorkspace);
  if (!statement) {
    return std::move(statement).error();
  }
  const std::string text = to_json_string(value);
  statement->bind(1, workspace).bind(2, key).bind(3, text).bind(4, now_ms);
  return statement->run();
}

}  // namespace weft::store::sqlite
