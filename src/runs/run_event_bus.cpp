#include "runs/run_event_bus.hpp"

#include <algorithm>

namespace weft::runs {

// Subscribers are few and fixed for the life of the server; the lock is held
// while they are called so that one never hears of a run after unsubscribing.
template <class F>
void LocalRunEventBus::each(F&& f) {
  std::lock_guard lock(mutex_);
  for (RunEventSubscriber* subscriber : subscribers_) {
    f(*subscriber);
  }
}

void LocalRunEventBus::publish_started(const RunInfo& run) {
  each([&](RunEventSubscriber& s) { s.run_started(run); });
}

void LocalRunEventBus::publish_event(const RunInfo& run, const engine::Event& event) {
  each([&](RunEventSubscriber& s) { s.run_event(run, event); });
}

void LocalRunEventBus::publish_finished(const RunInfo& run, std::string_view status) {
  each([&](RunEventSubscriber& s) { s.run_finished(run, status); });
}

void LocalRunEventBus::subscribe(RunEventSubscriber& subscriber) {
  std::lock_guard lock(mutex_);
  if (std::find(subscribers_.begin(), subscribers_.end(), &subscriber) == subscribers_.end()) {
    subscribers_.push_back(&subscriber);
  }
}

void LocalRunEventBus::unsubscribe(RunEventSubscriber& subscriber) {
  std::lock_guard lock(mutex_);
  std::erase(subscribers_, &subscriber);
}

}  // namespace weft::runs
