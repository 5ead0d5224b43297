#pragma once
// The numbered schema migrations in src/store/migrations/NNNN_name.sql,
// embedded into the binary at build time (cmake/embed_migrations.cmake).

#include <span>
#include <string_view>

namespace weft::store {

struct Migration {
  int number = 0;
  std::string_view name;
  std::string_view sql;
};

/// Every migration, in ascending number.
std::span<const Migration> migrations();

}  // namespace weft::store
