// `weft serve`: the API server on the embedded default (SQLite under --data,
// runs in-process), until SIGINT/SIGTERM.
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "api/api.hpp"
#include "api/auth_gate.hpp"
#include "api/provider_directory.hpp"
#include "api/server_settings.hpp"
#include "api/static_files.hpp"
#include "api/ws/run_hub.hpp"
#include "api/ws/websocket_service.hpp"
#include "app/commands.hpp"
#include "app/data_dir_lock.hpp"
#include "app/seed_examples.hpp"
#include "app/vault_credentials.hpp"
#include "auth/auth.hpp"
#include "common/ids.hpp"
#include "engine/engine.hpp"
#include "engine/events.hpp"
#include "files/directory_file_store.hpp"
#include "files/node_files.hpp"
#include "files/unused_blobs.hpp"
#include "integrations/http_client.hpp"
#include "llm/provider_registry.hpp"
#include "runs/embedded_job_queue.hpp"
#include "runs/run_service.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "triggers/error_pipelines.hpp"
#include "triggers/rate_limiter.hpp"
#include "triggers/scheduler.hpp"
#include "triggers/trigger_runs.hpp"

namespace weft::app {
namespace {

namespace asio = boost::asio;
constexpr std::chrono::milliseconds kShutdownGrace{10'000};
constexpr std::chrono::seconds kRetentionFirst{0};
constexpr std::chrono::hours kRetentionEvery{1};

/// Server log lines (JSON) on stderr; access log lines share the same stream.
class Log {
 public:
  void line(const std::string& text) {
    std::lock_guard lock(mutex_);  // guards std::cerr between threads
    std::cerr << text << "\n";
  }
  /// Whole lines, each already ending in '\n' (the access log's batches).
  void lines(std::string_view text) {
    std::lock_guard lock(mutex_);
    std::cerr.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  void event(std::string_view message, json::object fields = {}) {
    fields["time"] = engine::format_time(std::chrono::system_clock::now());
    fields["message"] = message;
    line(to_json_string(fields));
  }

 private:
  std::mutex mutex_;
};

/// Prunes expired refresh tokens and invites, and audit entries past
/// `policy`'s age, on a thread of its own: at start, then every hour. (The
/// store prunes executions itself, as fast as they come in.)
class Retention {
 public:
  Retention(auth::Auth& auth, Log& log, store::RetentionPolicy policy)
      : policy_(policy), thread_([this, &auth, &log] { loop(auth, log); }) {}
  ~Retention() { stop(); }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
      thread_.join();
    }
  }

 private:
  void loop(auth::Auth& auth, Log& log) {
    auto delay = std::chrono::duration_cast<std::chrono::milliseconds>(kRetentionFirst);
    for (;;) {
      {
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, delay, [this] { return stopping_; })) {
          return;
        }
      }
      const auto keep_audit = policy_.max_age_days > 0
                                  ? std::optional(std::chrono::hours(24 * policy_.max_age_days))
                                  : std::nullopt;
      if (auto expired = auth.prune(keep_audit); expired && *expired > 0) {
        log.event("pruned expired sessions, invites and old audit entries", {{"count", *expired}});
      }
      delay = std::chrono::duration_cast<std::chrono::milliseconds>(kRetentionEvery);
    }
  }

  const store::RetentionPolicy policy_;
  std::mutex mutex_;  // guards stopping_
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

store::RetentionPolicy retention_policy(const ServeArgs& args) {
  store::RetentionPolicy policy;
  policy.max_age_days = args.keep_days;
  policy.max_per_pipeline = args.keep_per_pipeline;
  policy.max_per_workspace = args.keep_per_workspace;
  return policy;
}

/// The store prunes executions by the retention flags, and says so in the log.
store::SqliteOptions sqlite_options(const ServeArgs& args, Log& log) {
  store::SqliteOptions options;
  options.retention = retention_policy(args);
  options.on_pruned = [&log](const Result<store::PruneReport>& report) {
    if (!report) {
      log.event("pruning old executions failed", {{"error", report.error().message}});
      return;
    }
    log.event("pruned old executions", {{"count", report->deleted},
                                        {"rounds", report->rounds},
                                        {"db_bytes", report->file_bytes},
                                        {"free_bytes", report->free_bytes},
                                        {"wal_bytes", report->wal_bytes}});
  };
  return options;
}

/// The account services, with the master key from WEFT_SECRET_KEY or the data directory.
Result<std::unique_ptr<auth::Auth>> open_auth(const ServeArgs& args, store::Store& store,
                                              Log& log) {
  const char* env = std::getenv(std::string(auth::kSecretKeyEnv).c_str());
  auto keys =
      auth::load_keys(args.data, env != nullptr ? std::optional<std::string>(env) : std::nullopt);
  if (!keys) {
    return keys.error();
  }
  if (keys->created) {
    log.event("created the master key; back it up: credentials cannot be read without it",
              {{"file", keys->key_file}});
  }
  auth::AuthOptions options;
  options.allow_registration = args.allow_signup;
  auto opened = auth::Auth::create(store, std::move(*keys), std::move(options));
  if (opened) {
    // Credentials sealed with a key this server lacks (a lost or swapped key
    // file) cannot be opened: say so at start, not at the first run that needs one.
    if (auto keys_fit = (*opened)->check_keys(); !keys_fit) {
      log.event("stored credentials cannot be opened with this master key",
                {{"error", keys_fit.error().message}});
    }
  }
  return opened;
}

}  // namespace

/// Scale-out servers share one master key, so it must come from
/// WEFT_SECRET_KEY: a key file is one machine's, an ephemeral key dies with
/// the process. Checked before anything is opened.
Status check_scale_out(const ServeArgs& args) {
  if (args.db.empty() && args.queue.empty()) {
    return Ok{};
  }
  const char* key = std::getenv(std::string(auth::kSecretKeyEnv).c_str());
  if (key == nullptr || *key == '\0') {
    return Error::make(ErrorCode::invalid_argument,
                       "scale-out (--db/--queue) needs WEFT_SECRET_KEY: every server and worker "
                       "must share the master key; generate one with `openssl rand -base64 32`");
  }
  if (auto parsed = auth::MasterKey::parse(key, auth::KeySource::environment, auth::kSecretKeyEnv);
      !parsed) {
    return parsed.error();
  }
  return Error::make(ErrorCode::invalid_argument,
                     "scale-out (--db/--queue) is not available in this version; run without "
                     "them for the embedded mode");
}

int serve_command(const ServeArgs& args) {
  Log log;
  if (auto scale_out = check_scale_out(args); !scale_out) {
    std::cerr << "weft serve: " << scale_out.error().message << "\n";
    return 2;
  }
  auto access_log = api::parse_access_log_policy(args.access_log);
  if (!access_log) {
    std::cerr << "weft serve: " << access_log.error().message << "\n";
    return 2;
  }
  files::UnusedBlobs unused_blobs;  // the pruner's thread hands these to the file store
  auto options = sqlite_options(args, log);
  options.on_blobs_unused = [&unused_blobs](const auto& blobs) { unused_blobs.remove(blobs); };
  auto opened = store::open_sqlite_store(args.data, std::move(options));
  if (!opened) {
    std::cerr << "weft serve: " << opened.error().message << "\n";
    return 1;
  }
  // Before anything is written: a second server would mark the first one's
  // runs as interrupted.
  auto lock = DataDirLock::acquire(args.data, "weft serve");
  if (!lock) {
    std::cerr << "weft serve: " << lock.error().message << "\n";
    return 1;
  }
  store::Store& store = **opened;
  if (auto interrupted = store.interrupt_unfinished(); interrupted && *interrupted > 0) {
    log.event("marked runs left unfinished by the last stop as interrupted",
              {{"count", *interrupted}});
  }
  // The lock proves that no other process works on this data directory, so
  // every lease left is a dead worker's: its jobs are taken over at once.
  if (auto expired = store.expire_all_leases(); expired && *expired > 0) {
    log.event("resuming runs left unfinished by the last stop", {{"count", *expired}});
  }
  auto auth = open_auth(args, store, log);
  if (!auth) {
    std::cerr << "weft serve: " << auth.error().message << "\n";
    return 2;
  }
  auto guard = integrations::AddressGuard::from_env();
  if (!guard) {
    std::cerr << "weft serve: " << guard.error().message << "\n";
    return 2;
  }
  const nodes::Registry registry = nodes::make_core_registry();
  api::ProviderDirectory providers(store, **auth, guard.value());
  if (auto configured = providers.load_server(); !configured) {
    log.event("the stored server LLM providers could not be applied; using the environment's",
              {{"error", configured.error().message}});
  }
  api::ServerSettings server_settings(store, (*auth)->accounts());
  const char* metrics_token = std::getenv(std::string(api::kMetricsTokenEnv).c_str());
  if (auto loaded = server_settings.load(
          metrics_token != nullptr ? std::optional<std::string>(metrics_token) : std::nullopt);
      !loaded) {
    log.event("the stored server settings could not be read", {{"error", loaded.error().message}});
  }
  auto http = integrations::make_http_client(std::move(guard).value());
  const VaultCredentials credentials(**auth);
  files::StoreFileIndex file_index(store);
  auto file_store = files::DirectoryFileStore::open(files::files_directory(args.data), file_index);
  if (!file_store) {
    std::cerr << "weft serve: " << file_store.error().message << "\n";
    return 1;
  }
  const files::UnusedBlobs::Attachment blobs_attached(unused_blobs, **file_store);
  const files::NodeFiles node_files(**file_store);
  const engine::Engine engine(
      {.http = http.get(), .llm = &providers, .credentials = &credentials, .files = &node_files});
  const unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  asio::io_context context(static_cast<int>(threads));
  auto work = asio::make_work_guard(context);
  api::Metrics metrics;
  runs::PipelineCache cache(registry);
  api::RunHub hub(store);
  runs::LocalRunEventBus bus;
  bus.subscribe(hub);
  api::WebSocketService websockets(hub);
  runs::RunManager runs(context, engine, store, metrics, &bus);
  runs::EmbeddedJobQueue queue(store);
  runs::RunService run_service(
      store, queue, cache, runs,
      runs::WorkerOptions{new_id("wk"), static_cast<std::size_t>(args.run_workers)});
  api::ApiContext api_context{store, runs, cache, registry, metrics, api::ServerLimits{}};
  api_context.run_service = &run_service;
  triggers::Scheduler scheduler(
      store.triggers(), [&](const store::TriggerRecord& trigger, store::Time) {
        return triggers::start_scheduled_run(store, cache, run_service, trigger);
      });
  triggers::RateLimiter trigger_limits;
  triggers::ErrorPipelines error_pipelines(store, cache, run_service);
  bus.subscribe(error_pipelines);
  api_context.scheduler = &scheduler;
  api_context.trigger_limits = &trigger_limits;
  api_context.files = file_store->get();
  api_context.websockets = &websockets;
  api_context.auth = auth->get();
  api_context.providers = &providers;
  api_context.server_settings = &server_settings;
  asio::thread_pool blocking(2);
  api_context.blocking = &blocking;
  api::Router router;
  api::add_routes(router, api_context);
  api::add_static_files(router, args.web);
  api::Server server(context, router, api_context.limits,
                     {*access_log, [&log](std::string_view lines) { log.lines(lines); }});
  api_context.server = &server;
  server.set_middleware(api::make_auth_gate(**auth));

  if (auto seeded = seed_examples_once(store, args.examples); !seeded) {
    log.event("the example pipelines could not be loaded", {{"error", seeded.error().message}});
  } else if (seeded->has_value()) {
    log.event("new data directory; loaded example pipelines",
              {{"count", **seeded}, {"from", args.examples}});
  }
  if (auto listening = server.listen(args.host, args.port); !listening) {
    std::cerr << "weft serve: " << listening.error().message << "\n";
    return 1;
  }
  log.event("serving", {{"url", "http://" + args.host + ":" + std::to_string(server.port())},
                        {"data", args.data},
                        {"web", args.web},
                        {"threads", threads}});

  Retention retention(**auth, log, retention_policy(args));
  asio::signal_set signals(context, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code ec, int signal) {
    if (ec) {
      return;
    }
    log.event("stopping", {{"signal", signal}, {"runs_in_flight", runs.in_flight()}});
    scheduler.stop();
    run_service.stop();  // no new leases; queued jobs wait for the next start
    server.stop();
    websockets.stop();
    // on_idle may run on the store's writer thread, where flush() would wait
    // for itself: hop to the io_context first.
    runs.shutdown(kShutdownGrace, [&] {
      asio::post(context, [&] {
        store.flush();
        work.reset();
      });
    });
  });

  run_service.start();
  scheduler.start();
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) {
    pool.emplace_back([&context] { context.run(); });
  }
  context.run();
  for (auto& t : pool) {
    t.join();
  }
  retention.stop();
  store.flush();
  log.event("stopped");
  return 0;
}

}  // namespace weft::app
