#pragma once
// Accepts connections and gives each its own strand and HttpSession, or
// closes it at once when max_connections are open.
//
// Concurrency: the acceptor belongs to strand_; the accept loop and stop()'s
// posted close both run there.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <memory>
#include <string>

#include "api/http/server_state.hpp"

namespace weft::api {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  explicit Listener(std::shared_ptr<ServerState> state);

  /// Opens, binds and listens (synchronously, before start()).
  Status listen(const std::string& host, unsigned short port);
  unsigned short port() const { return port_; }
  /// Starts the accept loop on strand_.
  void start();
  /// Thread-safe, idempotent: closes the acceptor, which ends the accept loop.
  void stop();

 private:
  boost::asio::awaitable<void> accept_loop(std::shared_ptr<Listener> self);
  void admit(boost::asio::ip::tcp::socket socket);

  std::shared_ptr<ServerState> state_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;  // on strand_ once start() ran
  unsigned short port_ = 0;                  // written by listen() before start()
};

}  // namespace weft::api
