#include "engine/loop_runner.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/this_coro.hpp>

#include "engine/graph_run.hpp"

namespace weft::engine {

namespace asio = boost::asio;

namespace {

// Bookkeeping of one loop; lives in run_loop's frame, which outlives every
// iteration because run_loop waits for all of them before returning.
struct LoopState {
  std::vector<std::shared_ptr<GraphRun>> active;  // by item index; null when not running
  json::array results;
  std::size_t next = 0;
  std::size_t running = 0;
  std::optional<Error> failure;
};

}  // namespace

asio::awaitable<Result<json::array>> run_loop(RunShared& shared, const expr::Scope& outer,
                                              const pipeline::CompiledGraph& body,
                                              const json::array& items, int concurrency) {
  co_await asio::this_coro::throw_if_cancelled(false);
  auto executor = co_await asio::this_coro::executor;
  LoopState loop;
  loop.active.resize(items.size());
  loop.results.resize(items.size());
  Latch latch(executor);

  auto stop_all = [&](const Error& reason, RunStatus status) {
    for (auto& run : loop.active) {
      if (run) {
        run->stop(reason, status);
      }
    }
  };
  auto launch = [&](std::size_t i) {
    GraphPlace place{&outer, items[i], json::value(i), false};
    auto run = std::make_shared<GraphRun>(shared, body, std::move(place), executor);
    loop.active[i] = run;
    ++loop.running;
    asio::co_spawn(executor, run->run(), [&, i](std::exception_ptr e, GraphOutcome outcome) {
      loop.active[i].reset();
      --loop.running;
      if (e && !loop.failure) {
        loop.failure = Error::make(ErrorCode::internal, "item " + std::to_string(i) + " crashed");
      } else if (!e && outcome.status == RunStatus::succeeded) {
        loop.results[i] = std::move(outcome.outputs);
      } else if (!loop.failure && outcome.error) {
        Error error = *outcome.error;
        error.message = "item " + std::to_string(i) + ": " + error.message;
        loop.failure = error;
        stop_all(error, RunStatus::cancelled);
      }
      latch.notify();
    });
  };

  const auto limit = static_cast<std::size_t>(std::max(1, concurrency));
  while (true) {
    while (!loop.failure && loop.next < items.size() && loop.running < limit) {
      launch(loop.next++);
    }
    if (loop.running == 0 && (loop.failure || loop.next == items.size())) {
      break;
    }
    if (!co_await latch.wait() && !loop.failure) {
      loop.failure = Error::make(ErrorCode::cancelled, "the loop was cancelled");
      stop_all(*loop.failure, RunStatus::cancelled);
    }
  }
  if (loop.failure) {
    co_return *loop.failure;
  }
  co_return std::move(loop.results);
}

}  // namespace weft::engine
