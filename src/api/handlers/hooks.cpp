// Webhooks (issue 12): `POST /hooks/{token}` (or the method the webhook was
// given) starts a run of its pipeline's published version. The token in the
// URL is the only thing that names the webhook; the delivery is checked
// (method, signature over the raw body, rate limit) before anything else,
// and an idempotency key makes repeats answer what the first delivery got.
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "api/handlers/run_start.hpp"
#include "api/handlers/support.hpp"
#include "api/run_body.hpp"
#include "auth/auth.hpp"
#include "triggers/rate_limiter.hpp"
#include "triggers/trigger_runs.hpp"
#include "triggers/webhook.hpp"

namespace weft::api {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::system_clock;

/// How long a repeat waits for the first delivery's answer, polling.
constexpr std::chrono::milliseconds kRepeatPoll{25};
/// How long an idempotency key is remembered.
constexpr std::chrono::hours kKeyLifetime{24};

Response no_webhook() {
  return Response::from_error(
      Error::make(ErrorCode::not_found,
                  "no webhook listens at this URL (it may have been rotated, paused or deleted)"));
}

/// The signing secret, from the workspace's vault.
Result<std::string> signing_secret(ApiContext& context, const store::TriggerRecord& trigger,
                                   const triggers::SignatureRule& rule) {
  if (context.auth == nullptr) {
    return Error::make(ErrorCode::unavailable, "the vault is not available on this server");
  }
  auto credential = context.auth->credentials().resolve(trigger.workspace_id, rule.credential);
  if (!credential) {
    return Error::make(ErrorCode::unauthenticated,
                       "the webhook's signing secret is missing; the delivery is refused");
  }
  const json::value* secret = credential->data.if_contains("secret");
  if (secret == nullptr || !secret->is_string() || secret->get_string().empty()) {
    return Error::make(
        ErrorCode::unauthenticated,
        "the webhook's signing credential holds no `secret`; the delivery is refused");
  }
  return std::string(secret->get_string());
}

/// The run inputs a delivery carries, read as the webhook says (never as a
/// caller's Content-Type alone would have it): a JSON object's fields,
/// form or multipart fields (files stored as file values), a text body
/// whole under `body`, a GET's query parameters as texts.
Result<json::object> delivery_inputs(ApiContext& context, const Request& request,
                                     const store::TriggerRecord& trigger,
                                     const triggers::WebhookConfig& config) {
  if (request.method == "GET") {
    json::object inputs;
    for (const auto& [name, value] : request.query) {
      inputs[name] = value;
    }
    return inputs;
  }
  if (config.body == "text") {
    return json::object{{"body", request.body}};
  }
  BodyRules rules;
  rules.text_input = "body";
  rules.allowed = config.body == "json"        ? std::vector{BodyKind::json}
                  : config.body == "form"      ? std::vector{BodyKind::form}
                  : config.body == "multipart" ? std::vector{BodyKind::multipart}
                                               : std::vector{BodyKind::json, BodyKind::form,
                                                             BodyKind::multipart, BodyKind::text};
  if (request.body.empty()) {
    return json::object{};
  }
  return read_run_inputs(context, request, trigger.workspace_id, rules);
}

std::optional<std::string> idempotency_key(const Request& request,
                                           const triggers::WebhookConfig& config,
                                           const json::object& inputs) {
  if (config.idempotency_header) {
    const std::string_view key = request.header(*config.idempotency_header);
    if (!key.empty()) {
      return std::string(key.substr(0, 256));
    }
  }
  if (config.idempotency_field) {
    if (const json::value* key = inputs.if_contains(*config.idempotency_field)) {
      return key->is_string() ? std::string(key->get_string()).substr(0, 256)
                              : to_json_string(*key).substr(0, 256);
    }
  }
  return std::nullopt;
}

Response replay(const store::IdempotentAnswer& answer) {
  Response response = Response::text(answer.status, answer.body, answer.content_type);
  response.headers.emplace_back("Idempotent-Replayed", "true");
  return response;
}

/// Waits for the answer of the delivery that claimed `key` first.
asio::awaitable<Response> await_first_answer(ApiContext& context, const std::string& trigger_id,
                                             const std::string& key) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + context.max_wait;
  while (std::chrono::steady_clock::now() < deadline) {
    timer.expires_after(kRepeatPoll);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    const auto now = Clock::now();
    auto answer =
        context.store.triggers().claim_idempotency_key(trigger_id, key, now, now - kKeyLifetime);
    if (!answer) {
      co_return Response::from_error(answer.error());
    }
    if (!*answer) {
      // The first delivery gave up without an answer: this one is now the first.
      co_return Response::error(409, "conflict",
                                "the first delivery with this idempotency key failed; send again");
    }
    if ((*answer)->status != 0) {
      co_return replay(**answer);
    }
  }
  co_return Response::error(409, "conflict",
                            "a delivery with this idempotency key is still being answered");
}

asio::awaitable<Response> start_delivery(ApiContext& context, const store::TriggerRecord& trigger,
                                         const triggers::WebhookConfig& config,
                                         json::object inputs) {
  Problems problems;
  auto submission = triggers::prepare_run(context.store, context.pipelines, trigger,
                                          std::move(inputs), runs::Trigger::webhook, problems);
  if (!submission) {
    co_return Response::from_error(submission.error(), first_problems(problems, context.limits));
  }
  // Answering at once: the run starts here while this process has room (its
  // job leased to it, so a crash leaves it to another worker), not behind a
  // worker's next lease.
  submission->prefer_here = true;
  co_return co_await start_and_answer(context, std::move(*submission), config.respond_when_finished,
                                      context.max_wait);
}

asio::awaitable<Response> deliver(ApiContext& context, Request& request) {
  auto trigger = context.store.triggers().find_trigger_by_token(request.param("token"));
  if (!trigger) {
    co_return trigger.error().code == ErrorCode::not_found ? no_webhook()
                                                           : Response::from_error(trigger.error());
  }
  if (trigger->kind != "webhook" || !trigger->enabled) {
    co_return no_webhook();
  }
  Problems ignored;
  auto config = triggers::parse_webhook_config(trigger->config, ignored);
  if (!config) {
    co_return Response::from_error(
        Error::make(ErrorCode::unavailable, "this webhook's settings cannot be read; fix them"));
  }
  if (request.method != config->method) {
    Response response = Response::error(405, "method_not_allowed",
                                        "this webhook takes " + config->method + " requests");
    response.headers.emplace_back("Allow", config->method);
    co_return response;
  }
  if (config->signature) {
    auto secret = signing_secret(context, *trigger, *config->signature);
    if (!secret) {
      co_return Response::from_error(secret.error());
    }
    auto verified =
        triggers::verify_signature(*config->signature, request.header(config->signature->header),
                                   request.body, *secret, Clock::now());
    if (!verified) {
      co_return Response::from_error(verified.error());
    }
  }
  // Counted after the signature: unsigned floods must not use up the
  // sender's allowance.
  if (config->rate_limit_per_minute && context.trigger_limits != nullptr) {
    if (auto wait = context.trigger_limits->take(trigger->id, *config->rate_limit_per_minute)) {
      Error error = Error::make(
          ErrorCode::rate_limited,
          "this webhook takes at most " + std::to_string(*config->rate_limit_per_minute) +
              " deliveries a minute; retry in " + std::to_string(wait->count()) + " s");
      error.retry_after = *wait;
      co_return Response::from_error(error);
    }
  }
  auto inputs = delivery_inputs(context, request, *trigger, *config);
  if (!inputs) {
    co_return Response::from_error(inputs.error());
  }
  const auto key = idempotency_key(request, *config, *inputs);
  if (!key) {
    co_return co_await start_delivery(context, *trigger, *config, std::move(*inputs));
  }
  const auto now = Clock::now();
  auto claimed =
      context.store.triggers().claim_idempotency_key(trigger->id, *key, now, now - kKeyLifetime);
  if (!claimed) {
    co_return Response::from_error(claimed.error());
  }
  if (*claimed) {
    // Not `co_await` inside `?:`: gcc 12 miscompiles it.
    if ((*claimed)->status != 0) {
      co_return replay(**claimed);
    }
    Response first = co_await await_first_answer(context, trigger->id, *key);
    co_return first;
  }
  Response response = co_await start_delivery(context, *trigger, *config, std::move(*inputs));
  if (response.status >= 200 && response.status < 300) {
    (void)context.store.triggers().save_idempotent_answer(
        trigger->id, *key, {response.status, response.content_type, response.body});
  } else {
    (void)context.store.triggers().release_idempotency_key(trigger->id, *key);
  }
  co_return response;
}

}  // namespace

void add_webhook_routes(Router& router, ApiContext& context) {
  ApiContext* ctx = &context;
  for (const char* method : {"POST", "PUT", "PATCH", "GET"}) {
    router.add(method, "/hooks/{token}",
               [ctx](Request& request) { return deliver(*ctx, request); });
  }
}

}  // namespace weft::api
