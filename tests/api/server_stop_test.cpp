// Graceful stop as clients and the caller's io_context see it.

#include <gtest/gtest.h>

#include "api/http/server.hpp"
#include "api/server_harness.hpp"

namespace weft::api {
namespace {

using namespace std::chrono_literals;
using namespace weft::api::testing;

void routes(Router& router) {
  router.add("GET", "/api/slow", [](Request&) -> net::awaitable<Response> {
    co_await sleep_for(400ms);
    co_return Response::text(200, "slow");
  });
  router.add("GET", "/api/fast",
             [](Request&) -> net::awaitable<Response> { co_return Response::text(200, "fast"); });
}

TEST(ServerStop, FinishesRequestsInProgressClosesIdleOnesAndReturnsRun) {
  ServerHarness server({}, routes);
  RawClient idle(server.port());
  ASSERT_TRUE(idle.send(request_text("GET", "/api/fast")));
  ASSERT_EQ(idle.read_response().status, 200);
  RawClient busy(server.port());
  ASSERT_TRUE(busy.send(request_text("GET", "/api/slow")));
  std::this_thread::sleep_for(100ms);  // the slow handler is running now

  const auto start = Clock::now();
  server.server().stop();
  server.server().stop();  // idempotent
  EXPECT_TRUE(idle.closed_by_server());
  EXPECT_LT(ms_since(start), 300);

  auto response = busy.read_response();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "slow");
  EXPECT_EQ(response.header("connection"), "close");
  EXPECT_TRUE(busy.closed_by_server());

  server.join();  // run() returns on both threads: the server has no work left
  EXPECT_LT(ms_since(start), 3000);
  EXPECT_FALSE(RawClient(server.port()).connected());
}

TEST(ServerStop, StopsWithNoConnections) {
  ServerHarness server({}, routes);
  const auto start = Clock::now();
  server.server().stop();
  server.join();
  EXPECT_LT(ms_since(start), 1000);
}

TEST(ServerStop, ListenReportsTheAddress) {
  ServerHarness server({}, routes);
  net::io_context context;
  Router router;
  Server second(context, router, {}, {});
  auto status = second.listen("127.0.0.1", server.port());
  ASSERT_FALSE(status.ok());
  const std::string expected = "cannot listen on 127.0.0.1:" + std::to_string(server.port());
  EXPECT_TRUE(status.error().message.starts_with(expected)) << status.error().message;
}

}  // namespace
}  // namespace weft::api
