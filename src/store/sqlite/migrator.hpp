#pragma once
// Applies the numbered schema migrations (src/store/migrations/) that a
// database has not seen yet, each in its own transaction, recording each in
// `schema_migrations`.

#include <span>

#include "common/result.hpp"
#include "store/migrations.hpp"
#include "store/sqlite/connection.hpp"

namespace weft::store::sqlite {

/// Applies the pending ones of `all` (ascending numbers); returns how many.
/// Safe against another process migrating the same file at the same time.
Result<int> apply_migrations(Connection& db, std::span<const Migration> all);

}  // namespace weft::store::sqlite
