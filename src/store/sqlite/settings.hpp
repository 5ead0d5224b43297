#pragma once
// The settings tables: JSON values by key, server-wide or per workspace.

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace weft::store::sqlite {

Result<std::optional<json::value>> select_setting(Connection& db, std::string_view key);
Status upsert_setting(Connection& db, std::string_view key, const json::value& value,
                      std::int64_t now_ms);
Result<std::optional<json::value>> select_workspace_setting(Connection& db,
                                                            std::string_view workspace,
                                                            std::string_view key);
Status upsert_workspace_setting(Connection& db, std::string_view workspace, std::string_view key,
                                const json::value& value, std::int64_t now_ms);

}  // namespace weft::store::sqlite
