#include "api/handlers/run_start.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cctype>
#include <mutex>
#include <tuple>

#include "api/handlers/support.hpp"
#include "engine/engine.hpp"
#include "nodes/response_output.hpp"
#include "runs/run_service.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;

/// Hands a finished run from the run's strand to the waiting request's strand.
struct Waiter {
  explicit Waiter(const asio::any_io_executor& executor) : timer(executor) {}
  std::mutex mutex;  // guards summary and recorded
  std::optional<runs::RunSummary> summary;
  std::optional<Status> recorded;  ///< the queued run's records are durable (or failed)
  asio::steady_timer timer;        // touched only on the request's executor
};

/// How long a `wait=false` answer waits for the queue's records to be durable.
constexpr std::chrono::seconds kRecordWait{10};

Response accepted(const std::string& id, const std::string& status) {
  return Response::json(202, json::object{{"execution_id", id}, {"status", status}});
}

/// Headers a response block may not set: the connection's own, and cookies.
bool reserved_header(std::string name) {
  for (char& c : name) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  constexpr std::string_view kReserved[] = {"connection", "content-length",   "content-type",
                                            "keep-alive", "proxy-connection", "set-cookie",
                                            "te",         "trailer",          "transfer-encoding",
                                            "upgrade"};
  return name.empty() || name.size() > 100 || name.find_first_of(" :\r\n\t") != std::string::npos ||
         std::find(std::begin(kReserved), std::end(kReserved), name) != std::end(kReserved);
}

/// The answer a response block shaped, when the run succeeded and has one.
std::optional<Response> shaped(const runs::RunSummary& summary,
                               const std::optional<std::string>& response_output) {
  if (!response_output || summary.status != "succeeded") {
    return std::nullopt;
  }
  const json::value* shape = summary.outputs.if_contains(*response_output);
  const json::object* fields = shape != nullptr ? shape->if_object() : nullptr;
  if (fields == nullptr || !fields->contains("status")) {
    return std::nullopt;
  }
  const json::value& body = fields->at("body");
  const json::value* type = fields->if_contains("content_type");
  const bool text = type != nullptr && type->is_string() && type->get_string().starts_with("text/");
  Response response = text ? Response::text(200, body.is_string() ? std::string(body.get_string())
                                                                  : to_json_string(body))
                           : Response::json(200, body);
  response.status = static_cast<int>(fields->at("status").to_number<std::int64_t>());
  if (const json::value* headers = fields->if_contains("headers");
      headers && headers->is_object()) {
    for (const auto& [name, value] : headers->get_object()) {
      const std::string header(name);
      if (!reserved_header(header) && value.is_string() &&
          value.get_string().find_first_of("\r\n") == json::string::npos) {
        response.headers.emplace_back(header, std::string(value.get_string()));
      }
    }
  }
  response.headers.emplace_back("X-Execution-Id", summary.execution_id);
  return response;
}

Response finished(const runs::RunSummary& summary,
                  const std::optional<std::string>& response_output) {
  if (auto response = shaped(summary, response_output)) {
    return std::move(*response);
  }
  return Response::json(200, json::object{{"execution_id", summary.execution_id},
                                          {"status", summary.status},
                                          {"outputs", summary.outputs},
                                          {"error", summary.error}});
}

}  // namespace

Result<std::shared_ptr<const pipeline::CompiledGraph>> compiled_version(
    ApiContext& context, const runs::PipelineCache::VersionKey& key, const json::value& definition,
    Problems& problems) {
  auto outcome = context.pipelines.get(key, definition);
  if (!outcome.pipeline) {
    problems = first_problems(outcome.problems, context.limits);
    return Error::make(ErrorCode::invalid_input, "pipeline `" + std::string(key.id) + "` version " +
                                                     std::to_string(key.version) +
                                                     " has problems; fix them before running it");
  }
  return outcome.pipeline;
}

Response invalid_pipeline(const Error& error, const Problems& problems) {
  return Response::error(422, "invalid_pipeline", error.message, problems);
}

std::optional<Response> check_run_inputs(const pipeline::CompiledGraph& pipeline,
                                         const json::object& inputs) {
  auto bad = engine::check_inputs(pipeline, inputs);
  if (bad.empty()) {
    return std::nullopt;
  }
  return Response::error(422, "invalid_input",
                         std::to_string(bad.size()) + " input" +
                             (bad.size() == 1 ? " is" : "s are") + " missing or wrong",
                         bad);
}

namespace {

/// Waits for `submit(on_finished)`: until the run's records are durable
/// (`wait` false), or until it ends or `limit` passes.
template <class Submit>
asio::awaitable<Response> answer_run(bool wait, std::chrono::milliseconds limit,
                                     std::optional<std::string> response_output, Submit submit) {
  auto executor = co_await asio::this_coro::executor;
  auto waiter = std::make_shared<Waiter>(executor);
  auto on_finished = [waiter](const runs::RunSummary& summary) {
    {
      std::lock_guard lock(waiter->mutex);
      waiter->summary = summary;
    }
    asio::post(waiter->timer.get_executor(), [waiter] { waiter->timer.cancel(); });
  };
  auto on_recorded = [waiter](Status status) {
    {
      std::lock_guard lock(waiter->mutex);
      waiter->recorded = std::move(status);
    }
    asio::post(waiter->timer.get_executor(), [waiter] { waiter->timer.cancel(); });
  };
  auto started = submit(wait,
                        wait ? std::function<void(const runs::RunSummary&)>(on_finished)
                             : std::function<void(const runs::RunSummary&)>{},
                        std::function<void(Status)>(on_recorded));
  if (!started) {
    co_return Response::from_error(started.error());
  }
  const auto& [id, status, durable] = *started;  // durable: on_recorded will say when
  if (!wait) {
    // 202 promises the run: only once its records are on disk.
    if (durable) {
      waiter->timer.expires_after(kRecordWait);
      boost::system::error_code ec;
      bool pending = false;
      {
        std::lock_guard lock(waiter->mutex);
        pending = !waiter->recorded;
      }
      if (pending) {
        co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
      std::lock_guard lock(waiter->mutex);
      if (!waiter->recorded) {
        co_return Response::from_error(Error::make(
            ErrorCode::unavailable, "the run could not be recorded in time; try again"));
      }
      if (!*waiter->recorded) {
        co_return Response::from_error(waiter->recorded->error());
      }
    }
    co_return accepted(id, status);
  }
  const auto deadline = std::chrono::steady_clock::now() + limit;
  // The timer is also cancelled when the records are durable: wait on until
  // the run ends or the time is up.
  while (std::chrono::steady_clock::now() < deadline) {
    waiter->timer.expires_at(deadline);
    {
      std::lock_guard lock(waiter->mutex);
      if (waiter->summary) {
        co_return finished(*waiter->summary, response_output);
      }
    }
    boost::system::error_code ec;
    co_await waiter->timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
  }
  std::lock_guard lock(waiter->mutex);
  co_return waiter->summary ? finished(*waiter->summary, response_output) : accepted(id, status);
}

/// The execution id, its status, and whether `on_recorded` will say when it is durable.
using Started = Result<std::tuple<std::string, std::string, bool>>;

}  // namespace

asio::awaitable<Response> submit_run(ApiContext& context, Request& request,
                                     runs::Submission submission, bool wait_default) {
  auto wait = query_bool(request, "wait", wait_default);
  auto limit = query_int(request, "timeout_ms", 1, context.max_wait.count());
  if (!wait || !limit) {
    co_return Response::from_error(!wait ? wait.error() : limit.error());
  }
  const auto waits = limit->has_value() ? std::chrono::milliseconds(**limit) : context.max_wait;
  co_return co_await start_and_answer(context, std::move(submission), *wait, waits);
}

asio::awaitable<Response> start_and_answer(ApiContext& context, runs::Submission submission,
                                           bool wait, std::chrono::milliseconds limit) {
  if (context.run_service == nullptr) {
    co_return Response::from_error(
        Error::make(ErrorCode::unavailable, "runs are not available on this server"));
  }
  auto response_output =
      submission.pipeline != nullptr ? nodes::response_output(*submission.pipeline) : std::nullopt;
  co_return co_await answer_run(
      wait, limit, std::move(response_output),
      [&](bool at_once, std::function<void(const runs::RunSummary&)> on_finished,
          std::function<void(Status)> on_recorded) -> Started {
        submission.at_once = at_once;
        submission.on_finished = std::move(on_finished);
        submission.on_recorded = std::move(on_recorded);
        auto submitted = context.run_service->submit(std::move(submission));
        if (!submitted) {
          return std::move(submitted).error();
        }
        const bool started = submitted->started;
        return std::tuple{std::move(submitted->execution_id),
                          std::string(started ? "running" : "queued"), true};
      });
}

}  // namespace weft::api
