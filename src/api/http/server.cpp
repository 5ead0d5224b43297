#include "api/http/server.hpp"

#include <boost/asio/io_context.hpp>
#include <mutex>

#include "api/http/http_session.hpp"
#include "api/http/listener.hpp"
#include "api/http/server_state.hpp"

namespace weft::api {

struct Server::Impl {
  std::shared_ptr<ServerState> state;
  std::mutex mutex;  // guards listener and stopped: listen() and stop() may race
  std::shared_ptr<Listener> listener;
  bool stopped = false;
};

Server::Server(boost::asio::io_context& context, const Router& router, ServerLimits limits,
               AccessLogOptions access_log)
    : impl_(std::make_shared<Impl>()) {
  impl_->state = std::make_shared<ServerState>(context, router, limits, std::move(access_log));
}

Server::~Server() {
  stop();
  // Sessions may outlive the server (they hold the state); what they log from now on is dropped.
  impl_->state->access_log.stop();
}

Status Server::listen(const std::string& host, unsigned short port) {
  auto listener = std::make_shared<Listener>(impl_->state);
  auto status = listener->listen(host, port);
  if (!status) {
    return status;
  }
  std::lock_guard lock(impl_->mutex);
  if (impl_->stopped) {
    return Error::make(ErrorCode::invalid_argument, "the server has been stopped");
  }
  if (impl_->listener) {
    return Error::make(ErrorCode::invalid_argument, "the server is already listening");
  }
  impl_->listener = std::move(listener);
  impl_->listener->start();
  return Ok{};
}

void Server::set_middleware(Middleware middleware) {
  impl_->state->set_middleware(std::move(middleware));
}

unsigned short Server::port() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->listener ? impl_->listener->port() : 0;
}

void Server::stop() {
  std::shared_ptr<Listener> listener;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopped) {
      return;
    }
    impl_->stopped = true;
    listener = impl_->listener;
  }
  if (listener) {
    listener->stop();
  }
  for (const auto& session : impl_->state->sessions.begin_stop()) {
    session->shutdown();
  }
}

std::vector<Server::RouteCount> Server::request_counts() const {
  return impl_->state->counts.snapshot();
}

}  // namespace weft::api
