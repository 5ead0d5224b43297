// 1,000 streaming llm_chat nodes at once against a peer that streams 50
// tokens each over 2 s: all complete, on one engine thread, with bounded
// memory. A test rather than a benchmark: it guards "no thread per stream".
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/parse.hpp>
#include <fstream>

#include "engine/engine.hpp"
#include "fixtures/engine_harness.hpp"
#include "fixtures/llm_peer.hpp"
#include "llm/provider_registry.hpp"

namespace weft::nodes {
namespace {

using namespace std::chrono_literals;

constexpr int kRuns = 1000;
constexpr int kTokens = 50;
// Sanitizer builds run several times slower and keep freed memory in
// quarantine: there the time and memory bounds say nothing.
// (GCC says so with __SANITIZE_ADDRESS__, clang with __has_feature.)
#if defined(__SANITIZE_ADDRESS__)
#define WEFT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WEFT_UNDER_ASAN 1
#endif
#endif
#if defined(WEFT_UNDER_ASAN)
constexpr bool kMeasured = false;
#else
constexpr bool kMeasured = true;
#endif

/// A field of /proc/self/status ("Threads", "VmRSS" in kB).
long proc_status(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      return std::stol(line.substr(field.size() + 1));
    }
  }
  return -1;
}

class CountTokens final : public engine::EventSink {
 public:
  void on_event(const engine::Event& event) override {
    tokens += event.type == "node.token" ? 1 : 0;
  }
  long tokens = 0;
};

TEST(LlmConcurrency, AThousandStreamingChatsCompleteOnOneThreadWithBoundedMemory) {
  testing::LlmPeer peer;
  testing::LlmReply reply;
  reply.tokens.assign(kTokens, "tok ");
  reply.token_delay = 40ms;  // 50 pieces over 2 s
  peer.set_fallback(reply);

  auto pipeline = testing::compile_or_fail(R"({"nodes": [
    {"id": "in", "type": "input_text", "config": {"name": "text"}},
    {"id": "chat", "type": "llm_chat", "config": {"model": "llama3"}}],
    "edges": [{"source": "in", "target": "chat"}]})");
  ASSERT_TRUE(pipeline);
  llm::ProviderRegistry providers{integrations::AddressGuard{}};
  ASSERT_TRUE(providers.replace({{.name = "ollama", .base_url = peer.url()}}).ok());
  auto http = integrations::make_http_client(integrations::AddressGuard{});
  const engine::Engine engine({.http = http.get(), .llm = &providers});

  boost::asio::io_context context(1);
  CountTokens sink;
  int succeeded = 0;
  std::int64_t completion_tokens = 0;
  const long rss_before = proc_status("VmRSS");
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRuns; ++i) {
    engine::RunOptions options{
        "run" + std::to_string(i), {{"text", "hello " + std::to_string(i)}}, &sink};
    boost::asio::co_spawn(context, engine.run(pipeline, std::move(options)),
                          [&](std::exception_ptr e, engine::RunResult result) {
                            succeeded += !e && result.status == engine::RunStatus::succeeded;
                            completion_tokens += result.usage.completion_tokens;
                          });
  }
  // Sampled mid-stream, when every stream is open.
  long threads_midway = 0;
  long rss_midway = 0;
  boost::asio::steady_timer probe(context, 1500ms);
  probe.async_wait([&](boost::system::error_code) {
    threads_midway = proc_status("Threads");
    rss_midway = proc_status("VmRSS");
  });
  context.run();
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const long rss_after = proc_status("VmRSS");

  EXPECT_EQ(succeeded, kRuns);
  EXPECT_EQ(sink.tokens, static_cast<long>(kRuns) * kTokens);
  EXPECT_EQ(completion_tokens, static_cast<std::int64_t>(kRuns) * kTokens);
  EXPECT_GE(peer.max_in_flight(), static_cast<std::size_t>(kRuns * 9 / 10))
      << "the streams must have been open at the same time";
  // This thread, the peer's and at most one more: no thread per stream.
  EXPECT_LE(threads_midway, 3);
  if (kMeasured) {
    EXPECT_LT(elapsed, 8s) << "1,000 streams of 2 s each, concurrently";
    EXPECT_LT(rss_midway - rss_before, 200 * 1024) << "kB for 1,000 open streams, peer included";
  }
  std::printf(
      "[ stats    ] %d streams x %d tokens in %.2f s; threads %ld; RSS %ld -> %ld (midway) "
      "-> %ld kB\n",
      kRuns, kTokens, std::chrono::duration<double>(elapsed).count(), threads_midway, rss_before,
      rss_midway, rss_after);
}

}  // namespace
}  // namespace weft::nodes
