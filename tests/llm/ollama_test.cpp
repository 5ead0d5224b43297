// The Ollama provider against the peer: the requests it sends and the
// answers it reads, streamed and not.
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
  request.messages = {{"system", "Be brief."}, {"user", std::move(prompt)}};
  return request;
}

TEST(Ollama, StreamsTokensAsTheyArriveAndReadsTheFinalLine) {
  LlmPeer peer;
  peer.script(LlmReply::text("Paris is the capital.", 5));
  auto provider = provider_at(peer, ProviderKind::ollama);
  std::vector<std::string> tokens;
  auto reply = run_coro([&] {
    return provider->stream_chat(ask("Capital of France?"),
                                 [&](std::string_view piece) { tokens.emplace_back(piece); });
  });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(tokens, (std::vector<std::string>{"Paris", " is t", "he ca", "pital", "."}));
  EXPECT_EQ(reply->text, "Paris is the capital.");
  EXPECT_EQ(reply->model, "llama3");
  EXPECT_EQ(reply->finish_reason, "stop");
  EXPECT_EQ(reply->usage.prompt_tokens, 12);
  EXPECT_EQ(reply->usage.completion_tokens, 5);

  const auto request = peer.last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/api/chat");
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(request.header("authorization"), "");
  EXPECT_EQ(body_of(request), json::parse(R"({"model": "llama3", "stream": true, "messages": [
    {"role": "system", "content": "Be brief."}, {"role": "user", "content": "Capital of France?"}]})"));
}

TEST(Ollama, ReadsAWholeReplyWhenNotStreaming) {
  LlmPeer peer;
  peer.script(LlmReply::text("Four."));
  auto provider = provider_at(peer, ProviderKind::ollama);
  auto reply = run_coro([&] { return provider->chat(ask("2+2?")); });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  EXPECT_EQ(reply->text, "Four.");
  EXPECT_EQ(reply->usage.completion_tokens, 2);
  EXPECT_EQ(body_of(peer.last_request()).at("stream"), false);
}

TEST(Ollama, SamplingOptionsAndTheSchemaGoWhereOllamaReadsThem) {
  LlmPeer peer;
  peer.script(LlmReply::text(R"({"city": "Paris"})"));
  auto provider = provider_at(peer, ProviderKind::ollama);
  ChatRequest request = ask("Capital?");
  request.temperature = 0.2;
  request.top_p = 0.9;
  request.max_tokens = 64;
  request.seed = 7;
  request.stop = {"\n\n", "END"};
  request.json_schema =
      json::parse(R"({"type": "object", "properties": {"city": {"type": "string"}}})");
  auto reply = run_coro([&] { return provider->chat(request); });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  const auto body = body_of(peer.last_request());
  EXPECT_EQ(body.at("options"), json::parse(R"({"temperature": 0.2, "top_p": 0.9, "num_predict": 64,
                                                "seed": 7, "stop": ["\n\n", "END"]})"));
  EXPECT_EQ(body.at("format"), *request.json_schema);
}

TEST(Ollama, EmbedsEachInputInOrder) {
  LlmPeer peer;
  auto provider = provider_at(peer, ProviderKind::ollama);
  auto reply = run_coro([&] {
    return provider->embed({.model = "nomic-embed-text", .input = {"a", "bcd"}});
  });
  ASSERT_TRUE(reply.ok()) << reply.error().message;
  ASSERT_EQ(reply->embeddings.size(), 2u);
  EXPECT_EQ(reply->embeddings[0].size(), 4u);
  EXPECT_EQ(reply->embeddings[0][0], 1.0);
  EXPECT_EQ(reply->embeddings[1][0], 3.0);
  EXPECT_EQ(reply->usage.prompt_tokens, 12);
  EXPECT_EQ(peer.last_request().target, "/api/embed");
  EXPECT_EQ(body_of(peer.last_request()),
            json::parse(R"({"model": "nomic-embed-text", "input": ["a", "bcd"]})"));
}

TEST(Ollama, ListsItsModels) {
  LlmPeer peer;
  peer.set_models({"llama3:latest", "qwen2.5:7b"});
  auto provider = provider_at(peer, ProviderKind::ollama);
  auto models = run_coro([&] { return provider->list_models(); });
  ASSERT_TRUE(models.ok()) << models.error().message;
  ASSERT_EQ(models->size(), 2u);
  EXPECT_EQ((*models)[0].id, "llama3:latest");
  EXPECT_EQ((*models)[1].details.at("details").at("family"), "llama");
  EXPECT_EQ(peer.last_request().method, "GET");
  EXPECT_EQ(peer.last_request().target, "/api/tags");
}

}  // namespace
}  // namespace weft::llm
