#include "store/sqlite/migrator.hpp"

#include <gtest/gtest.h>

#include <algorithm>

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

TEST(Migrator, RepairsJsonThatAnOlderWeftWroteWithInfinity) {
  TempDir dir;
  const auto all = migrations();
  const auto repair = std::find_if(all.begin(), all.end(), [](const Migration& m) {
    return m.name == "repair_non_finite_json";
  });
  ASSERT_NE(repair, all.end());
  {
    auto db = sqlite::Connection::open(dir.db_path(), sqlite::OpenMode::read_write, 1000);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(
        sqlite::apply_migrations(**db, all.first(static_cast<std::size_t>(repair - all.begin())))
            .ok());
  }
  // Rows as Boost.JSON wrote them for {"x": 1e999}, and one that only quotes the word.
  testing::run_sql(
      dir.db_path(),
      "INSERT INTO pipelines VALUES ('ws_default', 'p', 'p', '', 1,"
      " '{\"variables\":{\"x\":Infinity},\"nodes\":[],\"edges\":[]}', 0, 0);"
      "INSERT INTO executions VALUES ('ws_default', 'ex_1', 'p', 1, 'succeeded',"
      " '{\"x\":-Infinity,\"y\":[NaN,1,Infinity]}', 'Infinity', NULL, NULL, 0, 1);"
      "INSERT INTO executions VALUES ('ws_default', 'ex_2', 'p', 1, 'succeeded',"
      " '{\"film\":\"Infinity War\",\"n\":\",NaN\"}', NULL, NULL, NULL, 0, 1);"
      "INSERT INTO node_runs (workspace_id, execution_id, node_id, type, status, output)"
      " VALUES ('ws_default', 'ex_1', 'calc', 'transform', 'succeeded', '{\"r\":Infinity}');");
  {
    auto db = sqlite::Connection::open(dir.db_path(), sqlite::OpenMode::read_write, 1000);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(sqlite::apply_migrations(**db, all).ok());
  }
  EXPECT_EQ(query_column(dir.db_path(), "SELECT definition FROM pipelines"),
            std::vector<std::string>{R"({"variables":{"x":null},"nodes":[],"edges":[]})"});
  EXPECT_EQ(query_column(dir.db_path(),
                         "SELECT inputs || ' ' || outputs FROM executions"
                         " WHERE id = 'ex_1'"),
            std::vector<std::string>{R"({"x":null,"y":[null,1,null]} null)"});
  EXPECT_EQ(query_column(dir.db_path(), "SELECT inputs FROM executions WHERE id = 'ex_2'"),
            std::vector<std::string>{R"({"film":"Infinity War","n":",NaN"})"});
  EXPECT_EQ(query_column(dir.db_path(), "SELECT output FROM node_runs"),
            std::vector<std::string>{R"({"r":null})"});
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
