#include "api/ws/websocket_service.hpp"

#include "api/ws/ws_session.hpp"

namespace weft::api {

WebSocketService::WebSocketService(RunHub& hub, WebSocketLimits limits)
    : shared_(std::make_shared<Shared>(hub, limits)) {}

WebSocketService::~WebSocketService() {
  stop();
}

void WebSocketService::accept(std::unique_ptr<UpgradedConnection> connection, std::string workspace,
                              StillAllowed still_allowed) {
  auto session = std::make_shared<WsSession>(shared_, std::move(connection->socket),
                                             std::move(workspace), std::move(still_allowed));
  {
    std::lock_guard lock(shared_->mutex);
    if (shared_->stopping) {
      return;  // dropping the session closes the socket
    }
    shared_->sessions.emplace(session.get(), session);
  }
  session->start(std::move(connection->request));
}

void WebSocketService::stop() {
  std::vector<std::shared_ptr<WsSession>> live;
  {
    std::lock_guard lock(shared_->mutex);
    shared_->stopping = true;
    for (auto& [key, weak] : shared_->sessions) {
      if (auto session = weak.lock()) {
        live.push_back(std::move(session));
      }
    }
  }
  for (auto& session : live) {
    session->close();
  }
}

std::size_t WebSocketService::session_count() const {
  std::lock_guard lock(shared_->mutex);
  return shared_->sessions.size();
}

}  // namespace weft::api
