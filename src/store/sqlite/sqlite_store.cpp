#include "store/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <system_error>
#include <utility>

#include "store/migrations.hpp"
#include "store/sqlite/auth_store.hpp"
#include "store/sqlite/trigger_store.hpp"
#include "store/sqlite/codec.hpp"
#include "store/sqlite/executions.hpp"
#include "store/sqlite/files.hpp"
#include "store/sqlite/housekeeping.hpp"
#include "store/sqlite/jobs.hpp"
#include "store/sqlite/migrator.hpp"
#include "store/sqlite/pipelines.hpp"
#include "store/sqlite/pruner.hpp"
#include "store/sqlite/read_pool.hpp"
#include "store/sqlite/settings.hpp"
#include "store/sqlite/space.hpp"
#include "store/sqlite/write_connection.hpp"
#include "store/sqlite/writer.hpp"

namespace weft::store {

namespace {

using sqlite::Connection;

constexpr std::string_view kDatabaseFile = "weft.db";
/// The WAL file is cut back to this size after a checkpoint.
constexpr std::string_view kJournalSizeLimit = "67108864";
/// An older database is switched to incremental vacuum at open when its live
/// data is below this (a VACUUM rewrites it: a few seconds at most).
constexpr std::int64_t kConvertAtOpenBytes = 256LL * 1024 * 1024;

/// Runs `body`, turning an exception (a damaged stored document, no memory)
/// into an Error: nothing thrown leaves the Store.
template <class Body>
auto guarded(std::string_view doing, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Error::make(ErrorCode::internal, std::string(doing) + " failed: " + e.what());
  }
}

Result<std::string> database_path(const std::string& data_dir) {
  std::error_code error;
  std::filesystem::create_directories(data_dir, error);
  if (error) {
    return Error::make(ErrorCode::unavailable,
                       "cannot create the data directory `" + data_dir + "`: " + error.message());
  }
  return (std::filesystem::path(data_dir) / kDatabaseFile).string();
}

/// Opens the write connection in WAL mode.
Result<std::unique_ptr<Connection>> open_writer(const std::string& path,
                                                const SqliteOptions& options) {
  auto db = Connection::open(path, sqlite::OpenMode::read_write, options.busy_timeout_ms);
  if (!db) {
    return db;
  }
  const std::string pragmas = std::string(sqlite::kIncrementalVacuumPragma) +
                              "PRAGMA journal_mode = WAL; PRAGMA synchronous = " +
                              (options.durability == Durability::power_loss ? "FULL" : "NORMAL") +
                              "; PRAGMA journal_size_limit = " + std::string(kJournalSizeLimit) +
                              ";";
  if (auto set = (*db)->execute_script(pragmas); !set) {
    return std::move(set).error();
  }
  return db;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::string path, const SqliteOptions& options)
      : writer_(std::move(writer)),
        readers_(std::move(path), options.max_readers, options.busy_timeout_ms),
        group_commit_(writer_, {options.queue_limit, options.batch_limit}),
        prune_tuning_(options.prune_tuning) {
    if (options.retention) {
      pruner_ = std::make_unique<sqlite::Pruner>(writer_, *options.retention, prune_tuning_,
                                                 options.on_pruned, options.on_blobs_unused);
    }
  }

  Result<PipelineRecord> create_pipeline(std::string_view workspace,
                                         PipelineRecord record) override {
    return guarded("saving the pipeline", [&] {
      return writer_.with([&](Connection& db) {
        return sqlite::insert_pipeline(db, workspace, std::move(record), sqlite::now_ms());
      });
    });
  }

  Result<std::vector<PipelineRecord>> list_pipelines(std::string_view workspace) override {
    return guarded("listing pipelines", [&] {
      return read([&](Connection& db) { return sqlite::select_pipelines(db, workspace); });
    });
  }

  Result<PipelineRecord> get_pipeline(std::string_view workspace, std::string_view id) override {
    return guarded("reading the pipeline", [&] {
      return read([&](Connection& db) { return sqlite::select_pipeline(db, workspace, id); });
    });
  }

  Result<PipelineRecord> update_pipeline(std::string_view workspace, PipelineRecord record,
                                         std::int64_t base_version) override {
    return guarded("saving the pipeline", [&] {
      return writer_.with([&](Connection& db) {
        return sqlite::update_pipeline(db, workspace, std::move(record), base_version,
                                       sqlite::now_ms());
      });
    });
  }

  Result<std::optional<json::value>> get_setting(std::string_view key) override {
    return guarded("reading a setting",
                   [&] { return read([&](Connection& db) { return select_setting(db, key); }); });
  }

  Status put_setting(std::string_view key, const json::value& value) override {
    return guarded("saving a setting", [&] {
      return writer_.with([&](Connection& db) {
        return upsert_setting(db, key, value, sqlite::to_ms(sqlite::now_ms()));
      });
    });
  }

  Result<std::optional<json::value>> get_workspace_setting(std::string_view workspace,
                                                           std::string_view key) override {
    return guarded("reading a workspace setting", [&] {
      return read([&](Connection& db) { return select_workspace_setting(db, workspace, key); });
    });
  }

  Status put_workspace_setting(std::string_view workspace, std::string_view key,
                               const json::value& value) override {
    return guarded("saving a workspace setting", [&] {
      return writer_.with([&](Connection& db) {
        return upsert_workspace_setting(db, workspace, key, value, sqlite::to_ms(sqlite::now_ms()));
      });
    });
  }

  Status delete_pipeline(std::string_view workspace, std::string_view id) override {
    return guarded("deleting the pipeline", [&] {
      return writer_.with(
          [&](Connection& db) { return sqlite::delete_pipeline(db, workspace, id); });
    });
  }

  Result<std::vector<PipelineVersion>> list_versions(std::string_view workspace,
                                                     std::string_view id) override {
    return guarded("listing pipeline versions", [&] {
      return read([&](Connection& db) { return sqlite::select_versions(db, workspace, id); });
    });
  }

  Result<PipelineVersion> get_version(std::string_view workspace, std::string_view id,
                                      std::int64_t version) override {
    return guarded("reading the pipeline version", [&] {
      return read(
          [&](Connection& db) { return sqlite::select_version(db, workspace, id, version); });
    });
  }

  void write(std::vector<Write> writes, std::function<void(Status)> done) override {
    if (pruner_) {
      const auto created = std::count_if(writes.begin(), writes.end(), [](const Write& write) {
        return std::holds_alternative<CreateExecution>(write);
      });
      pruner_->note_created(created);
    }
    try {
      group_commit_.submit(std::move(writes), std::move(done));
    } catch (const std::exception&) {
      // Only std::bad_alloc gets here, after `done` was moved from: there is
      // nothing left to tell. Nothing was queued.
    }
  }

  Result<ExecutionPage> list_executions(std::string_view workspace,
                                        const ExecutionFilter& filter) override {
    return guarded("listing executions", [&] {
      return read([&](Connection& db) { return sqlite::select_executions(db, workspace, filter); });
    });
  }

  Result<ExecutionRecord> get_execution(std::string_view workspace, std::string_view id) override {
    return guarded("reading the execution", [&] {
      return read([&](Connection& db) { return sqlite::select_execution(db, workspace, id); });
    });
  }

  Result<std::vector<NodeRunRecord>> list_node_runs(std::string_view workspace,
                                                    std::string_view execution_id) override {
    return guarded("reading node runs", [&] {
      return read(
          [&](Connection& db) { return sqlite::select_node_runs(db, workspace, execution_id); });
    });
  }

  Result<std::vector<LeasedJob>> lease_jobs(std::string_view owner, std::size_t max, Time now,
                                            Time expires) override {
    return guarded("leasing jobs", [&] {
      return writer_.with(
          [&](Connection& db) { return sqlite::lease_jobs(db, owner, max, now, expires); });
    });
  }

  Result<std::int64_t> renew_leases(std::string_view owner, Time expires) override {
    return guarded("renewing job leases", [&] {
      return writer_.with([&](Connection& db) { return sqlite::renew_leases(db, owner, expires); });
    });
  }

  Result<std::int64_t> expire_all_leases() override {
    return guarded("ending job leases", [&] {
      flush();
      return writer_.with([&](Connection& db) { return sqlite::expire_all_leases(db); });
    });
  }

  Result<bool> remove_waiting_job(std::string_view workspace,
                                  std::string_view execution_id) override {
    return guarded("removing a queued job", [&] {
      return writer_.with(
          [&](Connection& db) { return sqlite::remove_waiting_job(db, workspace, execution_id); });
    });
  }

  Result<bool> request_job_cancel(std::string_view workspace,
                                  std::string_view execution_id) override {
    return guarded("asking to cancel a job", [&] {
      return writer_.with(
          [&](Connection& db) { return sqlite::request_job_cancel(db, workspace, execution_id); });
    });
  }

  Result<std::vector<JobToCancel>> jobs_to_cancel(std::string_view owner) override {
    return guarded("reading jobs to cancel", [&] {
      return read([&](Connection& db) { return sqlite::jobs_to_cancel(db, owner); });
    });
  }

  Result<std::optional<std::int64_t>> queue_position(std::string_view workspace,
                                                     std::string_view execution_id) override {
    return guarded("reading a queue position", [&] {
      return read(
          [&](Connection& db) { return sqlite::queue_position(db, workspace, execution_id); });
    });
  }

  Result<std::vector<QueueCount>> queue_counts(std::string_view workspace) override {
    return guarded("counting queued jobs", [&] {
      return read(
          [&](Connection& db) { return sqlite::queue_counts(db, workspace, sqlite::now_ms()); });
    });
  }

  Result<std::int64_t> interrupt_unfinished() override {
    return guarded("marking unfinished runs as interrupted", [&] {
      flush();  // runs queued before the call count as unfinished too
      return sqlite::interrupt_unfinished(writer_, sqlite::now_ms());
    });
  }

  Result<std::int64_t> prune(const RetentionPolicy& policy) override {
    return guarded("deleting old runs", [&]() -> Result<std::int64_t> {
      auto round = sqlite::prune_round(writer_, policy, sqlite::now_ms(), prune_tuning_, true);
      if (!round) {
        return std::move(round).error();
      }
      return round->deleted;
    });
  }

  void flush() override { group_commit_.flush(); }

  AuthStore& auth() override { return auth_; }
  TriggerStore& triggers() override { return triggers_; }

  Status insert_file(const FileRecord& record) override {
    return guarded("saving a file record", [&] {
      return writer_.with([&](Connection& db) { return sqlite::insert_file(db, record); });
    });
  }

  Result<FileRecord> get_file(std::string_view workspace, std::string_view id) override {
    return guarded("reading a file record", [&] {
      return read([&](Connection& db) { return sqlite::select_file(db, workspace, id); });
    });
  }

  Status attach_file(std::string_view workspace, std::string_view id,
                     std::string_view execution_id) override {
    return guarded("attaching a file to its run", [&] {
      return writer_.with(
          [&](Connection& db) { return sqlite::attach_file(db, workspace, id, execution_id); });
    });
  }

  Result<bool> file_blob_used(std::string_view sha256) override {
    // On the write connection: the file store asks just before removing a
    // blob, and must see an insert that committed a moment ago.
    return guarded("reading file records", [&] {
      return writer_.with([&](Connection& db) { return sqlite::file_blob_used(db, sha256); });
    });
  }

 private:
  /// Runs `body` on a read connection of this thread's own for the call.
  template <class Body>
  auto read(Body&& body) -> decltype(body(std::declval<Connection&>())) {
    auto lease = readers_.acquire();
    if (!lease) {
      return std::move(lease).error();
    }
    return body(**lease);
  }

  sqlite::WriteConnection writer_;
  sqlite::ReadPool readers_;
  sqlite::SqliteAuthStore auth_{writer_, readers_};
  sqlite::SqliteTriggerStore triggers_{writer_, readers_};
  // Destroyed before writer_: its destructor commits what is queued and
  // joins the thread that uses writer_.
  sqlite::GroupCommitWriter group_commit_;
  const PruneTuning prune_tuning_;
  // Last, so it is destroyed first: pruning stops (after its batch in
  // progress) before the last commit.
  std::unique_ptr<sqlite::Pruner> pruner_;
};

}  // namespace

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& data_dir,
                                                 SqliteOptions options) {
  return guarded("opening the store", [&]() -> Result<std::unique_ptr<Store>> {
    auto path = database_path(data_dir);
    if (!path) {
      return std::move(path).error();
    }
    auto writer = open_writer(*path, options);
    if (!writer) {
      return std::move(writer).error();
    }
    if (auto migrated = sqlite::apply_migrations(**writer, migrations()); !migrated) {
      return std::move(migrated).error();
    }
    // Best effort: when the switch fails (another process holds the file,
    // no room for the copy VACUUM makes), free pages are still reused and
    // the store works as before; the next start tries again.
    (void)sqlite::convert_to_incremental(**writer, kConvertAtOpenBytes);
    return std::unique_ptr<Store>(
        std::make_unique<SqliteStore>(std::move(*writer), std::move(*path), options));
  });
}

Result<int> migrate_sqlite(const std::string& data_dir) {
  return guarded("migrating the store", [&]() -> Result<int> {
    auto path = database_path(data_dir);
    if (!path) {
      return std::move(path).error();
    }
    auto writer = open_writer(*path, SqliteOptions{});
    if (!writer) {
      return std::move(writer).error();
    }
    return sqlite::apply_migrations(**writer, migrations());
  });
}

}  // namespace weft::store
