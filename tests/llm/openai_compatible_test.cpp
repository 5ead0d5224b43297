// The OpenAI-compatible provider against the peer: SSE streaming with the
// usage chunk, structured output, the API key, embeddings, the model list.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "llm_test_util.hpp"

namespace weft::llm {
namespace {

using testing::LlmPeer;
using testing::LlmReply;
using testing::provider_at;
using testing::run_coro;

json::value body_of(const testing::LlmRequest& request) {
  return json::parse(request.body);
}

ChatRequest ask(std::string prompt) {
  ChatRequest request;
  request.model = "llama3";
  request.messages = {{"user", std::move(prompt)}};
  return request;
}

TEST(OpenAiCompatible, StreamsServerSentEventsAndReadsTheUsageChunk) {
  LlmPeer peer;
  peer.script(LlmReply::text("Bonjour, monde", 4));
  auto provider = provider_at(peer, ProviderKind::openai_compatible);
  std::vector<std::string> tokens;
  auto reply = run_coro([&] {
    return provider->stream_chat(ask("Say hello in French"),
                                 [&](std::string_view piece) { tokens.emplace_back(piece); });
  });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(tokens, (std::vector<std::string>{"Bonj", "our,", " mon", "de"}));
  EXPECT_EQ(reply->text, "Bonjour, monde");
  EXPECT_EQ(reply->finish_reason, "stop");
  EXPECT_EQ(reply->model, "llama3");
  EXPECT_EQ(reply->usage.prompt_tokens, 12);
  EXPECT_EQ(reply->usage.completion_tokens, 4);

  const auto request = peer.last_request();
  EXPECT_EQ(request.target, "/v1/chat/completions");
  EXPECT_EQ(request.header("accept"), "text/event-stream");
  EXPECT_EQ(body_of(request), json::parse(R"({"model": "llama3", "stream": true,
    "stream_options": {"include_usage": true},
    "messages": [{"role": "user", "content": "Say hello in French"}]})"));
}

TEST(OpenAiCompatible, ReadsAWholeCompletion) {
  LlmPeer peer;
  peer.script(LlmReply::text("42"));
  auto provider = provider_at(peer, ProviderKind::openai_compatible);
  auto reply = run_coro([&] { return provider->chat(ask("6*7?")); });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->text, "42");
  EXPECT_EQ(reply->usage.completion_tokens, 1);
  const auto body = body_of(peer.last_request());
  EXPECT_EQ(body.at("stream"), false);
  EXPECT_FALSE(body.as_object().contains("stream_options"));
}

TEST(OpenAiCompatible, SamplingAndStructuredOutputUseTheOpenAiFields) {
  LlmPeer peer;
  peer.script(LlmReply::text(R"({"n": 1})"));
  auto provider = provider_at(peer, ProviderKind::openai_compatible);
  ChatRequest request = ask("One?");
  request.temperature = 0;
  request.top_p = 0.5;
  request.max_tokens = 10;
  request.seed = 3;
  request.stop = {"."};
  request.json_schema = json::parse(R"({"type": "object", "required": ["n"],
    "additionalProperties": false, "properties": {"n": {"type": "integer"}}})");
  request.strict_schema = true;
  auto reply = run_coro([&] { return provider->chat(request); });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  const auto body = body_of(peer.last_request());
  EXPECT_EQ(body.at("temperature"), 0.0);
  EXPECT_EQ(body.at("top_p"), 0.5);
  EXPECT_EQ(body.at("max_tokens"), 10);
  EXPECT_EQ(body.at("seed"), 3);
  EXPECT_EQ(body.at("stop"), json::parse(R"(["."])"));
  EXPECT_EQ(
      body.at("response_format"),
      json::value({{"type", "json_schema"},
                   {"json_schema",
                    {{"name", "output"}, {"schema", *request.json_schema}, {"strict", true}}}}));
}

TEST(OpenAiCompatible, SendsTheApiKeyAsABearerToken) {
  LlmPeer peer;
  auto provider = provider_at(peer, ProviderKind::openai_compatible,
                              {.api_key = "sk-test-123", .retry = testing::fast_retry()});
  auto reply = run_coro([&] { return provider->chat(ask("hi")); });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(peer.last_request().header("authorization"), "Bearer sk-test-123");
}

TEST(OpenAiCompatible, ABaseUrlWithoutAPathGetsV1) {
  LlmPeer peer;
  auto provider = provider_at(peer.url(""), ProviderKind::openai_compatible);
  EXPECT_EQ(provider->config().base_url, peer.url("/v1"));
  auto reply = run_coro([&] { return provider->chat(ask("hi")); });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(peer.last_request().target, "/v1/chat/completions");
}

TEST(OpenAiCompatible, EmbedsEachInputInOrder) {
  LlmPeer peer;
  auto provider = provider_at(peer, ProviderKind::openai_compatible);
  auto reply = run_coro([&] {
    return provider->embed({.model = "nomic-embed-text", .input = {"xy", "z"}});
  });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  ASSERT_EQ(reply->embeddings.size(), 2u);
  EXPECT_EQ(reply->embeddings[0][0], 2.0);
  EXPECT_EQ(reply->embeddings[1][0], 1.0);
  EXPECT_EQ(peer.last_request().target, "/v1/embeddings");
}

TEST(OpenAiCompatible, ListsItsModels) {
  LlmPeer peer;
  peer.set_models({"gpt-4o-mini", "text-embedding-3-small"});
  auto provider = provider_at(peer, ProviderKind::openai_compatible);
  auto models = run_coro([&] { return provider->list_models(); });
  ASSERT_TRUE(models.ok()) << models.error().message;
  ASSERT_EQ(models->size(), 2u);
  EXPECT_EQ((*models)[1].id, "text-embedding-3-small");
  EXPECT_EQ(peer.last_request().target, "/v1/models");
}

}  // namespace
}  // namespace weft::llm
