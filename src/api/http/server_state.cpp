#include "api/http/server_state.hpp"

namespace weft::api {

bool SessionRegistry::add(const std::shared_ptr<HttpSession>& session) {
  std::lock_guard lock(mutex_);
  if (stopping_) {
    return false;
  }
  sessions_.emplace(session.get(), session);
  return true;
}

void SessionRegistry::remove(const HttpSession* session) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session);
}

std::size_t SessionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

std::vector<std::shared_ptr<HttpSession>> SessionRegistry::begin_stop() {
  std::lock_guard lock(mutex_);
  stopping_ = true;
  std::vector<std::shared_ptr<HttpSession>> live;
  for (const auto& [key, weak] : sessions_) {
    if (auto session = weak.lock()) {
      live.push_back(std::move(session));
    }
  }
  return live;
}

void ServerState::set_middleware(Middleware middleware) {
  auto shared = std::make_shared<const Middleware>(std::move(middleware));
  std::lock_guard lock(middleware_mutex_);
  middleware_ = std::move(shared);
}

std::shared_ptr<const Middleware> ServerState::middleware() const {
  std::lock_guard lock(middleware_mutex_);
  return middleware_;
}

void ServerState::record(AccessEntry&& entry) {
  counts.add(entry.method, entry.route, entry.status);
  access_log.submit(std::move(entry));
}

}  // namespace weft::api
