#pragma once
// One client connection: reads requests one after another and answers each in
// order (pipelined ones included), enforcing the read, idle, handler and write
// deadlines with a single watchdog timer.
//
// Concurrency: the socket, both timers and every member belong to the
// connection's own strand (the socket's executor). run(), watch(), handler
// coroutines and the work shutdown() posts all run there, so members need no
// lock. Private to src/api/http (it pulls in Beast).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "api/http/access_entry.hpp"
#include "api/http/server_state.hpp"

namespace weft::api {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(std::shared_ptr<ServerState> state, boost::asio::ip::tcp::socket socket);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  /// Starts serving on the connection's strand.
  void start();
  /// Thread-safe. Closes the connection if it is idle; otherwise lets the
  /// request in progress finish (within a grace period), answers it with
  /// `Connection: close`, then closes.
  void shutdown();

 private:
  using Clock = std::chrono::steady_clock;
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;

  /// What the connection is doing, which decides what its deadline interrupts.
  enum class Phase { idle, reading, handling, writing, lingering };
  enum class ReadStatus { ok, closed, bad_request, timeout, too_large, headers_too_large };
  struct ReadResult {
    ReadStatus status = ReadStatus::closed;
    boost::system::error_code error;
  };
  /// One answer and what the access log will say about it.
  struct Reply {
    Response response;
    AccessEntry entry;
    bool head = false;        ///< answering HEAD
    bool close = false;       ///< close the connection after this answer
    bool keep_alive = false;  ///< an HTTP/1.0 client asked to keep the connection
  };

  boost::asio::awaitable<void> run(std::shared_ptr<HttpSession> self);
  boost::asio::awaitable<void> watch(std::shared_ptr<HttpSession> self);
  boost::asio::awaitable<bool> wait_for_request(std::chrono::milliseconds timeout);
  boost::asio::awaitable<bool> serve_one();
  boost::asio::awaitable<ReadResult> read_request(Parser& parser);
  boost::asio::awaitable<void> answer(Parser& parser, Reply& reply);
  /// Gives the socket to the route's WebSocket handler; the session then ends.
  void hand_over(const Route& route,
                 boost::beast::http::request<boost::beast::http::string_body> message,
                 Request& request);
  boost::asio::awaitable<Response> call_handler(const Route& route, Request request,
                                                std::string& error);
  boost::asio::awaitable<bool> send(Reply& reply, Clock::time_point started);
  boost::asio::awaitable<void> close();
  ReadStatus classify(const boost::system::error_code& error, bool got_some) const;
  Response read_error(const ReadResult& read) const;
  void set_deadline(Phase phase, Clock::time_point deadline);
  void on_deadline();
  void on_shutdown();

  std::shared_ptr<ServerState> state_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;    // bytes read but not yet parsed (pipelined requests)
  boost::asio::steady_timer watchdog_;  // fires at deadline_: cancels socket I/O and wake_
  boost::asio::steady_timer wake_;      // an event: the handler finished, or the deadline passed
  Clock::time_point deadline_ = Clock::time_point::max();
  Clock::time_point stop_deadline_ = Clock::time_point::max();  // no deadline beyond this
  std::string remote_;
  Phase phase_ = Phase::idle;
  bool expired_ = false;   // deadline_ passed since it was last set
  bool stopping_ = false;  // shutdown() arrived
  bool linger_ = false;    // we answered and will close: drain what the client still sends
  bool closed_ = false;
  bool upgraded_ = false;  // the socket went to a WebSocket session
};

}  // namespace weft::api
