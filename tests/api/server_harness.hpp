#pragma once
// The real Server on 127.0.0.1 (port 0), its io_context run by two threads,
// and a raw blocking socket client that sees exactly what a client sees.
//
//   ServerHarness server({}, [](Router& r) { r.add("GET", "/x", handler); });
//   RawClient client(server.port());
//   client.send("GET /x HTTP/1.1\r\nHost: t\r\n\r\n");
//   auto response = client.read_response();

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "api/http/server.hpp"

namespace weft::api::testing {

namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

inline long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

/// Suspends the calling handler coroutine for `delay` (cancellable).
inline net::awaitable<void> sleep_for(std::chrono::milliseconds delay) {
  net::steady_timer timer(co_await net::this_coro::executor, delay);
  co_await timer.async_wait(net::use_awaitable);
}

class ServerHarness {
 public:
  /// The access log writes every request unless `access_log` says otherwise.
  explicit ServerHarness(ServerLimits limits = {}, const std::function<void(Router&)>& routes = {},
                         AccessLogPolicy access_log = {}) {
    if (routes) {
      routes(router_);
    }
    auto sink = [this](std::string_view text) {
      std::lock_guard lock(mutex_);
      for (std::size_t end; (end = text.find('\n')) != std::string_view::npos;) {
        lines_.emplace_back(text.substr(0, end));
        text.remove_prefix(end + 1);
      }
    };
    server_ = std::make_unique<Server>(context_, router_, limits,
                                       AccessLogOptions{access_log, std::move(sink)});
    auto status = server_->listen("127.0.0.1", 0);
    if (!status) {
      throw std::runtime_error(status.error().message);
    }
    for (int i = 0; i < 2; ++i) {
      threads_.emplace_back([this] { context_.run(); });
    }
  }
  ~ServerHarness() { finish(); }
  ServerHarness(const ServerHarness&) = delete;
  ServerHarness& operator=(const ServerHarness&) = delete;

  unsigned short port() const { return server_->port(); }
  Server& server() { return *server_; }

  /// Waits for both io_context threads to return from run().
  void join() {
    for (auto& thread : threads_) {
      if (thread.joinable()) {
        thread.join();
      }
    }
  }

  /// Stops the server and returns the whole access log (what was queued is written first).
  std::vector<std::string> finish() {
    if (server_) {
      server_->stop();
      join();
      server_.reset();  // its access log writes into lines_ until then
    }
    return log_lines();
  }

  std::vector<std::string> log_lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

  /// The log once it has `count` lines (it is written after the response,
  /// in batches, so a client sees the answer first), or whatever is there after 5 s.
  std::vector<std::string> wait_for_log(std::size_t count) const {
    const auto start = Clock::now();
    while (log_lines().size() < count && ms_since(start) < 5000) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return log_lines();
  }

 private:
  net::io_context context_;
  Router router_;
  std::unique_ptr<Server> server_;
  std::vector<std::thread> threads_;
  mutable std::mutex mutex_;  // guards lines_: the log sink runs on the server's threads
  std::vector<std::string> lines_;
};

struct RawResponse {
  int status = 0;                              ///< 0 when no complete response arrived
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;

  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? "" : found->second;
  }
};

/// A blocking TCP client; every read gives up after `timeout`.
class RawClient {
 public:
  explicit RawClient(unsigned short port,
                     std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{};
    tv.tv_sec = timeout.count() / 1000;
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }

  /// Sends all of `data`; false when the connection broke.
  bool send(std::string_view data) {
    while (!data.empty()) {
      const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        return false;
      }
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  /// Reads one response, interim ones (100 Continue) included; a HEAD answer
  /// when `head` (headers only).
  RawResponse read_response(bool head = false) {
    RawResponse response;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) {
        return response;
      }
    }
    const std::string header_text = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    int status = 0;
    std::sscanf(header_text.c_str(), "HTTP/1.1 %d", &status);
    std::size_t line_start = header_text.find("\r\n");
    while (line_start != std::string::npos) {
      line_start += 2;
      const std::size_t line_end = header_text.find("\r\n", line_start);
      const std::string line = header_text.substr(line_start, line_end - line_start);
      const std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        response.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
      }
      line_start = line_end;
    }
    const std::size_t length = head || response.header("content-length").empty()
                                   ? 0
                                   : std::stoul(response.header("content-length"));
    while (buffer_.size() < length) {
      if (!fill()) {
        return response;
      }
    }
    response.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    response.status = status;
    return response;
  }

  /// True when the server closed the connection (EOF or reset) within the timeout.
  bool closed_by_server() {
    char byte;
    while (true) {
      const ssize_t n = ::recv(fd_, &byte, 1, 0);
      if (n == 0 || (n < 0 && errno == ECONNRESET)) {
        return true;
      }
      if (n < 0) {
        return false;  // timed out: still open
      }
    }
  }

 private:
  bool fill() {
    char chunk[16384];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

/// "GET /path HTTP/1.1" with a Host header and `extra` header lines.
inline std::string request_text(std::string_view method, std::string_view target,
                                std::string_view extra = "", std::string_view body = "") {
  std::string text =
      std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n";
  text += extra;
  if (!body.empty()) {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += "\r\n";
  text += body;
  return text;
}

/// One request on a fresh connection.
inline RawResponse exchange(unsigned short port, const std::string& text, bool head = false) {
  RawClient client(port);
  client.send(text);
  return client.read_response(head);
}

}  // namespace weft::api::testing
