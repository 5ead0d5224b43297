// Engine behaviour that needs a real HTTP peer: retries and loop concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>

#include "fixtures/engine_harness.hpp"
#include "fixtures/http_peer.hpp"

namespace weft::engine {
namespace {

using testing::HttpPeer;
using testing::PeerRequest;
using testing::PeerResponse;
using testing::run_pipeline;
using namespace std::chrono_literals;

std::string with_url(std::string doc, const std::string& url) {
  doc.replace(doc.find("URL"), 3, url);
  return doc;
}

TEST(EngineHttp, AFlakyPeerIsRetriedToSuccessWithAttemptsRecorded) {
  std::atomic<int> calls{0};
  HttpPeer peer([&](const PeerRequest&) {
    return ++calls <= 2 ? PeerResponse::text(503, "busy") : PeerResponse::json(R"({"ok": true})");
  });
  auto run = run_pipeline(with_url(R"({"nodes": [{"id": "call", "type": "http_request",
      "config": {"url": "URL"}, "retry": {"max_attempts": 5, "backoff_ms": 20}}], "edges": []})",
                                   peer.url("/flaky")),
                          {.allow = {"127.0.0.1/32"}});
  ASSERT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_EQ(run.node("call").attempts, 3);
  EXPECT_EQ(peer.requests(), 3u);
  EXPECT_EQ(run.result.outputs.at("call").at("body"), json::parse(R"({"ok": true})"));
  int retries_logged = 0;
  for (const auto& line : run.node("call").logs) {
    retries_logged += line.level == "warn" && line.message.find("retrying in") != std::string::npos;
  }
  EXPECT_EQ(retries_logged, 2);
  int started = 0;
  for (const auto& e : run.events) {
    started += e.type == "node.started" ? 1 : 0;
  }
  EXPECT_EQ(started, 3) << "one node.started per attempt";
}

TEST(EngineHttp, AnAnswerWithANumberOutOfRangeIsKeptAsText) {
  // Read as JSON it would hold Infinity, which no store or answer can write.
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::json(R"({"r": 1e999})"); });
  auto run = run_pipeline(with_url(R"({"nodes": [{"id": "call", "type": "http_request",
      "config": {"url": "URL"}}], "edges": []})",
                                   peer.url("/huge")),
                          {.allow = {"127.0.0.1/32"}});
  ASSERT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_EQ(run.result.outputs.at("call").at("body"), json::value(R"({"r": 1e999})"));
}

TEST(EngineHttp, ClientErrorsAreNotRetried) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::text(404, "no such thing"); });
  auto run = run_pipeline(with_url(R"({"nodes": [{"id": "call", "type": "http_request",
      "config": {"url": "URL"}, "retry": {"max_attempts": 5, "backoff_ms": 1}}], "edges": []})",
                                   peer.url("/missing")),
                          {.allow = {"127.0.0.1/32"}});
  EXPECT_EQ(run.result.status, RunStatus::failed);
  EXPECT_EQ(run.node("call").attempts, 1);
  EXPECT_NE(run.result.error->message.find("answered 404: no such thing"), std::string::npos)
      << run.result.error->message;
}

TEST(EngineHttp, ALoopOf100WithConcurrency4NeverRunsMoreThan4AndKeepsOrder) {
  HttpPeer peer([](const PeerRequest& r) {
    PeerResponse response = PeerResponse::json("{\"path\": \"" + r.target + "\"}");
    response.delay = 5ms;
    return response;
  });
  std::string items;
  for (int i = 0; i < 100; ++i) {
    items += (i ? "," : "") + std::to_string(i);
  }
  std::string doc = with_url(R"({"variables": {"ids": [ITEMS]},
      "nodes": [{"id": "each", "type": "loop", "config": {"items": "{{ vars.ids }}", "concurrency": 4,
        "body": {"nodes": [{"id": "get", "type": "http_request", "config": {"url": "URL{{ item }}"}}],
                 "edges": []}}}], "edges": []})",
                             peer.url("/item/"));
  doc.replace(doc.find("ITEMS"), 5, items);
  auto run = run_pipeline(doc, {.allow = {"127.0.0.1/32"}});
  ASSERT_EQ(run.result.status, RunStatus::succeeded);
  EXPECT_EQ(peer.requests(), 100u);
  EXPECT_EQ(peer.max_in_flight(), 4u) << "the loop must use, and never exceed, its concurrency";
  const auto& results = run.result.outputs.at("each").at("results").as_array();
  ASSERT_EQ(results.size(), 100u);
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].at("get").at("body").at("path"),
              json::value("/item/" + std::to_string(i)));
  }
}

TEST(EngineHttp, CancellingInterruptsAnHttpCallInFlight) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response = PeerResponse::json("{}");
    response.delay = 10s;
    return response;
  });
  auto run = run_pipeline(with_url(R"({"nodes": [{"id": "call", "type": "http_request",
      "config": {"url": "URL"}}], "edges": []})",
                                   peer.url("/slow")),
                          {.cancel_after = 100ms, .allow = {"127.0.0.1/32"}});
  EXPECT_EQ(run.result.status, RunStatus::cancelled);
  EXPECT_LT(run.elapsed, 1000ms) << "the 10 s answer must not be waited for";
  EXPECT_TRUE(peer.wait_for_aborted(1, 2s)) << "the peer should see the connection closed";
}

TEST(EngineHttp, TemplatedBodyHeadersAndQueryReachThePeer) {
  HttpPeer peer([](const PeerRequest& r) { return PeerResponse::json(r.body); });
  auto run = run_pipeline(with_url(R"({"nodes": [
      {"id": "who", "type": "input_text", "config": {}},
      {"id": "post", "type": "http_request", "config": {"method": "POST", "url": "URL",
        "headers": {"X-Who": "{{ who.text }}"}, "query": {"q": "{{ who.text | upper }}", "n": 2},
        "body": {"greeting": "Hi {{ who.text }}", "n": "{{ 1 + 1 }}"}}}],
      "edges": [{"source": "who", "target": "post"}]})",
                                   peer.url("/echo")),
                          {.inputs = {{"who", "ada lovelace"}}, .allow = {"127.0.0.1/32"}});
  ASSERT_EQ(run.result.status, RunStatus::succeeded);
  const auto request = peer.last_request();
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/echo?q=ADA%20LOVELACE&n=2");
  EXPECT_EQ(request.header("x-who"), "ada lovelace");
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_EQ(json::parse(request.body), json::parse(R"({"greeting": "Hi ada lovelace", "n": 2})"));
  EXPECT_EQ(run.result.outputs.at("post").at("body").at("n"), 2);
}

TEST(EngineHttp, FormAndTextBodies) {
  HttpPeer peer([](const PeerRequest& r) { return PeerResponse::text(200, r.body); });
  auto form = run_pipeline(with_url(R"({"nodes": [{"id": "post", "type": "http_request",
      "config": {"method": "PUT", "url": "URL", "body_type": "form", "body": {"a": "x y", "b": "{{ 3 }}"}}}],
      "edges": []})",
                                    peer.url("/form")),
                           {.allow = {"127.0.0.1/32"}});
  EXPECT_EQ(peer.last_request().header("content-type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(form.result.outputs.at("post").at("body"), "a=x%20y&b=3");
  auto text = run_pipeline(with_url(R"({"nodes": [{"id": "post", "type": "http_request",
      "config": {"method": "PATCH", "url": "URL", "body_type": "text", "body": "plain {{ 'words' }}"}}],
      "edges": []})",
                                    peer.url("/text")),
                           {.allow = {"127.0.0.1/32"}});
  EXPECT_EQ(peer.last_request().method, "PATCH");
  EXPECT_EQ(text.result.outputs.at("post").at("body"), "plain words");
}

TEST(EngineHttp, PrivateAddressesAreRefusedWithoutTheAllowList) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::json("{}"); });
  auto run = run_pipeline(with_url(R"({"nodes": [{"id": "call", "type": "http_request",
      "config": {"method": "DELETE", "url": "URL"}}], "edges": []})",
                                   peer.url("/")));
  EXPECT_EQ(run.result.status, RunStatus::failed);
  EXPECT_EQ(run.result.error->code, ErrorCode::address_refused);
  EXPECT_EQ(peer.requests(), 0u);
}

}  // namespace
}  // namespace weft::engine
