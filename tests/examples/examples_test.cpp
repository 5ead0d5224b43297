// Every pipeline in examples/ runs with the real `weft` binary and does what
// its description says.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <filesystem>

#include "fixtures/http_peer.hpp"
#include "fixtures/llm_peer.hpp"
#include "fixtures/paths.hpp"
#include "fixtures/process.hpp"

namespace weft {
namespace {

using testing::run_weft;
namespace json = boost::json;

std::string example(const std::string& name) {
  return testing::source_dir() + "/examples/" + name;
}

json::value outputs(const testing::ProcessResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

TEST(Examples, EveryExampleValidates) {
  int count = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_dir() + "/examples")) {
    auto r = run_weft({"validate", entry.path().string()});
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.out;
    ++count;
  }
  EXPECT_GE(count, 6);
}

TEST(Examples, TicketTriageBranchesOnACondition) {
  auto urgent =
      outputs(run_weft({"run", example("ticket_triage.json"), "--input", "text=Site down!"}));
  EXPECT_EQ(urgent.at("answer"), "ESCALATE to on-call: Site down!");
  auto routine =
      outputs(run_weft({"run", example("ticket_triage.json"), "--input", "text=Hello there"}));
  EXPECT_TRUE(routine.at("answer").as_string().starts_with("Thanks for writing"));
}

TEST(Examples, FanOutAndMerge) {
  auto out = outputs(run_weft({"run", example("fan_out_merge.json"), "--input", "text=b a b"}));
  EXPECT_EQ(out.at("stats"), json::parse(R"({"shout": "B A B", "word_count": 3,
                                            "unique_words": ["a", "b"], "first": "b"})"));
}

TEST(Examples, LoopWithConcurrencyKeepsOrder) {
  auto inputs = testing::temp_file(R"({"names": ["x", "y", "z", "w"]})");
  auto out = outputs(run_weft({"run", example("loop_concurrency.json"), "--inputs", inputs}));
  EXPECT_EQ(out.at("greetings"),
            json::parse(R"(["1. Hello, x!", "2. Hello, y!", "3. Hello, z!", "4. Hello, w!"])"));
}

TEST(Examples, RetriesAFlakyApi) {
  std::atomic<int> calls{0};
  testing::HttpPeer peer([&](const testing::PeerRequest&) {
    return ++calls <= 2 ? testing::PeerResponse::text(500, "oops")
                        : testing::PeerResponse::json(R"({"answer": 42})");
  });
  auto r = run_weft(
      {"run", example("retry_flaky_api.json"), "--events", "--input", "url=" + peer.url("/api")},
      {"WEFT_ALLOW_NETWORKS=127.0.0.1/32"});
  auto out = outputs(r);
  EXPECT_EQ(out.at("result").at("body").at("answer"), 42);
  EXPECT_EQ(calls.load(), 3);
  EXPECT_NE(r.err.find("retrying in"), std::string::npos) << "retries show in the event stream";
}

TEST(Examples, HttpRequestWithATemplatedBody) {
  testing::HttpPeer peer([](const testing::PeerRequest& req) {
    return testing::PeerResponse::json(R"({"received": )" + req.body + R"(, "target": ")" +
                                       req.target + "\"}");
  });
  auto inputs = testing::temp_file(R"({"name": "  Ada ", "email": "ADA@EXAMPLE.ORG", "url": ")" +
                                   peer.url("/signup") + "\"}");
  auto out = outputs(run_weft({"run", example("http_templated_body.json"), "--inputs", inputs},
                              {"WEFT_ALLOW_NETWORKS=127.0.0.1"}));
  EXPECT_EQ(
      out.at("reply").at("received"),
      json::parse(
          R"({"greeting": "Welcome, Ada!", "email": "ada@example.org", "tags": ["free", "signup"]})"));
  EXPECT_EQ(out.at("reply").at("target"), "/signup?plan=free");
  EXPECT_EQ(peer.last_request().header("x-source"), "weft");
}

TEST(Examples, OnErrorBranchUsesTheFallback) {
  auto r = run_weft({"run", example("error_branch.json"), "--events"});
  EXPECT_EQ(outputs(r).at("message"), "fallback used because the request failed");
  EXPECT_NE(r.err.find("address_refused"), std::string::npos);
}

TEST(Examples, SwitchPicksACase) {
  EXPECT_EQ(outputs(run_weft({"run", example("language_switch.json"), "--input", "lang=DE"}))
                .at("greeting"),
            "Hallo!");
  EXPECT_EQ(outputs(run_weft({"run", example("language_switch.json")})).at("greeting"), "Hello!");
}

// The LLM examples run against the LLM peer, which `weft` reaches as it would
// reach Ollama: through OLLAMA_HOST (no allow-list needed for a provider).
std::vector<std::string> ollama_at(const testing::LlmPeer& peer) {
  return {"OLLAMA_HOST=" + peer.url()};
}

TEST(Examples, LlmSummarizeStreamsItsAnswer) {
  testing::LlmPeer peer;
  peer.script(testing::LlmReply::text(" Weft runs pipelines of blocks. ", 6));
  auto r = run_weft({"run", example("llm-summarize.json"), "--events", "--input",
                     "text=Weft is a low-code platform that runs pipelines of blocks."},
                    ollama_at(peer));
  EXPECT_EQ(outputs(r).at("summary"), "Weft runs pipelines of blocks.");
  EXPECT_NE(r.err.find("\"type\":\"node.token\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\"usage\":{\"prompt_tokens\":12"), std::string::npos) << r.err;
}

TEST(Examples, LlmTriagePriorityBranchesOnStructuredOutput) {
  testing::LlmPeer peer;
  peer.script(testing::LlmReply::text(R"({"priority": "high", "reason": "checkout is down"})"));
  auto r = run_weft({"run", example("llm-triage-priority.json"), "--input",
                     "ticket=Nobody can pay, checkout returns 500"},
                    ollama_at(peer));
  EXPECT_EQ(outputs(r).at("action"), "Page on-call: checkout is down");
}

TEST(Examples, LlmClassifyTakesTheBranchOfTheLabel) {
  testing::LlmPeer peer;
  peer.script(testing::LlmReply::text(R"({"label": "bug", "confidence": 0.8})"));
  auto r = run_weft(
      {"run", example("llm-classify.json"), "--input", "message=The export button crashes"},
      ollama_at(peer));
  EXPECT_EQ(outputs(r).at("route"), "engineering (0.8)");
}

TEST(Examples, LlmExtractFillsTypedFields) {
  testing::LlmPeer peer;
  peer.script(testing::LlmReply::text(
      R"({"name": "Ada Lovelace", "company": "Analytical", "seats": 12, "wants_demo": true})"));
  auto r = run_weft({"run", example("llm-extract.json"), "--input",
                     "email=Hi, Ada from Analytical. We need 12 seats; can we get a demo?"},
                    ollama_at(peer));
  EXPECT_EQ(outputs(r).at("lead"), json::parse(R"({"contact": "Ada Lovelace",
    "company": "Analytical", "seats": 12, "next_step": "book a demo"})"));
}

TEST(Examples, LlmExamplesSayWhenNoModelServerAnswers) {
  auto r = run_weft({"run", example("llm-classify.json"), "--input", "message=hi"},
                    {"OLLAMA_HOST=127.0.0.1:1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot reach Ollama at http://127.0.0.1:1 — is Ollama running?"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace weft
