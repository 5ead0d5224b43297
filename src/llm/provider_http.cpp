#include "llm/provider_http.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <random>

#include "llm/provider_errors.hpp"
#include "llm/retry.hpp"
#include "llm/wire_json.hpp"

namespace weft::llm {
namespace {

namespace asio = boost::asio;
using std::chrono::milliseconds;

/// How much of an error body is kept to read its message.
constexpr std::size_t kErrorBodyBytes = 64 * 1024;

Error cancelled_error() {
  return Error::make(ErrorCode::cancelled, "the LLM call was cancelled");
}

asio::awaitable<bool> is_cancelled() {
  auto state = co_await asio::this_coro::cancellation_state;
  co_return state.cancelled() != asio::cancellation_type::none;
}

/// Waits `delay`; false when the caller cancelled meanwhile.
asio::awaitable<bool> sleep(milliseconds delay) {
  if (co_await is_cancelled()) {
    co_return false;
  }
  asio::steady_timer timer(co_await asio::this_coro::executor, delay);
  try {
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  } catch (const boost::system::system_error&) {
    co_return false;  // thrown instead when the caller keeps Asio's throw_if_cancelled
  }
  co_return !co_await is_cancelled();
}

std::string seconds_text(milliseconds delay) {
  const auto tenths = (delay.count() + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

/// Jitter only; a thread's own generator needs no lock.
std::minstd_rand& jitter_source() {
  thread_local std::minstd_rand random{
      static_cast<std::uint_fast32_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  return random;
}

}  // namespace

std::string ProviderHttp::retry_notice(int status, const ErrorBody& body,
                                       std::chrono::milliseconds delay, int next_attempt) const {
  std::string text = describe(config_) + " answered " + std::to_string(status);
  if (!body.message.empty()) {
    text += " (" + body.message + ")";
  }
  return text + "; retrying in " + seconds_text(delay) + " (attempt " +
         std::to_string(next_attempt) + " of " + std::to_string(config_.retry.max_attempts) + ")";
}

integrations::HttpRequest ProviderHttp::request_for(const Call& call) const {
  integrations::HttpRequest request;
  request.method = call.method;
  request.url = config_.base_url + call.path;
  request.body = call.body;
  request.timeout = call.timeout.value_or(config_.timeout);
  // A provider's answers never redirect; following one could lead the
  // provider client, whose guard admits the provider's host, elsewhere.
  request.max_redirects = 0;
  request.headers.emplace_back("Accept", std::string(call.accept));
  if (!call.body.empty()) {
    request.headers.emplace_back("Content-Type", "application/json");
  }
  if (!config_.api_key.empty()) {
    request.headers.emplace_back("Authorization", "Bearer " + config_.api_key);
  }
  return request;
}

asio::awaitable<Result<integrations::HttpResponse>> ProviderHttp::send(Call call) {
  co_return co_await run(std::move(call), nullptr);
}

asio::awaitable<Result<json::object>> ProviderHttp::send_object(Call call) {
  const CallFailure failure{config_, call.model};
  auto answer = co_await run(std::move(call), nullptr);
  if (!answer) {
    co_return std::move(answer).error();
  }
  co_return parse_reply(failure, answer->body);
}

asio::awaitable<Result<integrations::HttpResponse>> ProviderHttp::stream(Call call,
                                                                         BodyStream stream) {
  co_return co_await run(std::move(call), &stream);
}

asio::awaitable<Result<integrations::HttpResponse>> ProviderHttp::run(Call call,
                                                                      BodyStream* stream) {
  CallFailure failure{config_, call.model};
  const RetryPolicy& policy = config_.retry;
  for (int attempt = 1;; ++attempt) {
    failure.attempts = attempt;
    std::string head;  // the start of the body, read as an error body if the status says so
    Result<integrations::HttpResponse> response = Error::make(ErrorCode::internal, "");
    if (stream == nullptr) {
      // Arguments are named: GCC 12 destroys some temporaries in a co_await twice.
      integrations::HttpRequest request = request_for(call);
      response = co_await http_->send(std::move(request));
      if (response) {
        head = std::move(response->body);
      }
    } else {
      stream->restart();
      integrations::HttpRequest request = request_for(call);
      integrations::ChunkSink sink = [&](std::string_view chunk) {
        if (head.size() < kErrorBodyBytes) {
          head.append(chunk.substr(0, kErrorBodyBytes - head.size()));
        }
        return stream->on_chunk(chunk);
      };
      response = co_await http_->stream(std::move(request), std::move(sink));
    }
    if (!response) {
      co_return transport_error(failure, std::move(response).error());
    }
    if (response->status < 400) {
      if (stream == nullptr) {
        response->body = std::move(head);
      }
      co_return response;
    }
    const ErrorBody body = parse_error_body(head);
    if (!is_retryable_status(response->status, body) || attempt >= policy.max_attempts) {
      co_return status_error(failure, response->status, body);
    }
    auto delay = backoff_delay(policy, attempt + 1, jitter_source());
    if (auto asked =
            parse_retry_after(response->header("retry-after"), std::chrono::system_clock::now())) {
      delay = *asked;
    }
    if (delay > policy.max_backoff || failure.waited + delay > policy.max_total) {
      Error error = status_error(failure, response->status, body);
      error.message += " (asked to wait " + seconds_text(delay) + " more, beyond the " +
                       seconds_text(policy.max_total) + " Weft waits for one call)";
      co_return error;
    }
    if (call.on_retry) {
      call.on_retry(retry_notice(response->status, body, delay, attempt + 1));
    }
    if (!co_await sleep(delay)) {
      co_return cancelled_error();
    }
    failure.waited += delay;
  }
}

}  // namespace weft::llm
