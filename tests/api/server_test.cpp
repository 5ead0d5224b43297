// The server as a client sees it: routing, envelopes, keep-alive,
// pipelining, HEAD, request ids, the access log and the counters.

#include "api/http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <stdexcept>

#include "api/server_harness.hpp"

namespace weft::api {
namespace {

using namespace std::chrono_literals;
using namespace weft::api::testing;

/// Answers {"route": pattern-ish name, "params": …, "query": …}.
Handler echo(std::string name) {
  return [name](Request& request) -> net::awaitable<Response> {
    json::object params;
    for (const auto& [key, value] : request.params) {
      params[key] = value;
    }
    json::object query;
    for (const auto& [key, value] : request.query) {
      query[key] = value;
    }
    co_return Response::json(200, json::object{{"route", name},
                                               {"path", request.path},
                                               {"params", std::move(params)},
                                               {"query", std::move(query)}});
  };
}

void sample_routes(Router& router) {
  router.add("GET", "/api/x", echo("x"));
  router.add("GET", "/api/pipelines/{id}/versions", echo("versions"));
  router.add("POST", "/api/pipelines", echo("create"));
  router.add("GET", "/api/slow", [](Request&) -> net::awaitable<Response> {
    co_await sleep_for(300ms);
    co_return Response::text(200, "slow");
  });
  router.add("GET", "/api/fast",
             [](Request&) -> net::awaitable<Response> { co_return Response::text(200, "fast"); });
  router.add("GET", "/api/throw", [](Request&) -> net::awaitable<Response> {
    throw std::runtime_error("secret database detail");
    co_return Response::text(200, "never");
  });
  router.add("POST", "/api/echo-body", [](Request& request) -> net::awaitable<Response> {
    co_return Response::text(200, request.body);
  });
}

json::value body_json(const RawResponse& response) {
  return json::parse(response.body);
}

class ServerTest : public ::testing::Test {
 protected:
  ServerHarness server{{}, sample_routes};
};

TEST_F(ServerTest, RoutesAndCapturesParams) {
  auto response = exchange(server.port(), request_text("GET", "/api/pipelines/p_42/versions"));
  ASSERT_EQ(response.status, 200);
  auto body = body_json(response);
  EXPECT_EQ(body.at("route"), "versions");
  EXPECT_EQ(body.at("params").at("id"), "p_42");
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_EQ(response.header("content-length"), std::to_string(response.body.size()));
  EXPECT_EQ(response.header("server"), "weft");
  EXPECT_TRUE(response.header("x-request-id").starts_with("req_"));
}

TEST_F(ServerTest, EachRequestGetsItsOwnId) {
  auto first = exchange(server.port(), request_text("GET", "/api/x"));
  auto second = exchange(server.port(), request_text("GET", "/api/x"));
  EXPECT_NE(first.header("x-request-id"), second.header("x-request-id"));
}

TEST_F(ServerTest, QueryIsDecodedForHandlers) {
  auto response = exchange(server.port(), request_text("GET", "/api/x?q=a+b%26c&wait=false"));
  ASSERT_EQ(response.status, 200);
  auto body = body_json(response);
  EXPECT_EQ(body.at("query").at("q"), "a b&c");
  EXPECT_EQ(body.at("query").at("wait"), "false");
}

TEST_F(ServerTest, UnknownPathIs404Envelope) {
  auto response = exchange(server.port(), request_text("GET", "/x"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, R"({"error":{"code":"not_found","message":"no route for GET /x"}})");
  EXPECT_TRUE(response.header("x-request-id").starts_with("req_"));
}

TEST_F(ServerTest, KnownPathWithOtherMethodIs405WithAllow) {
  auto response = exchange(server.port(), request_text("DELETE", "/api/pipelines"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "POST");
  EXPECT_EQ(body_json(response).at("error").at("code"), "method_not_allowed");
}

TEST_F(ServerTest, OptionsIsNotAllowedAndThereAreNoCorsHeaders) {
  auto response = exchange(server.port(), request_text("OPTIONS", "/api/x",
                                                       "Origin: http://evil.example\r\n"
                                                       "Access-Control-Request-Method: GET\r\n"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "GET, HEAD");
  for (const auto& [name, value] : response.headers) {
    EXPECT_FALSE(name.starts_with("access-control-")) << name;
  }
}

TEST_F(ServerTest, MethodIsUpperCased) {
  auto response = exchange(server.port(), request_text("get", "/api/x"));
  EXPECT_EQ(response.status, 200);
}

TEST_F(ServerTest, PathsAreNormalisedBeforeRouting) {
  for (const char* target : {"//api//x", "/api/./x", "/api/y/../x", "/api/x/", "/api/%78"}) {
    auto response = exchange(server.port(), request_text("GET", target));
    EXPECT_EQ(response.status, 200) << target;
    EXPECT_EQ(body_json(response).at("path"), "/api/x") << target;
  }
}

TEST_F(ServerTest, PathMatchingIsCaseSensitive) {
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/API/x")).status, 404);
}

TEST_F(ServerTest, EncodedSlashAndControlBytesAre400) {
  for (const char* target : {"/api/pipelines/a%2Fb/versions", "/api/%00", "/api/%zz"}) {
    auto response = exchange(server.port(), request_text("GET", target));
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_EQ(body_json(response).at("error").at("code"), "bad_request");
  }
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  RawClient client(server.port());
  ASSERT_TRUE(client.send(request_text("GET", "/api/x")));
  EXPECT_EQ(client.read_response().status, 200);
  ASSERT_TRUE(client.send(request_text("POST", "/api/echo-body", "", "hello")));
  auto second = client.read_response();
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.body, "hello");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  RawClient client(server.port());
  ASSERT_TRUE(client.send(request_text("GET", "/api/slow") + request_text("GET", "/api/fast") +
                          request_text("POST", "/api/echo-body", "", "third")));
  EXPECT_EQ(client.read_response().body, "slow");
  EXPECT_EQ(client.read_response().body, "fast");
  EXPECT_EQ(client.read_response().body, "third");
}

TEST_F(ServerTest, HeadIsGetWithoutBody) {
  RawClient client(server.port());
  ASSERT_TRUE(client.send(request_text("HEAD", "/api/fast")));
  auto head = client.read_response(true);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.header("content-length"), "4");
  EXPECT_EQ(head.body, "");
  // Had a body been sent, it would now be read as the next response's start.
  ASSERT_TRUE(client.send(request_text("GET", "/api/fast")));
  EXPECT_EQ(client.read_response().body, "fast");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  RawClient client(server.port());
  ASSERT_TRUE(client.send(request_text("GET", "/api/x", "Connection: close\r\n")));
  auto response = client.read_response();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.header("connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, Http10ClosesUnlessAskedToKeepAlive) {
  RawClient client(server.port());
  ASSERT_TRUE(client.send("GET /api/fast HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(client.read_response().body, "fast");
  EXPECT_TRUE(client.closed_by_server());

  RawClient kept(server.port());
  ASSERT_TRUE(kept.send("GET /api/fast HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
  auto response = kept.read_response();
  EXPECT_EQ(response.header("connection"), "keep-alive");
  ASSERT_TRUE(kept.send("GET /api/fast HTTP/1.0\r\n\r\n"));
  EXPECT_EQ(kept.read_response().body, "fast");
}

TEST_F(ServerTest, ThrowingHandlerIs500WithRequestIdAndServerStaysUp) {
  auto response = exchange(server.port(), request_text("GET", "/api/throw"));
  ASSERT_EQ(response.status, 500);
  auto error = body_json(response).at("error");
  EXPECT_EQ(error.at("code"), "internal");
  const std::string message(error.at("message").as_string());
  EXPECT_NE(message.find(response.header("x-request-id")), std::string::npos) << message;
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/api/x")).status, 200);

  bool logged = false;
  for (const auto& line : server.wait_for_log(2)) {
    auto entry = json::parse(line).as_object();
    if (entry.at("status") == 500) {
      logged = true;
      EXPECT_EQ(entry.at("error"), "secret database detail");
      EXPECT_EQ(std::string(entry.at("request_id").as_string()), response.header("x-request-id"));
    }
  }
  EXPECT_TRUE(logged);
}

TEST_F(ServerTest, AccessLogHasOneJsonLinePerRequestWithoutSecrets) {
  auto response =
      exchange(server.port(), request_text("POST", "/api/pipelines?token=hunter2",
                                           "Authorization: Bearer sekrit\r\n", R"({"pw":"body"})"));
  ASSERT_EQ(response.status, 200);
  auto lines = server.wait_for_log(1);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].find("hunter2"), std::string::npos);
  EXPECT_EQ(lines[0].find("sekrit"), std::string::npos);
  EXPECT_EQ(lines[0].find("body"), std::string::npos);
  EXPECT_EQ(lines[0].find('\n'), std::string::npos);
  auto entry = json::parse(lines[0]).as_object();
  for (const char* field : {"time", "request_id", "remote", "method", "path", "route", "status",
                            "bytes", "duration_ms"}) {
    EXPECT_TRUE(entry.contains(field)) << field;
  }
  EXPECT_EQ(std::string(entry.at("request_id").as_string()), response.header("x-request-id"));
  EXPECT_EQ(entry.at("remote"), "127.0.0.1");
  EXPECT_EQ(entry.at("method"), "POST");
  EXPECT_EQ(entry.at("path"), "/api/pipelines");
  EXPECT_EQ(entry.at("route"), "/api/pipelines");
  EXPECT_EQ(entry.at("status"), 200);
  EXPECT_EQ(entry.at("bytes").to_number<std::size_t>(), response.body.size());
  EXPECT_GE(entry.at("duration_ms").to_number<double>(), 0.0);
}

/// The statuses in an access log, in order.
std::vector<int> logged_statuses(const std::vector<std::string>& lines) {
  std::vector<int> statuses;
  for (const auto& line : lines) {
    statuses.push_back(json::parse(line).at("status").to_number<int>());
  }
  return statuses;
}

TEST(ServerAccessLog, OffWritesNoLineButStillCounts) {
  ServerHarness server({}, sample_routes, {.level = AccessLogLevel::off});
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/api/x")).status, 200);
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/nope")).status, 404);
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/api/throw")).status, 500);
  // Counted just after the answer is sent: the client may be ahead of it.
  const auto start = Clock::now();
  while (server.server().request_counts().size() < 3 && ms_since(start) < 5000) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_EQ(server.server().request_counts().size(), 3u) << "/metrics still counts each request";
  EXPECT_TRUE(server.finish().empty());
}

TEST(ServerAccessLog, ErrorsWritesOnlyFailedAndSlowRequests) {
  ServerHarness server(
      {}, sample_routes,
      {.level = AccessLogLevel::errors, .slow_after = std::chrono::milliseconds(200)});
  RawClient client(server.port());
  for (const char* target : {"/api/x", "/nope", "/api/fast", "/api/throw", "/api/slow", "/api/x"}) {
    client.send(request_text("GET", target));
    ASSERT_NE(client.read_response().status, 0) << target;
  }
  const auto lines = server.finish();
  EXPECT_EQ(logged_statuses(lines), (std::vector<int>{404, 500, 200}));
  ASSERT_EQ(lines.size(), 3u);
  const auto slow = json::parse(lines[2]).as_object();
  EXPECT_EQ(slow.at("path"), "/api/slow");
  EXPECT_GE(slow.at("duration_ms").to_number<double>(), 200.0);
}

TEST(ServerAccessLog, SampleWritesOneInNAndEveryError) {
  ServerHarness server({}, sample_routes, {.level = AccessLogLevel::sample, .sample_every = 3});
  RawClient client(server.port());
  for (int i = 0; i < 6; ++i) {
    client.send(request_text("GET", "/api/x"));
    ASSERT_EQ(client.read_response().status, 200);
  }
  client.send(request_text("GET", "/nope"));
  ASSERT_EQ(client.read_response().status, 404);
  EXPECT_EQ(logged_statuses(server.finish()), (std::vector<int>{200, 200, 404}));
}

TEST_F(ServerTest, RequestCountsByMethodRouteAndStatus) {
  exchange(server.port(), request_text("GET", "/api/pipelines/a/versions"));
  exchange(server.port(), request_text("GET", "/api/pipelines/b/versions"));
  exchange(server.port(), request_text("GET", "/nope"));
  exchange(server.port(), request_text("BREW", "/nope"));
  server.wait_for_log(4);
  auto count = [&](std::string method, std::string route, int status) -> std::uint64_t {
    for (const auto& row : server.server().request_counts()) {
      if (row.method == method && row.route == route && row.status == status) {
        return row.count;
      }
    }
    return 0;
  };
  EXPECT_EQ(count("GET", "/api/pipelines/{id}/versions", 200), 2u);
  EXPECT_EQ(count("GET", "unmatched", 404), 1u);
  EXPECT_EQ(count("OTHER", "unmatched", 404), 1u);
}

TEST_F(ServerTest, ManyKeepAliveClientsAtOnce) {
  constexpr int kClients = 8;
  constexpr int kRequests = 25;
  std::atomic<int> answered{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      RawClient client(server.port());
      for (int i = 0; i < kRequests; ++i) {
        const std::string id = "p" + std::to_string(c) + "_" + std::to_string(i);
        if (!client.send(request_text("GET", "/api/pipelines/" + id + "/versions"))) {
          return;
        }
        auto response = client.read_response();
        if (response.status == 200 && body_json(response).at("params").at("id") == id.c_str()) {
          ++answered;
        }
      }
    });
  }
  for (auto& client : clients) {
    client.join();
  }
  EXPECT_EQ(answered.load(), kClients * kRequests);
  EXPECT_EQ(server.wait_for_log(kClients * kRequests).size(),
            static_cast<std::size_t>(kClients * kRequests));
  ASSERT_EQ(server.server().request_counts().size(), 1u);
  EXPECT_EQ(server.server().request_counts()[0].count,
            static_cast<std::uint64_t>(kClients * kRequests));
}

TEST_F(ServerTest, MiddlewareMayAnswerFirst) {
  server.server().set_middleware([](Request& request, const Route*) -> std::optional<Response> {
    if (request.header("authorization").empty()) {
      return Response::error(401, "unauthorized", "sign in first");
    }
    return std::nullopt;
  });
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/api/x")).status, 401);
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/api/x", "Authorization: k\r\n")).status,
            200);
}

}  // namespace
}  // namespace weft::api
