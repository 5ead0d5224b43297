// What the engine adds to an LLM call, measured against the LLM peer:
//   - node start to the request's first byte at the peer (render the prompt,
//     build the request, find the provider, connect, write), and
//   - the provider's last byte to the node's finished event (read and parse
//     the end of the stream, build the output, settle the node).
// Medians are reported as counters (µs); the iteration time is the whole run
// of `input_text → llm_chat` with a 20-token streamed reply.
// Run: build/weft_bench --benchmark_filter=Llm
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdio>
#include <vector>

#include "engine/engine.hpp"
#include "fixtures/llm_peer.hpp"
#include "integrations/http_client.hpp"
#include "llm/provider_registry.hpp"
#include "llm/stream_parsers.hpp"
#include "nodes/registry.hpp"
#include "pipeline/validator.hpp"

namespace {

using namespace weft;
using Clock = std::chrono::steady_clock;

/// When the chat node started and finished, by the engine's events.
class NodeTimes final : public engine::EventSink {
 public:
  void on_event(const engine::Event& event) override {
    if (event.node_id != "chat") {
      return;
    }
    if (event.type == "node.started") {
      started = Clock::now();
    } else if (event.type == "node.finished") {
      finished = Clock::now();
    }
  }
  Clock::time_point started;
  Clock::time_point finished;
};

double median_us(std::vector<double> samples) {
  if (samples.empty()) {
    return 0;
  }
  std::nth_element(samples.begin(), samples.begin() + samples.size() / 2, samples.end());
  return samples[samples.size() / 2];
}

double micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

void LlmEngineOverhead(benchmark::State& state, llm::ProviderKind kind) {
  static const nodes::Registry registry = nodes::make_core_registry();
  testing::LlmPeer peer;
  testing::LlmReply reply;
  reply.tokens.assign(20, "word ");
  peer.set_fallback(reply);
  auto compiled = pipeline::compile_pipeline(json::parse(R"({"nodes": [
    {"id": "source", "type": "input_text", "config": {"name": "text"}},
    {"id": "chat", "type": "llm_chat", "config": {"provider": "p", "model": "llama3",
      "system": "Be brief.", "prompt": "Summarize: {{ source.text }}"}}],
    "edges": [{"source": "source", "target": "chat"}]})"),
                                             registry);
  if (!compiled.pipeline) {
    state.SkipWithError("pipeline does not compile");
    return;
  }
  llm::ProviderRegistry providers{integrations::AddressGuard{}};
  if (!providers.replace({{.name = "p", .kind = kind, .base_url = peer.url()}})) {
    state.SkipWithError("provider not accepted");
    return;
  }
  auto http = integrations::make_http_client(integrations::AddressGuard{});
  const engine::Engine engine({.http = http.get(), .llm = &providers});
  boost::asio::io_context context(1);
  std::vector<double> to_first_byte;
  std::vector<double> from_last_byte;
  for (auto _ : state) {
    NodeTimes times;
    engine::RunOptions options{"bench", json::object{{"text", "a short text"}}, &times};
    engine::RunStatus status{};
    boost::asio::co_spawn(context, engine.run(compiled.pipeline, std::move(options)),
                          [&](std::exception_ptr, engine::RunResult r) { status = r.status; });
    context.run();
    context.restart();
    if (status != engine::RunStatus::succeeded) {
      state.SkipWithError("run failed");
      break;
    }
    const auto request = peer.last_request();
    to_first_byte.push_back(micros(request.first_byte - times.started));
    from_last_byte.push_back(micros(times.finished - request.last_byte));
  }
  state.counters["start_to_first_byte_us"] = median_us(to_first_byte);
  state.counters["last_byte_to_finished_us"] = median_us(from_last_byte);
}

void LlmEngineOverheadOllama(benchmark::State& state) {
  LlmEngineOverhead(state, llm::ProviderKind::ollama);
}
void LlmEngineOverheadOpenAi(benchmark::State& state) {
  LlmEngineOverhead(state, llm::ProviderKind::openai_compatible);
}

/// The parsing cost of one streamed token, line splitting and JSON included.
void LlmNdjsonTokenLine(benchmark::State& state) {
  const std::string line =
      R"({"model":"llama3","created_at":"2024-08-07T03:57:33.0365888Z","message":)"
      R"({"role":"assistant","content":" word"},"done":false})"
      "\n";
  std::size_t pieces = 0;
  llm::NdjsonParser parser([&](std::string_view text) {
    auto value = parse_json(text);
    pieces += value && value->is_object() ? 1 : 0;
    return true;
  });
  for (auto _ : state) {
    (void)parser.feed(line);
  }
  benchmark::DoNotOptimize(pieces);
}

void LlmSseTokenEvent(benchmark::State& state) {
  const std::string event =
      R"(data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1722000000,)"
      R"("model":"llama3","choices":[{"index":0,"delta":{"content":" word"},"logprobs":null,)"
      R"("finish_reason":null}]})"
      "\n\n";
  std::size_t pieces = 0;
  llm::SseParser parser([&](const llm::SseEvent& e) {
    auto value = parse_json(e.data);
    pieces += value && value->is_object() ? 1 : 0;
    return true;
  });
  for (auto _ : state) {
    (void)parser.feed(event);
  }
  benchmark::DoNotOptimize(pieces);
}

BENCHMARK(LlmEngineOverheadOllama)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(LlmEngineOverheadOpenAi)->Unit(benchmark::kMicrosecond)->MinTime(2.0);
BENCHMARK(LlmNdjsonTokenLine)->Unit(benchmark::kNanosecond);
BENCHMARK(LlmSseTokenEvent)->Unit(benchmark::kNanosecond);

}  // namespace
