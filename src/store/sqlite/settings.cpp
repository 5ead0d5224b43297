#include "store/sqlite/settings.hpp"

#include "store/sqlite/codec.hpp"

namespace weft::store::sqlite {
namespace {

constexpr std::string_view kSelect = "SELECT value FROM settings WHERE key = ?1";
constexpr std::string_view kUpsert =
    "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

}  // namespace

Result<std::optional<json::value>> select_setting(Connection& db, std::string_view key) {
  auto statement = db.prepare(kSelect);
  if (!statement) {
    return std::move(statement).error();
  }
  statement->bind(1, key);
  auto row = statement->step();
  if (!row) {
    return std::move(row).error();
  }
  if (!*row) {
    return std::optional<json::value>{};
  }
  auto value = parse_json(statement->text(0));
  if (!value) {
    return std::move(value).error();
  }
  return std::optional<json::value>(std::move(*value));
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

}  // namespace weft::store::sqlite
