// Limits against large, slow and broken clients, as a client notices them.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <boost/system/system_error.hpp>

#include "api/http/server.hpp"
#include "api/server_harness.hpp"

namespace weft::api {
namespace {

using namespace std::chrono_literals;
using namespace weft::api::testing;

std::string error_code_of(const RawResponse& response) {
  return std::string(json::parse(response.body).at("error").at("code").as_string());
}

void basic_routes(Router& router) {
  router.add("GET", "/api/fast",
             [](Request&) -> net::awaitable<Response> { co_return Response::text(200, "fast"); });
  router.add("POST", "/api/echo-body", [](Request& request) -> net::awaitable<Response> {
    co_return Response::text(200, request.body);
  });
}

TEST(ServerLimits, HugeBodyIs413AtOnceWithoutReadingIt) {
  ServerHarness server({}, basic_routes);  // max_body_bytes 10 MB
  RawClient client(server.port());
  const auto start = Clock::now();
  ASSERT_TRUE(client.send("POST /api/echo-body HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                          std::to_string(20 * 1024 * 1024) + "\r\n\r\n" +
                          std::string(64 * 1024, 'a')));
  auto response = client.read_response();
  EXPECT_LT(ms_since(start), 1000);
  ASSERT_EQ(response.status, 413);
  EXPECT_EQ(error_code_of(response), "payload_too_large");
  EXPECT_EQ(response.header("connection"), "close");
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/api/fast")).status, 200);
}

TEST(ServerLimits, ClientSendingAllOfAHugeBodyStillReads413) {
  ServerHarness server({}, basic_routes);
  RawClient client(server.port());
  std::thread upload([&] {
    // Like a client that writes the whole body before it reads: the server
    // must answer and drain, not reset the connection under the answer.
    client.send("POST /api/echo-body HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                std::to_string(20 * 1024 * 1024) + "\r\n\r\n" + std::string(20 * 1024 * 1024, 'a'));
  });
  auto response = client.read_response();
  upload.join();
  EXPECT_EQ(response.status, 413);
}

TEST(ServerLimits, ChunkedBodyCrossingTheLimitIs413) {
  ServerLimits limits;
  limits.max_body_bytes = 1000;
  ServerHarness server(limits, basic_routes);
  RawClient client(server.port());
  const std::string chunk(600, 'x');
  ASSERT_TRUE(
      client.send("POST /api/echo-body HTTP/1.1\r\nHost: t\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n258\r\n" +
                  chunk + "\r\n258\r\n" + chunk + "\r\n0\r\n\r\n"));
  auto response = client.read_response();
  EXPECT_EQ(response.status, 413);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(ServerLimits, ChunkedBodyWithinTheLimitArrivesWhole) {
  ServerHarness server({}, basic_routes);
  auto response = exchange(server.port(),
                           "POST /api/echo-body HTTP/1.1\r\nHost: t\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n"
                           "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "hello world");
}

TEST(ServerLimits, ExpectContinueInvitesTheBodyOrRefusesIt) {
  ServerLimits limits;
  limits.max_body_bytes = 1000;
  ServerHarness server(limits, basic_routes);
  RawClient client(server.port());
  ASSERT_TRUE(
      client.send("POST /api/echo-body HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
                  "Content-Length: 5\r\n\r\n"));
  EXPECT_EQ(client.read_response().status, 100);
  ASSERT_TRUE(client.send("hello"));
  EXPECT_EQ(client.read_response().body, "hello");

  RawClient big(server.port());
  ASSERT_TRUE(
      big.send("POST /api/echo-body HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
               "Content-Length: 5000\r\n\r\n"));
  EXPECT_EQ(big.read_response().status, 413);
}

TEST(ServerLimits, LargeHeadersAre431) {
  ServerLimits limits;
  limits.max_header_bytes = 1024;
  ServerHarness server(limits, basic_routes);
  auto response = exchange(
      server.port(), request_text("GET", "/api/fast", "X-Big: " + std::string(2000, 'h') + "\r\n"));
  EXPECT_EQ(response.status, 431);
  EXPECT_EQ(error_code_of(response), "headers_too_large");
}

TEST(ServerLimits, MalformedRequestsAre400AndClose) {
  ServerHarness server({}, basic_routes);
  for (const char* text : {"GARBAGE\r\n\r\n", "GET /api/fast HTTP/9.9\r\n\r\n",
                           "GET /api/fast HTTP/1.1\r\nNo colon here\r\n\r\n",
                           "GET /api/fast HTTP/1.1\r\nContent-Length: x\r\n\r\n",
                           "POST /api/echo-body HTTP/1.1\r\nContent-Length: 5\r\n"
                           "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"}) {
    RawClient client(server.port());
    ASSERT_TRUE(client.send(text));
    auto response = client.read_response();
    EXPECT_EQ(response.status, 400) << text;
    EXPECT_EQ(error_code_of(response), "bad_request") << text;
    EXPECT_TRUE(client.closed_by_server()) << text;
  }
  EXPECT_EQ(exchange(server.port(), request_text("GET", "/api/fast")).status, 200);
}

TEST(ServerLimits, SlowClientGets408WithinReadTimeoutWhileOthersAreServed) {
  ServerLimits limits;
  limits.read_timeout = 500ms;
  ServerHarness server(limits, basic_routes);
  RawClient slow(server.port());
  const std::string text = request_text("GET", "/api/fast");
  const auto start = Clock::now();
  ASSERT_TRUE(slow.send(text.substr(0, 1)));
  std::atomic<bool> done{false};
  std::thread trickle([&] {
    // One byte a second, as a slowloris client would.
    for (std::size_t i = 1; i < text.size() && !done; ++i) {
      for (int tick = 0; tick < 100 && !done; ++tick) {
        std::this_thread::sleep_for(10ms);
      }
      if (done || !slow.send(text.substr(i, 1))) {
        break;
      }
    }
  });
  for (int i = 0; i < 3; ++i) {
    const auto other_start = Clock::now();
    EXPECT_EQ(exchange(server.port(), text).status, 200);
    EXPECT_LT(ms_since(other_start), 200);
  }
  auto response = slow.read_response();
  const auto elapsed = ms_since(start);
  done = true;
  trickle.join();
  EXPECT_EQ(response.status, 408);
  EXPECT_EQ(error_code_of(response), "request_timeout");
  EXPECT_GE(elapsed, 450);
  EXPECT_LT(elapsed, 1000);
}

TEST(ServerLimits, SilentConnectionIsClosedAfterReadTimeout) {
  ServerLimits limits;
  limits.read_timeout = 300ms;
  ServerHarness server(limits, basic_routes);
  RawClient client(server.port());
  const auto start = Clock::now();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_LT(ms_since(start), 1500);
  EXPECT_TRUE(server.log_lines().empty());  // no request, nothing to log
}

TEST(ServerLimits, IdleKeepAliveConnectionIsClosedAfterIdleTimeout) {
  ServerLimits limits;
  limits.idle_timeout = 300ms;
  ServerHarness server(limits, basic_routes);
  RawClient client(server.port());
  ASSERT_TRUE(client.send(request_text("GET", "/api/fast")));
  EXPECT_EQ(client.read_response().status, 200);
  const auto start = Clock::now();
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_GE(ms_since(start), 250);
  EXPECT_LT(ms_since(start), 1500);
}

TEST(ServerLimits, SlowHandlerIs504AndIsCancelled) {
  ServerLimits limits;
  limits.handler_timeout = 200ms;
  auto cancelled = std::make_shared<std::atomic<bool>>(false);
  ServerHarness server(limits, [cancelled](Router& router) {
    basic_routes(router);
    router.add("GET", "/api/hang", [cancelled](Request&) -> net::awaitable<Response> {
      try {
        co_await sleep_for(10s);
      } catch (const boost::system::system_error&) {
        cancelled->store(true);
        throw;
      }
      co_return Response::text(200, "late");
    });
  });
  RawClient client(server.port());
  const auto start = Clock::now();
  ASSERT_TRUE(client.send(request_text("GET", "/api/hang")));
  auto response = client.read_response();
  EXPECT_EQ(response.status, 504);
  EXPECT_EQ(error_code_of(response), "timeout");
  EXPECT_LT(ms_since(start), 1000);
  // The connection goes on serving.
  ASSERT_TRUE(client.send(request_text("GET", "/api/fast")));
  EXPECT_EQ(client.read_response().status, 200);
  const auto wait_start = Clock::now();
  while (!cancelled->load() && ms_since(wait_start) < 2000) {
    std::this_thread::sleep_for(5ms);
  }
  EXPECT_TRUE(cancelled->load());
}

TEST(ServerLimits, ConnectionsBeyondTheLimitAreClosedAtOnce) {
  ServerLimits limits;
  limits.max_connections = 2;
  ServerHarness server(limits, basic_routes);
  std::vector<std::unique_ptr<RawClient>> open;
  for (int i = 0; i < 2; ++i) {
    open.push_back(std::make_unique<RawClient>(server.port()));
    ASSERT_TRUE(open.back()->send(request_text("GET", "/api/fast")));
    ASSERT_EQ(open.back()->read_response().status, 200);
  }
  RawClient refused(server.port());
  EXPECT_TRUE(refused.closed_by_server());
  open.clear();  // the server sees both leave and makes room
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    std::this_thread::sleep_for(20ms);
    status = exchange(server.port(), request_text("GET", "/api/fast")).status;
  }
  EXPECT_EQ(status, 200);
}

}  // namespace
}  // namespace weft::api
