// Engine overhead: what a run costs beyond the work its nodes do.
// Run: build/weft_bench --benchmark_filter=Engine
#include <benchmark/benchmark.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <cstdio>

#include "engine/engine.hpp"
#include "integrations/http_client.hpp"
#include "nodes/registry.hpp"
#include "pipeline/validator.hpp"

namespace {

using namespace weft;

const nodes::Registry& registry() {
  static const nodes::Registry instance = nodes::make_core_registry();
  return instance;
}

json::value chain(int length) {
  json::array nodes;
  json::array edges;
  nodes.push_back(
      json::object{{"id", "src"}, {"type", "input_text"}, {"config", {{"name", "text"}}}});
  std::string previous = "src";
  for (int i = 0; i < length; ++i) {
    const std::string id = "t" + std::to_string(i);
    const std::string ref = previous == "src" ? "src.text" : previous + ".text";
    nodes.push_back(json::object{{"id", id},
                                 {"type", "template"},
                                 {"config", {{"template", "{{ " + ref + " | upper }}!"}}}});
    edges.push_back(json::object{{"source", previous}, {"target", id}});
    previous = id;
  }
  return json::object{{"nodes", nodes}, {"edges", edges}};
}

json::value fan_out(int width) {
  json::array nodes;
  json::array edges;
  nodes.push_back(
      json::object{{"id", "src"}, {"type", "input_text"}, {"config", {{"name", "text"}}}});
  nodes.push_back(json::object{{"id", "m"}, {"type", "merge"}, {"config", {{"mode", "all"}}}});
  for (int i = 0; i < width; ++i) {
    const std::string id = "b" + std::to_string(i);
    nodes.push_back(json::object{
        {"id", id}, {"type", "template"}, {"config", {{"template", "{{ src.text }} " + id}}}});
    edges.push_back(json::object{{"source", "src"}, {"target", id}});
    edges.push_back(json::object{{"source", id}, {"target", "m"}});
  }
  return json::object{{"settings", {{"max_concurrency", 256}}}, {"nodes", nodes}, {"edges", edges}};
}

json::value loop(int items) {
  json::array list;
  for (int i = 0; i < items; ++i) {
    list.push_back(i);
  }
  return json::object{
      {"variables", {{"list", list}}},
      {"nodes",
       json::array{json::object{
           {"id", "each"},
           {"type", "loop"},
           {"config",
            {{"items", "{{ vars.list }}"},
             {"concurrency", 16},
             {"body",
              {{"nodes", json::array{json::object{{"id", "t"},
                                                  {"type", "template"},
                                                  {"config", {{"template", "item {{ item }}"}}}}}},
               {"edges", json::array{}}}}}}}}},
      {"edges", json::array{}}};
}

std::shared_ptr<const pipeline::CompiledGraph> compile(const json::value& doc) {
  auto outcome = pipeline::compile_pipeline(doc, registry());
  if (!outcome.pipeline) {
    for (const auto& p : outcome.problems) {
      std::fprintf(stderr, "%s: %s\n", p.pointer.c_str(), p.message.c_str());
    }
    std::abort();
  }
  return outcome.pipeline;
}

void run_many(benchmark::State& state, const json::value& doc) {
  auto pipeline = compile(doc);
  auto http = integrations::make_http_client(integrations::AddressGuard{});
  const engine::Engine engine({.http = http.get()});
  boost::asio::io_context context(1);
  for (auto _ : state) {
    engine::RunOptions options{"bench", json::object{{"text", "hello"}}, nullptr};
    engine::RunStatus status{};
    boost::asio::co_spawn(context, engine.run(pipeline, std::move(options)),
                          [&](std::exception_ptr, engine::RunResult r) { status = r.status; });
    context.run();
    context.restart();
    if (status != engine::RunStatus::succeeded) {
      state.SkipWithError("run failed");
    }
  }
}

void EngineChainOf10Templates(benchmark::State& state) {
  run_many(state, chain(10));
}
void EngineFanOut100IntoMerge(benchmark::State& state) {
  run_many(state, fan_out(100));
}
void EngineLoopOf1000Templates(benchmark::State& state) {
  run_many(state, loop(1000));
}

void EngineValidate500Nodes(benchmark::State& state) {
  const json::value doc = chain(499);
  for (auto _ : state) {
    auto outcome = pipeline::compile_pipeline(doc, registry());
    benchmark::DoNotOptimize(outcome.pipeline);
  }
}

BENCHMARK(EngineChainOf10Templates)->Unit(benchmark::kMicrosecond);
BENCHMARK(EngineFanOut100IntoMerge)->Unit(benchmark::kMicrosecond);
BENCHMARK(EngineLoopOf1000Templates)->Unit(benchmark::kMicrosecond);
BENCHMARK(EngineValidate500Nodes)->Unit(benchmark::kMicrosecond);

}  // namespace
