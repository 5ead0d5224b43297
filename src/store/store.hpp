#pragma once
// The Store: everything Weft keeps. Callers never know which database is
// behind it (SQLite embedded, PostgreSQL in scale-out). Every owned row
// carries a workspace id and every call is scoped by one.
//
// Threading: every method may be called from any thread at once. Reads run
// on the caller's thread against a connection of its own. Writes of run
// records go through one writer that commits many callers' writes in one
// transaction (group commit); `write` returns at once and `done` is called on
// the writer's thread once the batch is durable.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"
#include "store/auth_store.hpp"
#include "store/trigger_store.hpp"

namespace weft::store {

using Time = std::chrono::system_clock::time_point;

/// The one workspace until accounts exist.
inline constexpr std::string_view kDefaultWorkspace = "ws_default";

struct PipelineRecord {
  std::string workspace_id;
  std::string id;
  std::string name;
  std::string description;
  std::int64_t version = 1;  ///< the current version; every update adds one
  json::value definition;    ///< the pipeline document as saved
  Time created_at;
  Time updated_at;
  std::optional<std::string> last_run_status;  ///< status of the newest execution
  bool unreadable = false;  ///< the stored definition could not be decoded; it reads as null
};

struct PipelineVersion {
  std::string pipeline_id;
  std::int64_t version = 0;
  std::string name;
  json::value definition;
  Time created_at;
  bool unreadable = false;  ///< the stored definition could not be decoded; it reads as null
};

struct ExecutionRecord {
  std::string workspace_id;
  std::string id;
  std::string pipeline_id;
  std::int64_t pipeline_version = 0;
  std::string status;   ///< queued, running, succeeded, failed, cancelled, interrupted
  json::value inputs;   ///< object
  json::value outputs;  ///< object, or null while running
  json::value error;    ///< null, or {code, message, node_id?}
  std::optional<std::string> retry_of;  ///< the execution this one retries
  /// What started it: manual, api, editor, retry, cli, schedule, webhook, form, error_pipeline.
  std::string trigger = "api";
  std::optional<std::string> trigger_id;  ///< the schedule, webhook or form that started it
  Time created_at;
  std::optional<Time> finished_at;
  bool unreadable = false;  ///< a stored JSON column could not be decoded; it reads as null
};

struct NodeRunRecord {
  std::string workspace_id;
  std::string execution_id;
  std::string node_id;
  std::string type;
  std::string status;  ///< pending, running, succeeded, failed, skipped, cancelled
  int attempts = 0;
  std::optional<Time> started_at;
  std::optional<Time> finished_at;
  json::value output;       ///< null when none
  json::value error;        ///< null when none
  json::value logs;         ///< array of {time, level, message}
  json::value handles;      ///< array of chosen handles (condition/switch), for retries
  bool unreadable = false;  ///< a stored JSON column could not be decoded; it reads as null
};

struct ExecutionFilter {
  std::optional<std::string> pipeline_id;
  std::optional<std::string> status;
  std::optional<std::string> trigger;
  std::optional<std::string> trigger_id;
  std::optional<Time> from;  ///< created_at >= from
  std::optional<Time> to;    ///< created_at < to
  std::string cursor;        ///< opaque; "" for the first page
  int limit = 50;            ///< 1..200
};

struct ExecutionPage {
  std::vector<ExecutionRecord> items;  ///< newest first
  std::string next_cursor;             ///< "" when there are no more
};

/// Which finished executions are kept; whichever limit is reached first
/// applies. The age and the workspace limit are n8n's defaults
/// (EXECUTIONS_DATA_MAX_AGE 336 h, EXECUTIONS_DATA_PRUNE_MAX_COUNT 10,000).
struct RetentionPolicy {
  int max_age_days = 14;          ///< 0 = keep forever
  int max_per_pipeline = 1000;    ///< 0 = no limit
  int max_per_workspace = 10000;  ///< 0 = no limit
  int batch_size = 500;           ///< executions deleted per transaction
};

// The run-record writes that go through the group-commit writer.
struct CreateExecution {
  ExecutionRecord execution;
};
struct SaveNodeRun {
  NodeRunRecord node_run;  ///< insert or replace by (execution_id, node_id)
};
struct FinishExecution {
  std::string workspace_id;
  std::string execution_id;
  std::string status;
  json::value outputs;
  json::value error;
  Time finished_at;
};
/// A queued execution that a worker starts.
struct StartExecution {
  std::string workspace_id;
  std::string execution_id;
};
/// Puts a job in the queue (DESIGN §13), leased at once to `owner` when one
/// is given (a run that starts on the spot still holds a lease, so that a
/// crash leaves it to be taken over like any other).
struct EnqueueJob {
  std::string workspace_id;
  std::string execution_id;
  std::string pipeline_id;
  std::int64_t priority = 0;
  std::optional<std::int64_t> run_concurrency;
  json::value payload;  ///< the Job as JSON
  std::optional<std::string> owner;
  Time lease_expires_at{};
};
/// Removes a finished job, only while `owner` still holds it at `generation`:
/// a worker whose lease was taken over cannot commit (fencing).
struct AckJob {
  std::string execution_id;
  std::string owner;
  std::int64_t generation = 0;
};
/// Removes an execution and its node runs (save mode `none`, or `errors` for a run that succeeded).
struct DiscardExecution {
  std::string workspace_id;
  std::string execution_id;
};
using Write = std::variant<CreateExecution, SaveNodeRun, FinishExecution, StartExecution,
                           EnqueueJob, AckJob, DiscardExecution>;

/// A job a worker holds.
struct LeasedJob {
  std::string execution_id;
  std::int64_t generation = 0;
  json::value payload;
  bool cancel_requested = false;  ///< asked to cancel while its last holder had it
};

/// A held job someone asked to cancel.
struct JobToCancel {
  std::string workspace_id;
  std::string execution_id;
};

/// Jobs waiting and running, per pipeline of one workspace.
struct QueueCount {
  std::string pipeline_id;
  std::int64_t queued = 0;
  std::int64_t running = 0;
};

/// One file value's record (src/files/); the bytes live in the file store,
/// named by `sha256`.
struct FileRecord {
  std::string workspace_id;
  std::string id;
  std::optional<std::string> execution_id;  ///< none: an upload no run has used yet
  std::string name;                         ///< for display only, already neutralised
  std::string mime;
  std::int64_t size = 0;
  std::string sha256;  ///< lowercase hex
  Time created_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Pipelines. Errors: not_found (unknown id), conflict (stale base version or
  // taken id), invalid_argument.
  virtual Result<PipelineRecord> create_pipeline(std::string_view workspace,
                                                 PipelineRecord record) = 0;
  virtual Result<std::vector<PipelineRecord>> list_pipelines(std::string_view workspace) = 0;
  virtual Result<PipelineRecord> get_pipeline(std::string_view workspace, std::string_view id) = 0;
  /// Stores `record.definition`/`name`/`description` as version base_version+1,
  /// only if the current version is still `base_version`.
  virtual Result<PipelineRecord> update_pipeline(std::string_view workspace, PipelineRecord record,
                                                 std::int64_t base_version) = 0;
  /// Deletes the pipeline, its versions, executions and node runs.
  virtual Status delete_pipeline(std::string_view workspace, std::string_view id) = 0;
  virtual Result<std::vector<PipelineVersion>> list_versions(std::string_view workspace,
                                                             std::string_view id) = 0;
  virtual Result<PipelineVersion> get_version(std::string_view workspace, std::string_view id,
                                              std::int64_t version) = 0;

  // Executions.
  /// Queues `writes` for the next group commit; `done` (may be empty) runs on
  /// the writer thread after the transaction holding them committed or failed.
  virtual void write(std::vector<Write> writes, std::function<void(Status)> done) = 0;
  virtual Result<ExecutionPage> list_executions(std::string_view workspace,
                                                const ExecutionFilter& filter) = 0;
  virtual Result<ExecutionRecord> get_execution(std::string_view workspace,
                                                std::string_view id) = 0;
  virtual Result<std::vector<NodeRunRecord>> list_node_runs(std::string_view workspace,
                                                            std::string_view execution_id) = 0;

  // The job queue (embedded: the `jobs` table).
  /// Leases up to `max` jobs to `owner` until `expires`: waiting ones and
  /// those whose lease expired, highest priority first, FIFO within one, never
  /// more running at once for a pipeline than its job's `run_concurrency`, nor
  /// for a workspace than its `runs` setting's `run_concurrency`.
  virtual Result<std::vector<LeasedJob>> lease_jobs(std::string_view owner, std::size_t max,
                                                    Time now, Time expires) = 0;
  /// Extends every lease `owner` holds; returns how many it still holds.
  virtual Result<std::int64_t> renew_leases(std::string_view owner, Time expires) = 0;
  /// Ends every lease (at start, when the data directory's lock proves that
  /// no other worker can hold one); returns how many.
  virtual Result<std::int64_t> expire_all_leases() = 0;
  /// Removes a job nobody holds yet; false when it is leased or gone.
  virtual Result<bool> remove_waiting_job(std::string_view workspace,
                                          std::string_view execution_id) = 0;
  /// Marks a held job for cancelling by its holder; false when nobody holds it.
  virtual Result<bool> request_job_cancel(std::string_view workspace,
                                          std::string_view execution_id) = 0;
  /// The jobs `owner` holds that are marked for cancelling.
  virtual Result<std::vector<JobToCancel>> jobs_to_cancel(std::string_view owner) = 0;
  /// 1-based place of a waiting job in its workspace's queue; nullopt when not waiting.
  virtual Result<std::optional<std::int64_t>> queue_position(std::string_view workspace,
                                                             std::string_view execution_id) = 0;
  virtual Result<std::vector<QueueCount>> queue_counts(std::string_view workspace) = 0;

  // Server-wide settings (JSON by key; never secrets).
  virtual Result<std::optional<json::value>> get_setting(std::string_view key) = 0;
  virtual Status put_setting(std::string_view key, const json::value& value) = 0;
  // Settings of one workspace (JSON by key; never secrets).
  virtual Result<std::optional<json::value>> get_workspace_setting(std::string_view workspace,
                                                                   std::string_view key) = 0;
  virtual Status put_workspace_setting(std::string_view workspace, std::string_view key,
                                       const json::value& value) = 0;

  // Housekeeping.
  /// Marks executions still queued or running that have no job (so nothing
  /// can finish them: rows from before the job queue) as `interrupted`; returns how many.
  virtual Result<std::int64_t> interrupt_unfinished() = 0;
  /// Deletes executions (and their node runs) beyond the policy, in batches,
  /// then gives the freed space back; returns how many.
  virtual Result<std::int64_t> prune(const RetentionPolicy& policy) = 0;
  /// Waits until every queued write has committed (for shutdown and tests).
  virtual void flush() = 0;

  /// Accounts, sessions, API keys, credentials and the audit log (src/auth/).
  virtual AuthStore& auth() = 0;
  /// Schedules, webhooks and forms (src/triggers/).
  virtual TriggerStore& triggers() = 0;

  // Files (src/files/): the records; the file store keeps the bytes.
  /// Errors: conflict (id taken).
  virtual Status insert_file(const FileRecord& record) = 0;
  /// Errors: not_found (no such file in `workspace`).
  virtual Result<FileRecord> get_file(std::string_view workspace, std::string_view id) = 0;
  /// Gives the file to `execution_id` (it then goes when that execution goes).
  virtual Status attach_file(std::string_view workspace, std::string_view id,
                             std::string_view execution_id) = 0;
  /// Whether any file record names the blob `sha256`.
  virtual Result<bool> file_blob_used(std::string_view sha256) = 0;
};

}  // namespace weft::store
