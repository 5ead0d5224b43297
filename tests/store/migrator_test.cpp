#include "store/sqlite/migrator.hpp"

#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store/sqlite/connection.hpp"
#include "store/store_fixture.hpp"

namespace weft::store {
namespace {

using testing::query_column;
using testing::TempDir;

TEST(Migrator, AppliesEveryMigrationOnceAndRecordsIt) {
  TempDir dir;
  auto first = migrate_sqlite(dir.path());
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, static_cast<int>(migrations().size()));

  auto again = migrate_sqlite(dir.path());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);

  // Opening the store finds nothing pending either, and keeps one row per migration.
  auto store = testing::open_store(dir.path());
  ASSERT_NE(store, nullptr);
  std::vector<std::string> expected;
  for (const Migration& migration : migrations()) {
    expected.push_back(std::to_string(migration.number) + "_" + std::string(migration.name));
  }
  EXPECT_EQ(query_column(dir.db_path(),
                         "SELECT number || '_' || name FROM schema_migrations ORDER BY number"),
            expected);
  EXPECT_EQ(expected.front(), "1_initial");
}

TEST(Migrator, CreatesTheDefaultWorkspace) {
  TempDir dir;
  ASSERT_TRUE(migrate_sqlite(dir.path()).ok());
  EXPECT_EQ(query_column(dir.db_path(), "SELECT id FROM workspaces"),
            std::vector<std::string>{std::string(kDefaultWorkspace)});
}

TEST(Migrator, AFailedMigrationLeavesNothingBehind) {
  TempDir dir;
  auto db = sqlite::Connection::open(dir.db_path(), sqlite::OpenMode::read_write, 1000);
  ASSERT_TRUE(db.ok());
  const Migration steps[] = {
      {1, "tables", "CREATE TABLE a (x INTEGER);"},
      {2, "broken", "CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);"},
  };
  auto applied = sqlite::apply_migrations(**db, steps);
  ASSERT_FALSE(applied.ok());
  EXPECT_EQ(applied.error().code, ErrorCode::internal);
  EXPECT_NE(applied.error().message.find("2_broken"), std::string::npos) << applied.error().message;
  db->reset();

  EXPECT_EQ(query_column(dir.db_path(), "SELECT number FROM schema_migrations"),
            std::vector<std::string>{"1"});
  EXPECT_EQ(query_column(dir.db_path(),
                         "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN "
                         "('a', 'b') ORDER BY name"),
            std::vector<std::string>{"a"});
}

TEST(Migrator, RefusesADatabaseFromANewerWeft) {
  TempDir dir;
  ASSERT_TRUE(migrate_sqlite(dir.path()).ok());
  testing::run_sql(dir.db_path(),
                   "INSERT INTO schema_migrations (number, name, applied_at) VALUES (999, 'x', 0)");
  auto store = open_sqlite_store(dir.path());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, ErrorCode::unavailable);
  EXPECT_NE(store.error().message.find("newer Weft"), std::string::npos);
}

}  // namespace
}  // namespace weft::store
