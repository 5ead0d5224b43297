#include "llm/provider_errors.hpp"

#include <algorithm>
#include <cctype>

#include "common/json.hpp"

namespace weft::llm {
namespace {

constexpr std::size_t kExcerptBytes = 300;
constexpr std::size_t kModelsListed = 20;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string excerpt(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  text = first == std::string_view::npos ? std::string_view() : text.substr(first);
  if (text.size() <= kExcerptBytes) {
    return std::string(text);
  }
  return std::string(text.substr(0, kExcerptBytes)) + "…";
}

std::string scalar(const json::value* v) {
  if (v == nullptr || v->is_null()) {
    return "";
  }
  return v->is_string() ? std::string(v->get_string()) : to_json_string(*v);
}

std::string seconds(std::chrono::milliseconds ms) {
  const auto tenths = (ms.count() + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

/// " (model `x`)" when there is a model to name.
std::string for_model(std::string_view model) {
  return model.empty() ? "" : " (model `" + std::string(model) + "`)";
}

std::string after_retries(const CallFailure& failure) {
  if (failure.attempts <= 1) {
    return "";
  }
  return " after " + std::to_string(failure.attempts) + " attempts over " + seconds(failure.waited);
}

Error make(ErrorCode code, std::string message, bool retryable) {
  Error error = Error::make(code, std::move(message));
  error.retryable = retryable;
  return error;
}

}  // namespace

ErrorBody parse_error_body(std::string_view body) {
  ErrorBody out;
  auto parsed = parse_json(body, JsonLimits{.max_bytes = 1024 * 1024, .max_depth = 32});
  const json::object* object = parsed ? parsed->if_object() : nullptr;
  if (object == nullptr) {
    out.message = excerpt(body);
    return out;
  }
  const json::value* error = object->if_contains("error");
  if (error != nullptr && error->is_object()) {
    const auto& inner = error->get_object();
    out.message = scalar(inner.if_contains("message"));
    out.type = scalar(inner.if_contains("type"));
    out.code = scalar(inner.if_contains("code"));
  } else if (error != nullptr && error->is_string()) {
    out.message = std::string(error->get_string());
  } else if (const auto* message = object->if_contains("message")) {
    out.message = scalar(message);
    out.type = scalar(object->if_contains("type"));
    out.code = scalar(object->if_contains("code"));
  } else if (const auto* detail = object->if_contains("detail")) {
    out.message = scalar(detail);
  }
  if (out.message.empty()) {
    out.message = excerpt(body);
  }
  return out;
}

bool is_context_overflow(const ErrorBody& body) {
  if (body.code == "context_length_exceeded" || body.type == "exceed_context_size_error") {
    return true;
  }
  const std::string text = lower(body.message);
  constexpr std::string_view kPhrases[] = {
      "context length", "context window", "context size", "maximum context", "context_length",
  };
  const bool about_context = std::any_of(std::begin(kPhrases), std::end(kPhrases),
                                         [&](auto p) { return text.find(p) != std::string::npos; });
  return about_context &&
         (text.find("exceed") != std::string::npos || text.find("too long") != std::string::npos ||
          text.find("maximum") != std::string::npos);
}

bool is_model_missing(int status, const ErrorBody& body) {
  if (body.code == "model_not_found") {
    return true;
  }
  const std::string text = lower(body.message);
  const bool names_model = text.find("model") != std::string::npos;
  return status == 404 && names_model &&
         (text.find("not found") != std::string::npos ||
          text.find("does not exist") != std::string::npos ||
          text.find("not exist") != std::string::npos);
}

bool is_retryable_status(int status, const ErrorBody& body) {
  return (status == 429 || status >= 500) && !is_context_overflow(body);
}

Error status_error(const CallFailure& failure, int status, const ErrorBody& body) {
  const std::string who = describe(failure.config);
  const std::string said = body.message.empty() ? "" : ": " + body.message;
  if (is_context_overflow(body)) {
    return make(ErrorCode::context_too_long,
                "the prompt is too long for the context window of model `" +
                    std::string(failure.model) + "` on " + who + said +
                    ". Shorten the prompt (for example with `| truncate_tokens(2000)`) or use a "
                    "model with a longer context",
                false);
  }
  if (is_model_missing(status, body)) {
    return make(ErrorCode::model_not_found, body.message, false);
  }
  if (status == 429) {
    return make(ErrorCode::rate_limited,
                who + " is rate limiting requests (429)" + after_retries(failure) + said, true);
  }
  if (status == 401 || status == 403) {
    return make(ErrorCode::http_status,
                who + " refused the API key (" + std::to_string(status) + ")" + said +
                    ". Check the provider's API key (OPENAI_API_KEY for `openai`)",
                false);
  }
  const bool server_side = status >= 500;
  return make(ErrorCode::http_status,
              who + " answered " + std::to_string(status) + for_model(failure.model) +
                  after_retries(failure) + said,
              server_side);
}

Error transport_error(const CallFailure& failure, Error from_client) {
  const std::string who = describe(failure.config);
  const std::string& text = from_client.message;
  switch (from_client.code) {
    case ErrorCode::network_error: {
      const bool unreachable =
          text.starts_with("could not connect") || text.starts_with("could not resolve");
      if (unreachable) {
        const auto colon = text.rfind(": ");
        const std::string reason =
            colon == std::string::npos ? text : lower(text.substr(colon + 2));
        const std::string hint = failure.config.kind == ProviderKind::ollama
                                     ? "is Ollama running?"
                                     : "is the server running, and is its address right?";
        return make(ErrorCode::provider_unreachable,
                    "cannot reach " + who + " — " + hint + " (" + reason + ")", true);
      }
      if (text.starts_with("too many redirects")) {
        return make(ErrorCode::http_status,
                    who +
                        " answered with a redirect; LLM provider calls do not follow "
                        "redirects, so set the provider's address to where it points",
                    false);
      }
      return make(ErrorCode::network_error, "the connection to " + who + " failed: " + text, true);
    }
    case ErrorCode::timeout:
      return make(ErrorCode::timeout,
                  who + " did not finish answering within " + seconds(failure.config.timeout) +
                      for_model(failure.model) +
                      "; a model that is still loading or a long reply can take this long — "
                      "raise the block's timeout, or use a smaller model",
                  true);
    case ErrorCode::address_refused:
      from_client.message = "calling " + who + ": " + text;
      return from_client;
    default:
      return from_client;
  }
}

Error stream_error(const CallFailure& failure, const ErrorBody& body) {
  if (is_context_overflow(body)) {
    return status_error(failure, 400, body);
  }
  return make(ErrorCode::http_status,
              describe(failure.config) + " reported an error during the reply" +
                  for_model(failure.model) + ": " + body.message,
              true);
}

Error truncated_stream_error(const CallFailure& failure, std::size_t pieces) {
  return make(ErrorCode::network_error,
              "the reply stream from " + describe(failure.config) + for_model(failure.model) +
                  " ended before the reply was complete (after " + std::to_string(pieces) +
                  " pieces of text); the server may have stopped or crashed",
              true);
}

Error malformed_reply_error(const CallFailure& failure, std::string_view what) {
  return make(ErrorCode::http_status,
              describe(failure.config) + " sent a reply Weft cannot read" +
                  for_model(failure.model) + ": " + std::string(what),
              false);
}

Error model_missing_error(const ProviderConfig& config, std::string_view model,
                          std::string_view server_message,
                          const Result<std::vector<ModelInfo>>& models) {
  std::string message =
      "model `" + std::string(model) + "` is not available on " + describe(config);
  if (!server_message.empty()) {
    message += " (" + std::string(server_message) + ")";
  }
  if (!models) {
    message += "; its models could not be listed: " + models.error().message;
  } else if (models->empty()) {
    message += "; it has no models yet";
  } else {
    message += "; it has: ";
    const std::size_t shown = std::min(models->size(), kModelsListed);
    for (std::size_t i = 0; i < shown; ++i) {
      message += (i == 0 ? "" : ", ") + (*models)[i].id;
    }
    if (models->size() > shown) {
      message += " and " + std::to_string(models->size() - shown) + " more";
    }
  }
  if (config.kind == ProviderKind::ollama) {
    message += ". Pull it with `ollama pull " + std::string(model) + "` or pick one it has";
  }
  return make(ErrorCode::model_not_found, std::move(message), false);
}

}  // namespace weft::llm

namespace weft::llm {

boost::asio::awaitable<Error> explain_missing_model(Provider& provider, Error error,
                                                    std::string model) {
  if (error.code != ErrorCode::model_not_found) {
    co_return error;
  }
  auto models = co_await provider.list_models();
  co_return model_missing_error(provider.config(), model, error.message, models);
}

}  // namespace weft::llm
