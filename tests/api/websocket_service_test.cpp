// The WebSocket sessions: a client that stops reading is dropped once its
// queue is full, instead of growing the server's memory; a client whose
// access ended is told so and closed with 4401.
#include "api/ws/websocket_service.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <filesystem>

#include "api/handlers/support.hpp"
#include "api/http/upgraded_connection.hpp"
#include "common/ids.hpp"
#include "server_harness.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::api {
namespace {

namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;
using testing::ms_since;

TEST(WebSocketService, AClientThatStopsReadingIsDroppedWhenItsQueueIsFull) {
  const auto dir = std::filesystem::temp_directory_path() / new_id("wstest");
  auto store = std::move(store::open_sqlite_store(dir.string()).value());
  RunHub hub(*store);
  WebSocketService service(hub, {.max_queued_frames = 16});
  testing::ServerHarness server({}, [&](Router& router) {
    router.add_websocket("/ws",
                         sync_handler([](Request&) { return Response::text(426, "upgrade"); }),
                         [&](std::unique_ptr<UpgradedConnection> connection, Request&) {
                           service.accept(std::move(connection), "ws_a");
                         });
  });
  const runs::RunInfo run{"ws_a", "ex_1", "p"};
  hub.run_started(run);

  boost::asio::io_context io;
  websocket::stream<tcp::socket> client(io);
  client.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
  const int small = 4096;  // so the kernel's buffers fill quickly
  ::setsockopt(client.next_layer().native_handle(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  client.handshake("127.0.0.1", "/ws");
  client.write(boost::asio::buffer(std::string(R"({"op":"subscribe","execution_id":"ex_1"})")));
  boost::beast::flat_buffer buffer;
  client.read(buffer);  // {"type":"subscribed",…}
  ASSERT_EQ(service.session_count(), 1u);

  // The client reads nothing more while a run produces far more than its
  // queue and the socket buffers hold.
  const std::string big(16 * 1024, 'x');
  for (std::uint64_t seq = 1; seq <= 2000 && service.session_count() > 0; ++seq) {
    hub.run_event(
        run, {seq, "node.token", "ex_1", "n", {{"text", big}}, std::chrono::system_clock::now()});
  }
  const auto start = testing::Clock::now();
  while (service.session_count() > 0 && ms_since(start) < 5000) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(service.session_count(), 0u) << "the slow client was not dropped";

  // What the client reads ends in a closed connection, not in more frames forever.
  boost::system::error_code ec;
  for (int i = 0; i < 5000 && !ec; ++i) {
    buffer.consume(buffer.size());
    client.read(buffer, ec);
  }
  EXPECT_TRUE(ec) << "the connection stayed open";
  store.reset();
  std::filesystem::remove_all(dir);
}

TEST(WebSocketService, AClientWhoseAccessEndedIsToldAndClosedWith4401) {
  const auto dir = std::filesystem::temp_directory_path() / new_id("wstest");
  auto store = std::move(store::open_sqlite_store(dir.string()).value());
  RunHub hub(*store);
  WebSocketService service(hub, {.recheck_interval = std::chrono::milliseconds(50)});
  std::atomic<bool> revoked = false;
  testing::ServerHarness server({}, [&](Router& router) {
    router.add_websocket(
        "/ws", sync_handler([](Request&) { return Response::text(426, "upgrade"); }),
        [&](std::unique_ptr<UpgradedConnection> connection, Request&) {
          service.accept(std::move(connection), "ws_a", [&]() -> Status {
            if (revoked) {
              return Error::make(ErrorCode::unauthenticated, "the access token has expired");
            }
            return Ok{};
          });
        });
  });
  const runs::RunInfo run{"ws_a", "ex_1", "p"};
  hub.run_started(run);

  boost::asio::io_context io;
  websocket::stream<tcp::socket> client(io);
  client.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), server.port()});
  client.handshake("127.0.0.1", "/ws");
  client.write(boost::asio::buffer(std::string(R"({"op":"subscribe","execution_id":"ex_1"})")));
  boost::beast::flat_buffer buffer;
  client.read(buffer);
  EXPECT_NE(boost::beast::buffers_to_string(buffer.data()).find("subscribed"), std::string::npos);
  buffer.consume(buffer.size());
  hub.run_event(run, {1, "node.started", "ex_1", "n", {}, std::chrono::system_clock::now()});
  client.read(buffer);
  EXPECT_NE(boost::beast::buffers_to_string(buffer.data()).find("node.started"), std::string::npos);
  buffer.consume(buffer.size());

  revoked = true;
  const auto start = testing::Clock::now();
  client.read(buffer);  // within one recheck interval
  const std::string said = boost::beast::buffers_to_string(buffer.data());
  EXPECT_NE(said.find(R"("code":"unauthenticated")"), std::string::npos) << said;
  EXPECT_NE(said.find("the access token has expired"), std::string::npos) << said;
  EXPECT_LT(ms_since(start), 2000);

  boost::system::error_code ec;
  buffer.consume(buffer.size());
  client.read(buffer, ec);
  EXPECT_EQ(ec, websocket::error::closed);
  EXPECT_EQ(client.reason().code, 4401);
  // Nothing is delivered to it any more.
  hub.run_event(run, {2, "node.finished", "ex_1", "n", {}, std::chrono::system_clock::now()});
  const auto gone = testing::Clock::now();
  while (service.session_count() > 0 && ms_since(gone) < 5000) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(service.session_count(), 0u);
  store.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace weft::api
