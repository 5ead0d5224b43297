#include "llm/provider_errors.hpp"

#include <algorithm>
#include <cctype>

#include "common/json.hpp"

namespace weft::llm {
namespace {

/// The longest excerpt of a server's own error message kept in an error.
constexpr std::size_t kExcerptBytes = 200;
constexpr std::size_t kModelsListed = 20;
constexpr std::string_view kCheckBaseUrl = "check the base URL in Settings → LLM providers";

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// One line of at most kExcerptBytes: control characters and runs of
/// whitespace become one space, and a cut never splits a UTF-8 character.
std::string excerpt(std::string_view text) {
  std::string out;
  out.reserve(std::min(text.size(), kExcerptBytes + 3));
  bool pending_space = false;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == ' ') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += c;
    if (out.size() > kExcerptBytes) {
      break;
    }
  }
  if (out.size() <= kExcerptBytes) {
    return out;
  }
  std::size_t cut = kExcerptBytes;
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xc0) == 0x80) {
    --cut;  // out[cut] continues a character that started before it
  }
  out.resize(cut);
  return out + "…";
}

std::string scalar(const json::value* v) {
  if (v == nullptr || v->is_null()) {
    return "";
  }
  return v->is_string() ? std::string(v->get_string()) : to_json_string(*v);
}

/// A message field's text; anything but a string (a list of validation
/// problems, an object) is not shown.
std::string text_field(const json::value* v) {
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : "";
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

/// ": <the server's own message>", or, when the answer was not an error
/// message an LLM server sends, a note saying so instead of its contents.
std::string server_said(const ErrorBody& body) {
  if (!body.message.empty()) {
    return ": " + body.message;
  }
  return body.recognised ? "" : " (the answer is not an LLM server's error message)";
}

/// What to check after a 401 or 403, naming where the key came from.
std::string key_hint(const ProviderConfig& config) {
  if (config.api_key.empty()) {
    return config.key_source.empty()
               ? "No API key is set for this provider; give it one in Settings → LLM providers"
               : "No API key is set; set one in " + config.key_source;
  }
  return config.key_source.empty() ? "Check the provider's API key"
                                   : "Check the API key in " + config.key_source;
}

Error make(ErrorCode code, std::string message, bool retryable) {
  Error error = Error::make(code, std::move(message));
  error.retryable = retryable;
  return error;
}

}  // namespace

ErrorBody parse_error_body(std::string_view body) {
  // Only the fields servers put their error text in are read: a body that is
  // not such an error (an HTML page, another service's JSON) says where the
  // base URL really points, and must not come back inside the error.
  ErrorBody out;
  auto parsed = parse_json(body, JsonLimits{.max_bytes = 1024 * 1024, .max_depth = 32});
  const json::object* object = parsed ? parsed->if_object() : nullptr;
  if (object == nullptr) {
    return out;
  }
  std::string message;
  const json::value* error = object->if_contains("error");
  if (error != nullptr && error->is_object()) {
    const auto& inner = error->get_object();
    message = text_field(inner.if_contains("message"));
    out.type = excerpt(scalar(inner.if_contains("type")));
    out.code = excerpt(scalar(inner.if_contains("code")));
  } else if (error != nullptr && error->is_string()) {
    message = std::string(error->get_string());
  } else if (const auto* text = object->if_contains("message")) {
    message = text_field(text);
    out.type = excerpt(scalar(object->if_contains("type")));
    out.code = excerpt(scalar(object->if_contains("code")));
  } else if (const auto* detail = object->if_contains("detail")) {
    message = text_field(detail);
  }
  out.message = excerpt(message);
  out.recognised = !out.message.empty() || !out.code.empty() || !out.type.empty();
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
  // 404 from Ollama, OpenAI and vLLM; 400 from llama-server in router mode
  // ({"error": {"code": 400, "message": "model not found"}}) and older vLLM.
  if (status != 404 && status != 400) {
    return false;
  }
  const std::string text = lower(body.message);
  const bool names_model = text.find("model") != std::string::npos;
  return names_model && (text.find("not found") != std::string::npos ||
                         text.find("does not exist") != std::string::npos ||
                         text.find("not exist") != std::string::npos);
}

bool is_retryable_status(int status, const ErrorBody& body) {
  return (status == 429 || status >= 500) && !is_context_overflow(body);
}

Error status_error(const CallFailure& failure, int status, const ErrorBody& body) {
  const std::string who = describe(failure.config);
  const std::string said = server_said(body);
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
                who + " refused the API key (" + std::to_string(status) + ")" + said + ". " +
                    key_hint(failure.config),
                false);
  }
  const bool server_side = status >= 500;
  // A 404 that is not about a model, or a client error in a shape no LLM
  // server sends, means the base URL points at the wrong path or service.
  const bool wrong_place = status == 404 || (!body.recognised && status < 500);
  const std::string hint = wrong_place ? "; " + std::string(kCheckBaseUrl) : "";
  return make(ErrorCode::http_status,
              who + " answered " + std::to_string(status) + for_model(failure.model) +
                  after_retries(failure) + said + hint,
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
                  for_model(failure.model) + server_said(body),
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
                  for_model(failure.model) + ": " + std::string(what) + "; " +
                  std::string(kCheckBaseUrl),
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
