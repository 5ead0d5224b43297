// Run-record throughput of the SQLite store's group-commit writer: 64
// producer threads each write whole runs (1 CreateExecution, 5 SaveNodeRun,
// 1 FinishExecution, as seven write() calls like the engine makes).
//   pipelined:    a producer does not wait for `done` (upper bound);
//   checkpointed: a producer waits for each write's `done` before the next,
//                 as a run does when a node must be persisted before its
//                 dependants start.
// Run: build/weft_bench --benchmark_filter=Store
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_store.hpp"

namespace {

using namespace weft;
using namespace weft::store;

constexpr int kProducers = 64;
constexpr int kRunsPerProducer = 50;
constexpr int kNodesPerRun = 5;

enum class Mode { pipelined = 0, checkpointed = 1 };

class BenchDir {
 public:
  BenchDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "weft_store_bench_XXXXXX").string();
    path_ = mkdtemp(pattern.data()) == nullptr ? "" : pattern;
  }
  ~BenchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// The seven writes of one run, the way the engine produces them.
std::vector<std::vector<Write>> run_writes(const std::string& id) {
  const std::string ws(kDefaultWorkspace);
  const Time now = std::chrono::system_clock::now();
  std::vector<std::vector<Write>> writes;
  ExecutionRecord execution;
  execution.workspace_id = ws;
  execution.id = id;
  execution.pipeline_id = "pl_bench";
  execution.pipeline_version = 1;
  execution.status = "running";
  execution.inputs = json::object{{"question", "what is the capital of France?"}};
  execution.created_at = now;
  writes.push_back({CreateExecution{std::move(execution)}});
  for (int node = 0; node < kNodesPerRun; ++node) {
    NodeRunRecord run;
    run.workspace_id = ws;
    run.execution_id = id;
    run.node_id = "node_" + std::to_string(node);
    run.type = "llm";
    run.status = "succeeded";
    run.attempts = 1;
    run.started_at = now;
    run.finished_at = now;
    run.output = json::object{{"text", "Paris is the capital and largest city of France."}};
    run.logs = json::array{json::object{{"level", "info"}, {"message", "200 OK in 412 ms"}}};
    run.handles = json::array{};
    writes.push_back({SaveNodeRun{std::move(run)}});
  }
  writes.push_back(
      {FinishExecution{ws, id, "succeeded", json::object{{"answer", "Paris"}}, nullptr, now}});
  return writes;
}

void produce(Store& store, Mode mode, int producer, std::atomic<std::int64_t>& next_run,
             std::atomic<int>& failures) {
  for (int i = 0; i < kRunsPerProducer; ++i) {
    const std::string id =
        "ex_" + std::to_string(producer) + "_" + std::to_string(next_run.fetch_add(1));
    for (std::vector<Write>& writes : run_writes(id)) {
      std::atomic<bool> done{false};
      store.write(std::move(writes), [&, mode](Status status) {
        if (!status.ok()) {
          failures.fetch_add(1);
        }
        if (mode == Mode::checkpointed) {
          done.store(true);
          done.notify_one();
        }
      });
      if (mode == Mode::checkpointed) {
        done.wait(false);
      }
    }
  }
}

void BM_StoreGroupCommit(benchmark::State& state) {
  const auto mode = static_cast<Mode>(state.range(0));
  const auto durability = static_cast<Durability>(state.range(1));
  BenchDir dir;
  auto opened = open_sqlite_store(dir.path(), {.durability = durability});
  if (!opened.ok()) {
    state.SkipWithError(opened.error().message.c_str());
    return;
  }
  Store& store = **opened;
  std::atomic<std::int64_t> next_run{0};
  std::atomic<int> failures{0};
  for (auto _ : state) {
    std::vector<std::thread> producers;
    for (int p = 0; p < kProducers; ++p) {
      producers.emplace_back([&, p] { produce(store, mode, p, next_run, failures); });
    }
    for (std::thread& producer : producers) {
      producer.join();
    }
    store.flush();
  }
  if (failures.load() != 0) {
    state.SkipWithError("some writes failed");
  }
  const double runs = static_cast<double>(state.iterations()) * kProducers * kRunsPerProducer;
  state.counters["runs/s"] = benchmark::Counter(runs, benchmark::Counter::kIsRate);
  state.counters["writes/s"] =
      benchmark::Counter(runs * (kNodesPerRun + 2), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_StoreGroupCommit)
    ->ArgNames({"checkpointed", "power_loss"})
    ->Args({static_cast<int>(Mode::pipelined), static_cast<int>(Durability::process_crash)})
    ->Args({static_cast<int>(Mode::checkpointed), static_cast<int>(Durability::process_crash)})
    ->Args({static_cast<int>(Mode::checkpointed), static_cast<int>(Durability::power_loss)})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
