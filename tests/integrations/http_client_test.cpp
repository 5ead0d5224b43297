#include "integrations/http_client.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cctype>
#include <optional>
#include <thread>

#include "fixtures/http_peer.hpp"
#include "integrations/client_harness.hpp"

namespace weft::integrations {
namespace {

namespace net = boost::asio;
using namespace std::chrono_literals;
using weft::testing::HttpPeer;
using weft::testing::PeerRequest;
using weft::testing::PeerResponse;
using namespace weft::integrations::testing;
using Clock = std::chrono::steady_clock;

std::unique_ptr<HttpClient> loopback_client() {
  return client_allowing({"127.0.0.1/32"});
}

HttpRequest make(std::string method, std::string url, std::string body = "") {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.body = std::move(body);
  return request;
}

/// A port with nothing listening on it.
unsigned short closed_port() {
  net::io_context ctx;
  net::ip::tcp::acceptor acceptor(ctx, {net::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

TEST(HttpClient, GetWithQuerySendsHostAndUserAgent) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::json(R"({"ok":true})"); });
  auto client = loopback_client();
  auto response = send_now(*client, get(peer.url("/items?id=7&q=a%20b")));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"ok":true})");
  EXPECT_EQ(response->header("Content-Type"), "application/json");
  EXPECT_EQ(response->url, peer.url("/items?id=7&q=a%20b"));
  const PeerRequest seen = peer.last_request();
  EXPECT_EQ(seen.method, "GET");
  EXPECT_EQ(seen.target, "/items?id=7&q=a%20b");
  EXPECT_EQ(seen.header("host"), "127.0.0.1:" + std::to_string(peer.port()));
  EXPECT_EQ(seen.header("user-agent"), "weft/0.1");
  EXPECT_EQ(seen.header("content-length"), "");
}

TEST(HttpClient, PostSendsJsonBodyAndCallerHeaders) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::json("{}", 201); });
  auto client = loopback_client();
  HttpRequest request = make("POST", peer.url("/orders"), R"({"qty":3})");
  request.headers = {
      {"Content-Type", "application/json"}, {"X-Trace", "abc"}, {"User-Agent", "custom/1"}};
  auto response = send_now(*client, request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 201);
  const PeerRequest seen = peer.last_request();
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.body, R"({"qty":3})");
  EXPECT_EQ(seen.header("content-type"), "application/json");
  EXPECT_EQ(seen.header("content-length"), "9");
  EXPECT_EQ(seen.header("x-trace"), "abc");
  EXPECT_EQ(seen.header("user-agent"), "custom/1");
}

TEST(HttpClient, PutPatchDeleteArriveWithTheirBodies) {
  HttpPeer peer([](const PeerRequest& r) { return PeerResponse::text(200, r.method); });
  auto client = loopback_client();
  for (const char* method : {"PUT", "PATCH", "DELETE", "post"}) {
    SCOPED_TRACE(method);
    auto response = send_now(*client, make(method, peer.url("/thing/1"), "payload"));
    ASSERT_TRUE(response.ok()) << response.error().message;
    const PeerRequest seen = peer.last_request();
    EXPECT_EQ(response->body, seen.method);
    EXPECT_EQ(seen.body, "payload");
  }
  EXPECT_EQ(peer.last_request().method, "POST");
}

TEST(HttpClient, ErrorStatusIsAResponseWithLowerCasedHeaders) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response = PeerResponse::text(404, "no such thing");
    response.headers.emplace_back("X-Custom-Thing", "yes");
    return response;
  });
  auto client = loopback_client();
  auto response = send_now(*client, get(peer.url("/missing")));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, "no such thing");
  bool found = false;
  for (const auto& [name, value] : response->headers) {
    EXPECT_TRUE(std::none_of(name.begin(), name.end(), [](char c) { return std::isupper(c); }))
        << name;
    found = found || (name == "x-custom-thing" && value == "yes");
  }
  EXPECT_TRUE(found);
}

TEST(HttpClient, HeadReadsNoBody) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::text(200, "twelve bytes"); });
  auto client = loopback_client();
  auto response = send_now(*client, make("HEAD", peer.url("/")));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->header("content-length"), "12");
  EXPECT_EQ(response->body, "");
}

TEST(HttpClient, FollowsRedirectsTurningPostIntoGet) {
  HttpPeer peer([](const PeerRequest& r) {
    if (r.target == "/old") {
      return PeerResponse::redirect(302, "/new?x=1");
    }
    return PeerResponse::text(200, "moved here");
  });
  auto client = loopback_client();
  HttpRequest request = make("POST", peer.url("/old"), "form=1");
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  auto response = send_now(*client, request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "moved here");
  EXPECT_EQ(response->url, peer.url("/new?x=1"));
  ASSERT_EQ(peer.requests(), 2U);
  const PeerRequest second = peer.last_request();
  EXPECT_EQ(second.method, "GET");
  EXPECT_EQ(second.target, "/new?x=1");
  EXPECT_EQ(second.body, "");
  EXPECT_EQ(second.header("content-type"), "");
}

TEST(HttpClient, Redirect307KeepsMethodAndBody) {
  HttpPeer peer([](const PeerRequest& r) {
    if (r.target == "/old") {
      return PeerResponse::redirect(307, "/new");
    }
    return PeerResponse::text(200, r.method + " " + r.body);
  });
  auto client = loopback_client();
  auto response = send_now(*client, make("PUT", peer.url("/old"), "v=2"));
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "PUT v=2");
}

TEST(HttpClient, RedirectToAnotherOriginDropsAuthorization) {
  HttpPeer second([](const PeerRequest&) { return PeerResponse::text(200, "second"); });
  HttpPeer first([&](const PeerRequest&) { return PeerResponse::redirect(301, second.url("/x")); });
  auto client = loopback_client();
  HttpRequest request = get(first.url("/"));
  request.headers = {{"Authorization", "Bearer secret"}, {"X-Keep", "1"}};
  auto response = send_now(*client, request);
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "second");
  EXPECT_EQ(first.last_request().header("authorization"), "Bearer secret");
  EXPECT_EQ(second.last_request().header("authorization"), "");
  EXPECT_EQ(second.last_request().header("x-keep"), "1");
}

TEST(HttpClient, RedirectFromAllowedHostToRefusedAddressIsRefused) {
  HttpPeer target([](const PeerRequest&) { return PeerResponse::text(200, "internal"); });
  const std::string refused_urls[] = {target.url("/"), "http://10.0.0.1/admin"};
  for (const std::string& location : refused_urls) {
    SCOPED_TRACE(location);
    HttpPeer origin([&](const PeerRequest&) { return PeerResponse::redirect(302, location); });
    auto client = client_allowing({"localhost"});
    auto response =
        send_now(*client, get("http://localhost:" + std::to_string(origin.port()) + "/"));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::address_refused) << response.error().message;
    EXPECT_EQ(origin.requests(), 1U);
  }
  EXPECT_EQ(target.connections(), 0U);
}

TEST(HttpClient, RedirectToAnotherSchemeIsRefused) {
  HttpPeer peer(
      [](const PeerRequest&) { return PeerResponse::redirect(302, "file:///etc/passwd"); });
  auto client = loopback_client();
  auto response = send_now(*client, get(peer.url("/")));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::address_refused);
}

TEST(HttpClient, TooManyRedirectsIsANetworkError) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::redirect(302, "/loop"); });
  auto client = loopback_client();
  HttpRequest request = get(peer.url("/loop"));
  request.max_redirects = 3;
  auto response = send_now(*client, request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::network_error);
  EXPECT_NE(response.error().message.find("too many redirects"), std::string::npos);
  EXPECT_EQ(peer.requests(), 4U);
}

TEST(HttpClient, SlowServerTimesOut) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response = PeerResponse::text(200, "late");
    response.delay = 2s;
    return response;
  });
  auto client = loopback_client();
  HttpRequest request = get(peer.url("/slow"));
  request.timeout = 200ms;
  const auto start = Clock::now();
  auto response = send_now(*client, request);
  const auto elapsed = ms_since(start);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::timeout);
  EXPECT_TRUE(response.error().retryable);
  EXPECT_EQ(response.error().message, "request to 127.0.0.1 timed out after 200 ms");
  EXPECT_GE(elapsed, 190);
  EXPECT_LT(elapsed, 600);
  EXPECT_TRUE(peer.wait_for_aborted(1, 1s));
}

TEST(HttpClient, CancellationAbortsPromptlyAndClosesTheConnection) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response = PeerResponse::text(200, "late");
    response.delay = 5s;
    return response;
  });
  auto client = loopback_client();
  net::io_context ctx;
  net::cancellation_signal signal;
  std::optional<Result<HttpResponse>> result;
  Clock::time_point emitted;
  Clock::time_point finished;
  net::co_spawn(
      ctx,
      [&]() -> net::awaitable<void> { result.emplace(co_await client->send(get(peer.url("/")))); },
      net::bind_cancellation_slot(signal.slot(), [&](std::exception_ptr error) {
        finished = Clock::now();
        if (error) {
          std::rethrow_exception(error);
        }
      }));
  net::steady_timer trigger(ctx, 100ms);
  trigger.async_wait([&](boost::system::error_code) {
    ASSERT_EQ(peer.requests(), 1U);
    emitted = Clock::now();
    signal.emit(net::cancellation_type::terminal);
  });
  ctx.run();
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->ok());
  EXPECT_EQ(result->error().code, ErrorCode::cancelled);
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(finished - emitted).count(), 100);
  EXPECT_TRUE(peer.wait_for_aborted(1, 1s));
}

TEST(HttpClient, BodyOverTheLimitIsRefused) {
  HttpPeer peer([](const PeerRequest& r) {
    PeerResponse response = PeerResponse::text(200, std::string(1000, 'x'));
    if (r.target == "/chunked") {
      response.chunks = {std::string(60, 'a'), std::string(60, 'b')};
    }
    return response;
  });
  auto client = loopback_client();
  for (const char* path : {"/plain", "/chunked"}) {
    SCOPED_TRACE(path);
    HttpRequest request = get(peer.url(path));
    request.max_response_bytes = 100;
    auto response = send_now(*client, request);
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::limit_exceeded);
    EXPECT_EQ(response.error().message, "response body exceeds 100 bytes");
  }
}

TEST(HttpClient, ConnectionRefusedIsARetryableNetworkError) {
  const unsigned short port = closed_port();
  auto client = loopback_client();
  auto response = send_now(*client, get("http://127.0.0.1:" + std::to_string(port) + "/"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::network_error);
  EXPECT_TRUE(response.error().retryable);
  EXPECT_EQ(response.error().message,
            "could not connect to 127.0.0.1:" + std::to_string(port) + ": Connection refused");
}

TEST(HttpClient, DroppedConnectionIsARetryableNetworkError) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response;
    response.drop = true;
    return response;
  });
  auto client = loopback_client();
  auto response = send_now(*client, get(peer.url("/")));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::network_error);
  EXPECT_TRUE(response.error().retryable);
  EXPECT_NE(response.error().message.find("127.0.0.1"), std::string::npos);
}

TEST(HttpClient, HttpsToAPlainServerFailsTheHandshake) {
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::text(200, "plain"); });
  auto client = loopback_client();
  auto response = send_now(*client, get("https://127.0.0.1:" + std::to_string(peer.port()) + "/"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::network_error);
  EXPECT_NE(response.error().message.find("TLS handshake with 127.0.0.1 failed"), std::string::npos)
      << response.error().message;
}

TEST(HttpClient, MalformedRequestsAreInvalidArguments) {
  auto client = loopback_client();
  for (const char* url : {"not a url", "example.com/path", "http:///nohost", "http://h:99999/"}) {
    SCOPED_TRACE(url);
    auto response = send_now(*client, get(url));
    ASSERT_FALSE(response.ok());
    EXPECT_EQ(response.error().code, ErrorCode::invalid_argument);
    EXPECT_NE(response.error().message.find(url), std::string::npos);
  }
  HttpPeer peer([](const PeerRequest&) { return PeerResponse::text(200, ""); });
  HttpRequest injected = get(peer.url("/"));
  injected.headers = {{"X-Evil", "a\r\nX-Injected: 1"}};
  auto response = send_now(*client, injected);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(peer.connections(), 0U);
}

TEST(HttpClient, StreamDeliversChunksAsTheyArrive) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response;
    response.headers = {{"Content-Type", "text/event-stream"}};
    response.chunks = {"data: one\n\n", "data: two\n\n", "data: three\n\n"};
    response.chunk_delay = 150ms;
    return response;
  });
  auto client = loopback_client();
  std::vector<std::string> chunks;
  std::vector<Clock::time_point> arrivals;
  auto response = stream_now(*client, get(peer.url("/events")), [&](std::string_view chunk) {
    chunks.emplace_back(chunk);
    arrivals.push_back(Clock::now());
    return true;
  });
  const auto done = Clock::now();
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->header("content-type"), "text/event-stream");
  EXPECT_EQ(response->body, "");
  ASSERT_EQ(chunks.size(), 3U);
  EXPECT_EQ(chunks[0], "data: one\n\n");
  EXPECT_EQ(chunks[2], "data: three\n\n");
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(done - arrivals[0]).count(), 250);
}

TEST(HttpClient, StreamStopsWhenTheSinkSaysSo) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response;
    response.chunks = {"first", "second", "third"};
    response.chunk_delay = 1s;
    return response;
  });
  auto client = loopback_client();
  std::string received;
  const auto start = Clock::now();
  auto response = stream_now(*client, get(peer.url("/")), [&](std::string_view chunk) {
    received += chunk;
    return false;
  });
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(received, "first");
  EXPECT_LT(ms_since(start), 500);
  EXPECT_TRUE(peer.wait_for_aborted(1, 2s));
}

TEST(HttpClient, TimeoutCoversASlowStream) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response;
    response.chunks = {"first", "second"};
    response.chunk_delay = 2s;
    return response;
  });
  auto client = loopback_client();
  HttpRequest request = get(peer.url("/"));
  request.timeout = 300ms;
  std::string received;
  const auto start = Clock::now();
  auto response = stream_now(*client, request, [&](std::string_view chunk) {
    received += chunk;
    return true;
  });
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, ErrorCode::timeout);
  EXPECT_EQ(received, "first");
  EXPECT_LT(ms_since(start), 800);
  EXPECT_TRUE(peer.wait_for_aborted(1, 1s));
}

TEST(HttpClient, CancellationStopsAStreamBetweenChunks) {
  HttpPeer peer([](const PeerRequest&) {
    PeerResponse response;
    response.chunks = {"first", "second"};
    response.chunk_delay = 5s;
    return response;
  });
  auto client = loopback_client();
  net::io_context ctx;
  net::cancellation_signal signal;
  std::optional<Result<HttpResponse>> result;
  std::string received;
  Clock::time_point emitted;
  net::co_spawn(
      ctx,
      [&]() -> net::awaitable<void> {
        result.emplace(co_await client->stream(get(peer.url("/")), [&](std::string_view chunk) {
          received += chunk;
          emitted = Clock::now();
          signal.emit(net::cancellation_type::terminal);
          return true;
        }));
      },
      net::bind_cancellation_slot(signal.slot(), net::detached));
  ctx.run();
  const auto finished = Clock::now();
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->ok());
  EXPECT_EQ(result->error().code, ErrorCode::cancelled);
  EXPECT_EQ(received, "first");
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(finished - emitted).count(), 100);
  EXPECT_TRUE(peer.wait_for_aborted(1, 1s));
}

TEST(HttpClient, StreamFollowsRedirectsWithoutDeliveringTheirBodies) {
  HttpPeer peer([](const PeerRequest& r) {
    if (r.target == "/old") {
      PeerResponse response = PeerResponse::redirect(308, "/new");
      response.body = "redirect page";
      return response;
    }
    PeerResponse response;
    response.chunks = {"a", "b"};
    return response;
  });
  auto client = loopback_client();
  std::string received;
  auto response = stream_now(*client, get(peer.url("/old")), [&](std::string_view chunk) {
    received += chunk;
    return true;
  });
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(received, "ab");
  EXPECT_EQ(response->url, peer.url("/new"));
}

TEST(HttpClient, WorksFromAMultiThreadedExecutor) {
  std::atomic<int> served{0};
  HttpPeer peer([&](const PeerRequest&) {
    ++served;
    return PeerResponse::text(200, "ok");
  });
  auto client = loopback_client();
  net::io_context ctx;
  std::atomic<int> succeeded{0};
  constexpr int kRequests = 20;
  for (int i = 0; i < kRequests; ++i) {
    net::co_spawn(
        ctx,
        [&]() -> net::awaitable<void> {
          auto response = co_await client->send(get(peer.url("/")));
          if (response.ok() && response->body == "ok") {
            ++succeeded;
          }
        },
        net::detached);
  }
  std::thread helper([&] { ctx.run(); });
  ctx.run();
  helper.join();
  EXPECT_EQ(succeeded.load(), kRequests);
  EXPECT_EQ(served.load(), kRequests);
}

}  // namespace
}  // namespace weft::integrations
