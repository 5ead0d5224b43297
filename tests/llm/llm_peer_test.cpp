// The LLM peer itself, where no provider exercises it: Ollama's
// /api/generate, streamed and not, and answers to paths it does not serve.
#include "fixtures/llm_peer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>

#include "integrations/http_client.hpp"
#include "llm_test_util.hpp"

namespace weft::testing {
namespace {

integrations::HttpResponse post(const LlmPeer& peer, std::string path, std::string body) {
  auto guard = integrations::AddressGuard::create({"127.0.0.1"});
  auto http = integrations::make_http_client(std::move(guard).value());
  auto response = run_coro([&] {
    return http->send({.method = "POST", .url = peer.url(path), .body = std::move(body)});
  });
  EXPECT_TRUE(response.ok());
  return std::move(response).value();
}

TEST(LlmPeer, GenerateStreamsResponseLinesThenADoneLineWithContext) {
  LlmPeer peer;
  peer.script(LlmReply::text("Hi there", 3));
  auto response = post(peer, "/api/generate", R"({"model": "llama3", "prompt": "hello"})");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("content-type"), "application/x-ndjson");
  std::istringstream lines(response.body);
  std::vector<json::value> objects;
  for (std::string line; std::getline(lines, line);) {
    objects.push_back(json::parse(line));
  }
  ASSERT_EQ(objects.size(), 4u);
  EXPECT_EQ(objects[0].at("response"), "Hi ");
  EXPECT_EQ(objects[0].at("done"), false);
  EXPECT_EQ(objects[3].at("done"), true);
  EXPECT_EQ(objects[3].at("done_reason"), "stop");
  EXPECT_EQ(objects[3].at("eval_count"), 3);
  EXPECT_TRUE(objects[3].at("context").is_array());
}

TEST(LlmPeer, GenerateWithoutStreamingAnswersOneObject) {
  LlmPeer peer;
  peer.script(LlmReply::text("Hi there"));
  auto response =
      post(peer, "/api/generate", R"({"model": "llama3", "prompt": "hello", "stream": false})");
  auto object = json::parse(response.body);
  EXPECT_EQ(object.at("response"), "Hi there");
  EXPECT_EQ(object.at("prompt_eval_count"), 12);
}

TEST(LlmPeer, UnknownPathsAndBadBodiesGetTheServersErrors) {
  LlmPeer peer;
  auto missing = post(peer, "/api/nothing", "{}");
  EXPECT_EQ(missing.status, 404);
  auto bad = post(peer, "/v1/chat/completions", "not json");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(json::parse(bad.body).at("error").at("message"), "invalid JSON body");
}

}  // namespace
}  // namespace weft::testing
