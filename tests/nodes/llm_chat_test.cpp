// llm_chat through the real engine against the LLM peer: the minimal
// pipeline of the product brief, streaming as events, usage, structured
// output with its repair round-trip, errors and cancellation.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "fixtures/engine_harness.hpp"
#include "fixtures/llm_peer.hpp"

namespace weft::nodes {
namespace {

using testing::LlmPeer;
using testing::LlmReply;
using testing::run_pipeline;
using namespace std::chrono_literals;

// The original product brief's pipeline, exactly as written there.
constexpr const char* kMinimal = R"({
  "id": "pipeline_123",
  "name": "Summary Generator",
  "nodes": [
    { "id": "1", "type": "input_text", "config": {} },
    { "id": "2", "type": "llm_chat", "config": { "model": "llama3" } }
  ],
  "edges": [ { "source": "1", "target": "2" } ]
})";

std::vector<llm::ProviderConfig> providers_at(const LlmPeer& peer) {
  return {{.name = "ollama", .kind = llm::ProviderKind::ollama, .base_url = peer.url()},
          {.name = "openai", .kind = llm::ProviderKind::openai_compatible, .base_url = peer.url()}};
}

json::value body_of(const testing::LlmRequest& request) {
  return json::parse(request.body);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(LlmChat, TheMinimalPipelineValidatesRunsStreamsAndRecordsUsage) {
  LlmPeer peer;
  peer.script(LlmReply::text("Weft runs pipelines.", 5));
  EXPECT_TRUE(testing::problems_of(kMinimal).empty());
  auto run = run_pipeline(
      kMinimal, {.inputs = {{"1", "Summarize: Weft is a workflow engine that runs pipelines."}},
                 .providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
      << (run.result.error ? run.result.error->message : "");
  const auto& out = run.result.outputs.at("2").as_object();
  EXPECT_EQ(out.at("text"), "Weft runs pipelines.");
  EXPECT_TRUE(out.at("json").is_null());
  EXPECT_EQ(out.at("model"), "llama3");
  EXPECT_EQ(out.at("usage"), json::parse(R"({"prompt_tokens": 12, "completion_tokens": 4})"));
  EXPECT_EQ(out.at("finish_reason"), "stop");
  EXPECT_GT(out.at("latency_ms").as_double(), 0.0);

  EXPECT_EQ(body_of(peer.last_request()).at("messages"), json::parse(R"([{"role": "user", "content":
                            "Summarize: Weft is a workflow engine that runs pipelines."}])"));

  std::vector<std::string> order;
  std::string streamed;
  for (const auto& e : run.events) {
    if (e.node_id == "2") {
      order.push_back(e.type);
    }
    if (e.type == "node.token") {
      EXPECT_EQ(e.node_id, "2");
      streamed += std::string(e.data.at("text").as_string());
    }
  }
  EXPECT_EQ(streamed, "Weft runs pipelines.");
  EXPECT_EQ(order, (std::vector<std::string>{"node.started", "node.token", "node.token",
                                             "node.token", "node.token", "node.finished"}));
  EXPECT_EQ(run.result.usage.prompt_tokens, 12);
  EXPECT_EQ(run.result.usage.completion_tokens, 4);
  EXPECT_EQ(run.events.back().type, "run.finished");
  EXPECT_EQ(run.events.back().data.at("usage"),
            json::parse(R"({"prompt_tokens": 12, "completion_tokens": 4})"));
}

TEST(LlmChat, SystemHistoryTemplatesAndSamplingReachTheProvider) {
  LlmPeer peer;
  auto run = run_pipeline(
      R"({"nodes": [
    {"id": "q", "type": "input_text", "config": {"name": "question"}},
    {"id": "chat", "type": "llm_chat", "config": {
      "model": "llama3", "system": "You answer in {{ input.lang }}.",
      "history": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}],
      "prompt": "Q: {{ q.text }}", "temperature": 0.3, "top_p": 0.8, "max_tokens": 50,
      "stop": "END", "seed": 11}}],
    "edges": [{"source": "q", "target": "chat"}]})",
      {.inputs = {{"question", "Why?"}, {"lang", "French"}}, .providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded);
  const auto body = body_of(peer.last_request());
  EXPECT_EQ(body.at("messages"), json::parse(R"([
    {"role": "system", "content": "You answer in French."},
    {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
    {"role": "user", "content": "Q: Why?"}])"));
  EXPECT_EQ(body.at("options"), json::parse(R"({"temperature": 0.3, "top_p": 0.8,
    "num_predict": 50, "seed": 11, "stop": ["END"]})"));
}

TEST(LlmChat, HistoryFromAnExpressionAndAnOpenAiCompatibleProvider) {
  LlmPeer peer;
  auto run = run_pipeline(R"({"nodes": [
    {"id": "past", "type": "input_json", "config": {"name": "history"}},
    {"id": "chat", "type": "llm_chat", "config": {
      "provider": "openai", "model": "llama3", "history": "{{ past.json }}", "prompt": "And now?"}}],
    "edges": [{"source": "past", "target": "chat"}]})",
                          {.inputs = {{"history", json::parse(R"([{"role": "user", "content": "A"},
                                         {"role": "assistant", "content": "B"}])")}},
                           .providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
      << (run.result.error ? run.result.error->message : "");
  EXPECT_EQ(peer.last_request().target, "/v1/chat/completions");
  EXPECT_EQ(body_of(peer.last_request()).at("messages").as_array().size(), 3u);
  EXPECT_EQ(run.result.outputs.at("chat").at("text"), "Hello, world!");
}

TEST(LlmChat, AnUnknownProviderNamesTheConfiguredOnes) {
  LlmPeer peer;
  auto run = run_pipeline(R"({"nodes": [{"id": "chat", "type": "llm_chat", "config": {
    "provider": "anthropic", "model": "x", "prompt": "hi"}}], "edges": []})",
                          {.providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::failed);
  EXPECT_EQ(run.result.error->code, ErrorCode::invalid_config);
  EXPECT_EQ(run.result.error->message,
            "no LLM provider is named `anthropic`; the configured ones are: ollama, openai");
}

TEST(LlmChat, AnUnknownModelFailsTheNodeListingTheModels) {
  LlmPeer peer;
  auto run = run_pipeline(R"({"nodes": [{"id": "chat", "type": "llm_chat", "config": {
    "model": "mistral", "prompt": "hi"}}], "edges": []})",
                          {.providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::failed);
  EXPECT_EQ(run.result.error->code, ErrorCode::model_not_found);
  EXPECT_EQ(run.result.error->node_id, "chat");
  EXPECT_TRUE(contains(run.result.error->message, "it has: llama3:latest"));
}

TEST(LlmChat, WithoutAPromptAndSeveralUpstreamBlocksValidationSaysWhatToDo) {
  auto problems = testing::problems_of(R"({"nodes": [
    {"id": "a", "type": "template", "config": {"template": "A"}},
    {"id": "b", "type": "template", "config": {"template": "B"}},
    {"id": "chat", "type": "llm_chat", "config": {"model": "llama3"}}],
    "edges": [{"source": "a", "target": "chat"}, {"source": "b", "target": "chat"}]})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes/2/config/prompt");
  EXPECT_TRUE(contains(problems[0].message, "but 2 are; write it")) << problems[0].message;
}

constexpr const char* kStructured = R"({"nodes": [
  {"id": "ticket", "type": "input_text", "config": {}},
  {"id": "kind", "type": "llm_chat", "config": {"model": "llama3",
    "system": "Classify the ticket.", "prompt": "{{ ticket.text }}",
    "json_schema": {"type": "object", "required": ["priority"], "additionalProperties": false,
                    "properties": {"priority": {"enum": ["low", "high"]}}}}}],
  "edges": [{"source": "ticket", "target": "kind"}]})";

TEST(LlmChat, StructuredOutputIsParsedAndAnInvalidFirstReplyIsRepaired) {
  LlmPeer peer;
  peer.script(LlmReply::text(R"({"priority": "urgent"})"));
  LlmReply fixed = LlmReply::text("```json\n{\"priority\": \"high\"}\n```");
  fixed.prompt_tokens = 30;
  peer.script(fixed);
  auto run = run_pipeline(kStructured,
                          {.inputs = {{"ticket", "Site down"}}, .providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
      << (run.result.error ? run.result.error->message : "");
  const auto& out = run.result.outputs.at("kind");
  EXPECT_EQ(out.at("json"), json::parse(R"({"priority": "high"})"));
  EXPECT_EQ(out.at("usage").at("prompt_tokens"), 42) << "usage of both calls";
  ASSERT_EQ(peer.request_count(), 2u);
  const auto first = body_of(peer.requests()[0]);
  EXPECT_EQ(first.at("format"), json::parse(R"({"type": "object", "required": ["priority"],
    "additionalProperties": false, "properties": {"priority": {"enum": ["low", "high"]}}})"));
  const auto second = body_of(peer.requests()[1]);
  const auto& repair = second.at("messages").as_array();
  ASSERT_EQ(repair.size(), 4u);
  EXPECT_EQ(repair[2],
            json::parse(R"({"role": "assistant", "content": "{\"priority\": \"urgent\"}"})"));
  const std::string ask(repair[3].at("content").as_string());
  EXPECT_TRUE(contains(ask, "does not match the required JSON Schema: at `/priority`")) << ask;
  bool logged = false;
  for (const auto& line : run.node("kind").logs) {
    logged = logged || contains(line.message, "asking the model to repair it");
  }
  EXPECT_TRUE(logged);
}

TEST(LlmChat, TwoInvalidRepliesGiveAnErrorNamingTheViolation) {
  LlmPeer peer;
  peer.script(LlmReply::text("Sure! The priority is high."));
  peer.script(LlmReply::text(R"({"priority": "urgent"})"));
  auto run = run_pipeline(kStructured,
                          {.inputs = {{"ticket", "Site down"}}, .providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::failed);
  const Error& error = *run.result.error;
  EXPECT_EQ(error.code, ErrorCode::invalid_output);
  EXPECT_EQ(error.node_id, "kind");
  EXPECT_TRUE(contains(error.message,
                       "does not match the JSON Schema, even after one request to "
                       "repair it: at `/priority`: "))
      << error.message;
  EXPECT_TRUE(contains(error.message, R"(The reply was: {"priority": "urgent"})")) << error.message;
  EXPECT_TRUE(contains(
      to_json_string(json::value(body_of(peer.requests()[1]).at("messages").as_array().back())),
      "the reply is not JSON"));
}

TEST(LlmChat, AnUnusableSchemaIsAValidationProblem) {
  auto problems = testing::problems_of(R"({"nodes": [{"id": "c", "type": "llm_chat", "config": {
    "model": "llama3", "prompt": "x", "json_schema": {"type": 12}}}], "edges": []})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].pointer, "/nodes/0/config/json_schema");
}

TEST(LlmChat, AModelWidgetAndTemplateFieldsInTheSchema) {
  auto registry = make_core_registry();
  const auto& schema = registry.find("llm_chat")->descriptor().config_schema;
  EXPECT_EQ(schema.at("properties").at("provider").at("x-weft-widget"), "provider");
  EXPECT_EQ(schema.at("properties").at("model").at("x-weft-widget"), "model");
  EXPECT_EQ(schema.at("properties").at("prompt").at("x-weft-widget"), "template");
  EXPECT_EQ(schema.at("properties").at("system").at("x-weft-widget"), "template");
}

TEST(LlmChat, TheProviderIsAdmittedByTheGuardButHttpRequestToTheSameAddressIsNot) {
  LlmPeer peer;
  auto run = run_pipeline(R"({"nodes": [
    {"id": "chat", "type": "llm_chat", "config": {"model": "llama3", "prompt": "hi"}},
    {"id": "sneak", "type": "http_request", "config": {"url": ")" +
                              peer.url("/api/tags") + R"("}, "on_error": "continue"}],
    "edges": []})",
                          {.providers = providers_at(peer)});
  EXPECT_EQ(run.node("chat").status, engine::NodeStatus::succeeded);
  EXPECT_EQ(run.node("sneak").status, engine::NodeStatus::failed);
  EXPECT_EQ(run.node("sneak").error->code, ErrorCode::address_refused);
}

TEST(LlmChat, CancellingDuringASlowStreamEndsTheNodeWithin100Ms) {
  LlmPeer peer;
  LlmReply slow = LlmReply::text(std::string(200, 'z'), 4);
  slow.token_delay = 100ms;
  peer.script(slow);
  auto run = run_pipeline(R"({"nodes": [{"id": "chat", "type": "llm_chat", "config": {
    "model": "llama3", "prompt": "write a lot"}}], "edges": []})",
                          {.cancel_after = 300ms, .providers = providers_at(peer)});
  EXPECT_EQ(run.result.status, engine::RunStatus::cancelled);
  EXPECT_EQ(run.node("chat").status, engine::NodeStatus::cancelled);
  EXPECT_LT(run.elapsed, 400ms) << "the node must end within 100 ms of the cancel";
  EXPECT_TRUE(peer.wait_for_aborted(1, 1s)) << "the peer must see the connection closed";
  int tokens = 0;
  for (const auto& e : run.events) {
    tokens += e.type == "node.token" ? 1 : 0;
  }
  EXPECT_GE(tokens, 2);
}

TEST(LlmChat, ANodeTimeoutStopsASlowModel) {
  LlmPeer peer;
  LlmReply slow = LlmReply::text("late");
  slow.delay = 5s;
  peer.script(slow);
  auto run = run_pipeline(R"({"nodes": [{"id": "chat", "type": "llm_chat", "timeout_ms": 200,
    "config": {"model": "llama3", "prompt": "hi"}}], "edges": []})",
                          {.providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::failed);
  EXPECT_EQ(run.result.error->code, ErrorCode::timeout);
  EXPECT_LT(run.elapsed, 1s);
}

TEST(LlmChat, UsageInsideALoopIsSummedIntoTheRun) {
  LlmPeer peer;
  auto run = run_pipeline(R"({"variables": {"words": ["a", "b", "c"]}, "nodes": [
    {"id": "each", "type": "loop", "config": {"items": "{{ vars.words }}", "concurrency": 3,
      "body": {"nodes": [{"id": "say", "type": "llm_chat",
                          "config": {"model": "llama3", "prompt": "Say {{ item }}"}}], "edges": []}}}],
    "edges": []})",
                          {.providers = providers_at(peer)});
  ASSERT_EQ(run.result.status, engine::RunStatus::succeeded)
      << (run.result.error ? run.result.error->message : "");
  EXPECT_EQ(run.result.usage.prompt_tokens, 36);
  EXPECT_EQ(run.result.usage.completion_tokens, 12);
  EXPECT_EQ(peer.request_count(), 3u);
}

}  // namespace
}  // namespace weft::nodes
