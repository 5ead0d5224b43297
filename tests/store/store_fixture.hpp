#pragma once
// Shared helpers for the store tests: a fresh temporary data directory per
// test, record builders, a synchronous write, and raw SQL on the file.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace weft::store::testing {

/// A directory under /tmp, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "weft_store_XXXXXX").string();
    const char* made = mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string db_path() const { return path_ + "/weft.db"; }

 private:
  std::string path_;
};

inline std::unique_ptr<Store> open_store(const std::string& dir, SqliteOptions options = {}) {
  auto store = open_sqlite_store(dir, options);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return store.ok() ? std::move(*store) : nullptr;
}

/// A fixed instant, so orderings in tests do not depend on the clock.
inline Time at_ms(std::int64_t ms) {
  return Time(std::chrono::duration_cast<Time::duration>(std::chrono::milliseconds(ms)));
}
inline constexpr std::int64_t kBaseMs = 1'700'000'000'000;

inline Time now_ms() {
  return at_ms(std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count());
}

inline ExecutionRecord make_execution(std::string workspace, std::string id, std::string pipeline,
                                      Time created_at, std::string status = "running") {
  ExecutionRecord record;
  record.workspace_id = std::move(workspace);
  record.id = std::move(id);
  record.pipeline_id = std::move(pipeline);
  record.pipeline_version = 1;
  record.status = std::move(status);
  record.inputs = json::object{{"question", "why"}};
  record.created_at = created_at;
  return record;
}

inline NodeRunRecord make_node_run(std::string workspace, std::string execution, std::string node,
                                   std::string status, std::optional<Time> started_at) {
  NodeRunRecord record;
  record.workspace_id = std::move(workspace);
  record.execution_id = std::move(execution);
  record.node_id = std::move(node);
  record.type = "llm";
  record.status = std::move(status);
  record.attempts = 1;
  record.started_at = started_at;
  record.logs = json::array{};
  record.handles = json::array{};
  return record;
}

inline FinishExecution make_finish(std::string workspace, std::string execution, std::string status,
                                   Time finished_at) {
  FinishExecution finish;
  finish.workspace_id = std::move(workspace);
  finish.execution_id = std::move(execution);
  finish.status = std::move(status);
  finish.outputs = json::object{{"answer", 42}};
  finish.finished_at = finished_at;
  return finish;
}

/// A finished run the way the engine writes it: created, `nodes` node runs
/// each with an output of about `output_bytes`, finished.
inline std::vector<Write> make_run(const std::string& workspace, const std::string& id,
                                   const std::string& pipeline, Time created_at, int nodes,
                                   std::size_t output_bytes) {
  std::vector<Write> writes{CreateExecution{make_execution(workspace, id, pipeline, created_at)}};
  for (int i = 0; i < nodes; ++i) {
    NodeRunRecord node =
        make_node_run(workspace, id, "n" + std::to_string(i), "succeeded", created_at);
    node.output = json::object{{"text", std::string(output_bytes, 'x')}};
    writes.push_back(SaveNodeRun{std::move(node)});
  }
  writes.push_back(make_finish(workspace, id, "succeeded", created_at));
  return writes;
}

/// A file's size, 0 when it does not exist.
inline std::int64_t file_size(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<std::int64_t>(size);
}

/// write() and wait for its `done`.
inline Status write_and_wait(Store& store, std::vector<Write> writes) {
  std::promise<Status> promise;
  auto result = promise.get_future();
  store.write(std::move(writes),
              [&promise](Status status) { promise.set_value(std::move(status)); });
  return result.get();
}

/// Stores a finished execution (with no node runs) and waits for it.
inline void add_execution(Store& store, ExecutionRecord execution) {
  auto status = write_and_wait(store, {CreateExecution{std::move(execution)}});
  ASSERT_TRUE(status.ok()) << status.error().message;
}

/// The first column of every row of `sql`, run on its own connection to the file.
inline std::vector<std::string> query_column(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> values;
  EXPECT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  while (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(statement, 0);
    values.emplace_back(text == nullptr ? "" : reinterpret_cast<const char*>(text));
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return values;
}

inline void run_sql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message == nullptr ? "" : message);
  sqlite3_free(message);
  sqlite3_close(db);
}

inline std::int64_t count_rows(const std::string& db_path, const std::string& table) {
  auto values = query_column(db_path, "SELECT count(*) FROM " + table);
  return values.empty() ? -1 : std::stoll(values.front());
}

}  // namespace weft::store::testing
