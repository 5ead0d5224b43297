// The run service as every trigger uses it (DESIGN §13): a run started at
// once, one queued for a worker, a retry reusing the blocks that succeeded,
// an editor test run; cancel of a run held by another worker sharing the
// database; the workspace's run limit; a taken-over test run is interrupted.

#include "runs/run_service.hpp"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "integrations/http_client.hpp"
#include "nodes/registry.hpp"
#include "runs/embedded_job_queue.hpp"
#include "store/store_fixture.hpp"

namespace weft::runs {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

const std::string kWs(store::kDefaultWorkspace);

class CountingMetrics final : public RunMetrics {
 public:
  void run_started() override {}
  void run_finished(std::string_view) override {}
  void node_run(std::string_view, double) override {}
};

/// input n → delay `ms` → output {n}.
std::string slow_pipeline(int ms) {
  return R"({"id": "slow", "nodes": [
    {"id": "n", "type": "input_json", "config": {"name": "n"}},
    {"id": "wait", "type": "delay", "config": {"ms": )" +
         std::to_string(ms) + R"(}},
    {"id": "out", "type": "output_json", "config": {"name": "n", "value": "{{ n.json }}"}}],
    "edges": [{"source": "n", "target": "wait"}, {"source": "wait", "target": "out"}]})";
}

/// One worker process: its io threads, run manager and run service, on a
/// store shared with the other workers of the test.
class Worker {
 public:
  Worker(store::Store& store, const nodes::Registry& registry, const engine::Engine& engine,
         std::string owner)
      : cache_(registry),
        runs_(context_, engine, store, metrics_),
        queue_(store),
        service_(store, queue_, cache_, runs_, WorkerOptions{std::move(owner), 16, 30s, 20ms}) {
    for (int i = 0; i < 2; ++i) {
      threads_.emplace_back([this] { context_.run(); });
    }
    service_.start();
  }
  ~Worker() {
    service_.stop();
    std::promise<void> idle;
    runs_.shutdown(0ms, [&] { idle.set_value(); });
    idle.get_future().wait();
    work_.reset();
    context_.stop();
    for (auto& t : threads_) {
      t.join();
    }
  }

  RunService& service() { return service_; }
  PipelineCache& cache() { return cache_; }

 private:
  asio::io_context context_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ =
      asio::make_work_guard(context_);
  CountingMetrics metrics_;
  PipelineCache cache_;
  RunManager runs_;
  EmbeddedJobQueue queue_;
  RunService service_;
  std::vector<std::thread> threads_;
};

class RunServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { save_pipeline(slow_pipeline(0)); }

  void save_pipeline(const std::string& text) {
    store::PipelineRecord record;
    record.id = "slow";
    record.name = "slow";
    record.definition = boost::json::parse(text);
    auto existing = store_->get_pipeline(kWs, "slow");
    auto saved = existing ? store_->update_pipeline(kWs, record, existing->version)
                          : store_->create_pipeline(kWs, record);
    ASSERT_TRUE(saved.ok()) << saved.error().message;
    version_ = saved->version;
    graph_ = a_.cache()
                 .get({kWs, "slow", saved->version, saved->updated_at}, saved->definition)
                 .pipeline;
    ASSERT_TRUE(graph_);
  }

  Submission submission(int n, Trigger trigger = Trigger::api) {
    return Submission{job_for(kWs, "slow", version_, *graph_, json::object{{"n", n}}, trigger),
                      graph_};
  }

  /// Submits and waits for the recorded result.
  RunSummary run(Worker& worker, Submission s) {
    std::promise<RunSummary> done;
    s.on_finished = [&](const RunSummary& summary) { done.set_value(summary); };
    auto submitted = worker.service().submit(std::move(s));
    EXPECT_TRUE(submitted.ok()) << submitted.error().message;
    auto future = done.get_future();
    EXPECT_EQ(future.wait_for(20s), std::future_status::ready);
    return future.get();
  }

  std::string status_of(const std::string& id) {
    store_->flush();
    auto execution = store_->get_execution(kWs, id);
    return execution ? execution->status : "missing: " + execution.error().message;
  }

  bool wait_for_status(const std::string& id, const std::string& status) {
    for (int i = 0; i < 500; ++i) {
      if (status_of(id) == status) {
        return true;
      }
      std::this_thread::sleep_for(10ms);
    }
    return false;
  }

  store::testing::TempDir dir_;
  std::unique_ptr<store::Store> store_ = store::testing::open_store(dir_.path());
  nodes::Registry registry_ = nodes::make_core_registry();
  std::unique_ptr<integrations::HttpClient> http_ =
      integrations::make_http_client(integrations::AddressGuard{});
  engine::Engine engine_{{.http = http_.get()}};
  Worker a_{*store_, registry_, engine_, "wk_a"};
  std::int64_t version_ = 0;
  std::shared_ptr<const pipeline::CompiledGraph> graph_;
};

TEST_F(RunServiceTest, ARunStartedAtOnceIsRecordedAndLeavesNoJob) {
  auto s = submission(7);
  s.at_once = true;
  const auto summary = run(a_, std::move(s));
  EXPECT_EQ(summary.status, "succeeded");
  EXPECT_EQ(summary.outputs, (json::object{{"n", 7}}));
  EXPECT_EQ(status_of(summary.execution_id), "succeeded");
  EXPECT_TRUE(a_.service().queue().depth(kWs)->empty());
}

TEST_F(RunServiceTest, AQueuedRunIsDurableBeforeItIsAnsweredThenAWorkerRunsIt) {
  std::promise<Status> recorded;
  auto s = submission(8);
  s.on_recorded = [&](Status status) { recorded.set_value(std::move(status)); };
  std::promise<RunSummary> done;
  s.on_finished = [&](const RunSummary& summary) { done.set_value(summary); };
  auto submitted = a_.service().submit(std::move(s));
  ASSERT_TRUE(submitted.ok());
  EXPECT_FALSE(submitted->started);
  auto durable = recorded.get_future();
  ASSERT_EQ(durable.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(durable.get().ok());
  auto finished = done.get_future();
  ASSERT_EQ(finished.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(finished.get().outputs, (json::object{{"n", 8}}));
  EXPECT_EQ(status_of(submitted->execution_id), "succeeded");
}

TEST_F(RunServiceTest, ARetryReusesTheBlocksThatSucceeded) {
  // A failed run whose input block recorded 42 and whose output block failed.
  auto failed =
      store::testing::make_execution(kWs, "ex_failed", "slow", store::testing::now_ms(), "failed");
  failed.pipeline_version = version_;
  auto input =
      store::testing::make_node_run(kWs, "ex_failed", "n", "succeeded", store::testing::now_ms());
  input.output = json::object{{"json", 42}};
  auto waited = store::testing::make_node_run(kWs, "ex_failed", "wait", "succeeded",
                                              store::testing::now_ms());
  waited.output = json::object{};
  auto out =
      store::testing::make_node_run(kWs, "ex_failed", "out", "failed", store::testing::now_ms());
  ASSERT_TRUE(store::testing::write_and_wait(
                  *store_, {store::CreateExecution{failed}, store::SaveNodeRun{input},
                            store::SaveNodeRun{waited}, store::SaveNodeRun{out}})
                  .ok());
  auto retry = submission(1, Trigger::retry);
  retry.job.retry_of = "ex_failed";  // queued: the worker finds what to reuse
  const auto again = run(a_, std::move(retry));
  EXPECT_EQ(again.status, "succeeded");
  EXPECT_EQ(again.outputs, (json::object{{"n", 42}}));  // the recorded input, not the new one
  EXPECT_EQ(store_->get_execution(kWs, again.execution_id)->retry_of, "ex_failed");
}

TEST_F(RunServiceTest, AnEditorTestRunStartsAtOnceAndIsKeptWhateverTheSaveMode) {
  ASSERT_TRUE(
      store_->put_workspace_setting(kWs, "runs", json::object{{"run_concurrency", 1}}).ok());
  auto s = submission(3, Trigger::editor);
  s.job.save = SaveMode::all;
  s.skip = {"wait"};
  std::promise<RunSummary> done;
  s.on_finished = [&](const RunSummary& summary) { done.set_value(summary); };
  auto submitted = a_.service().submit(std::move(s));
  ASSERT_TRUE(submitted.ok());
  EXPECT_TRUE(submitted->started);  // a workspace limit does not queue it
  auto finished = done.get_future();
  ASSERT_EQ(finished.wait_for(20s), std::future_status::ready);
  finished.get();
  auto nodes = store_->list_node_runs(kWs, submitted->execution_id);
  ASSERT_TRUE(nodes.ok());
  bool skipped = false;
  for (const auto& node : *nodes) {
    skipped |= node.node_id == "wait" && node.status == "skipped";
  }
  EXPECT_TRUE(skipped);
}

TEST_F(RunServiceTest, AWorkspaceLimitQueuesACallerWhoWouldStartAtOnce) {
  ASSERT_TRUE(
      store_->put_workspace_setting(kWs, "runs", json::object{{"run_concurrency", 1}}).ok());
  auto s = submission(4);
  s.at_once = true;
  std::promise<RunSummary> done;
  s.on_finished = [&](const RunSummary& summary) { done.set_value(summary); };
  auto submitted = a_.service().submit(std::move(s));
  ASSERT_TRUE(submitted.ok());
  EXPECT_FALSE(submitted->started);
  auto finished = done.get_future();
  ASSERT_EQ(finished.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(finished.get().status, "succeeded");
  // Lifted (and forgotten by this process), the next caller starts at once.
  ASSERT_TRUE(
      store_->put_workspace_setting(kWs, "runs", json::object{{"run_concurrency", nullptr}}).ok());
  a_.service().forget_workspace_limit(kWs);
  auto next = submission(5);
  next.at_once = true;
  std::promise<RunSummary> done_next;
  next.on_finished = [&](const RunSummary& summary) { done_next.set_value(summary); };
  auto started = a_.service().submit(std::move(next));
  ASSERT_TRUE(started.ok());
  EXPECT_TRUE(started->started);
  done_next.get_future().wait_for(20s);
}

TEST_F(RunServiceTest, CancelReachesARunHeldByAnotherWorker) {
  save_pipeline(slow_pipeline(60'000));
  auto s = submission(9);
  s.at_once = true;  // held by worker a from the start
  std::promise<RunSummary> done;
  s.on_finished = [&](const RunSummary& summary) { done.set_value(summary); };
  auto submitted = a_.service().submit(std::move(s));
  ASSERT_TRUE(submitted.ok());
  ASSERT_TRUE(wait_for_status(submitted->execution_id, "running"));
  Worker b{*store_, registry_, engine_, "wk_b"};
  const auto asked = std::chrono::steady_clock::now();
  EXPECT_TRUE(b.service().cancel(kWs, submitted->execution_id));
  auto finished = done.get_future();
  ASSERT_EQ(finished.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(finished.get().status, "cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 5s);
  EXPECT_EQ(status_of(submitted->execution_id), "cancelled");
  EXPECT_FALSE(b.service().cancel(kWs, submitted->execution_id));  // finished: nothing to cancel
  EXPECT_FALSE(b.service().cancel("ws_other", submitted->execution_id));
}

TEST_F(RunServiceTest, ATestRunLeftByADeadWorkerIsInterruptedNotRunWithoutItsPins) {
  // A test run's job held by a worker that died: its lease has expired.
  auto job = job_for(kWs, "slow", version_, *graph_, json::object{{"n", 1}}, Trigger::editor);
  job.execution_id = "ex_orphan";
  store::ExecutionRecord row =
      store::testing::make_execution(kWs, "ex_orphan", "slow", store::testing::now_ms());
  row.status = "running";
  row.pipeline_version = version_;
  EmbeddedJobQueue queue(*store_);
  std::vector<store::Write> writes{store::CreateExecution{row}};
  for (auto& write : queue.enqueue(job, Holder{"wk_dead", store::testing::at_ms(0)})) {
    writes.push_back(std::move(write));
  }
  ASSERT_TRUE(store::testing::write_and_wait(*store_, std::move(writes)).ok());
  ASSERT_TRUE(wait_for_status("ex_orphan", "interrupted"));
  auto execution = store_->get_execution(kWs, "ex_orphan");
  EXPECT_NE(execution->error.at("message").as_string().find("test run"), std::string::npos);
  EXPECT_TRUE(store_->list_node_runs(kWs, "ex_orphan")->empty());
}

TEST_F(RunServiceTest, AJobPastItsDeadlineIsRecordedAsTimedOutInsteadOfRun) {
  auto late = submission(6);
  late.job.deadline = std::chrono::system_clock::now() - 1s;
  const auto summary = run(a_, std::move(late));
  EXPECT_EQ(summary.status, "failed");
  EXPECT_EQ(summary.error.at("code").as_string(), "timeout");
  EXPECT_EQ(status_of(summary.execution_id), "failed");
  EXPECT_TRUE(store_->list_node_runs(kWs, summary.execution_id)->empty());
  EXPECT_TRUE(a_.service().queue().depth(kWs)->empty());
}

}  // namespace
}  // namespace weft::runs
