// Ollama's native API: /api/chat (NDJSON stream or one object), /api/embed,
// /api/tags. https://github.com/ollama/ollama/blob/main/docs/api.md
#include <boost/asio/this_coro.hpp>

#include "llm/provider.hpp"
#include "llm/provider_http.hpp"
#include "llm/stream_parsers.hpp"
#include "llm/wire_json.hpp"

namespace weft::llm {
namespace {

namespace asio = boost::asio;

constexpr std::chrono::milliseconds kListTimeout{30'000};

json::object chat_body(const ChatRequest& request, bool stream) {
  json::object options;
  if (request.temperature) {
    options["temperature"] = *request.temperature;
  }
  if (request.top_p) {
    options["top_p"] = *request.top_p;
  }
  if (request.max_tokens) {
    options["num_predict"] = *request.max_tokens;
  }
  if (request.seed) {
    options["seed"] = *request.seed;
  }
  if (!request.stop.empty()) {
    options["stop"] = json::array(request.stop.begin(), request.stop.end());
  }
  json::object body{
      {"model", request.model}, {"messages", messages_json(request.messages)}, {"stream", stream}};
  if (!options.empty()) {
    body["options"] = std::move(options);
  }
  if (request.json_schema) {
    body["format"] = *request.json_schema;
  }
  return body;
}

/// Reads one reply object — a stream line or the whole non-streamed answer —
/// into `response`. Returns the piece of text it carried.
std::string_view apply(const json::object& object, ChatResponse& response) {
  if (auto model = string_at(object, "model"); !model.empty()) {
    response.model = std::move(model);
  }
  std::string_view piece;
  if (const auto* message = object_at(object, "message")) {
    if (const auto* content = message->if_contains("content"); content && content->is_string()) {
      piece = content->get_string();
    }
  }
  if (const auto* done = object.if_contains("done"); done && done->is_bool() && done->get_bool()) {
    response.finish_reason = string_at(object, "done_reason");
    response.usage.prompt_tokens = integer_at(object, "prompt_eval_count");
    response.usage.completion_tokens = integer_at(object, "eval_count");
  }
  return piece;
}

bool is_done(const json::object& object) {
  const auto* done = object.if_contains("done");
  return done != nullptr && done->is_bool() && done->get_bool();
}

/// The state of one streamed reply: NDJSON lines in, tokens out.
class ChatStream {
 public:
  ChatStream(const CallFailure& failure, TokenSink& on_token)
      : failure_(failure),
        on_token_(on_token),
        lines_([this](std::string_view l) { return line(l); }) {}

  void restart() {
    lines_.reset();
    response_ = {};
    error_.reset();
    done_ = false;
    pieces_ = 0;
  }

  bool feed(std::string_view chunk) {
    if (Status fed = lines_.feed(chunk); !fed) {
      error_ = std::move(fed).error();
      return false;
    }
    return !lines_.stopped();
  }

  Result<ChatResponse> finish() {
    if (!error_) {
      (void)lines_.finish();
    }
    if (error_) {
      return *error_;
    }
    if (!done_) {
      return truncated_stream_error(failure_, pieces_);
    }
    return std::move(response_);
  }

 private:
  bool line(std::string_view text) {
    auto object = parse_reply(failure_, text);
    if (!object) {
      error_ = std::move(object).error();
      return false;
    }
    if (object->contains("error")) {
      error_ = stream_error(failure_, parse_error_body(text));
      return false;
    }
    const std::string_view piece = apply(*object, response_);
    if (!piece.empty()) {
      ++pieces_;
      response_.text.append(piece);
      on_token_(piece);
    }
    done_ = done_ || is_done(*object);
    return true;
  }

  const CallFailure& failure_;
  TokenSink& on_token_;
  NdjsonParser lines_;
  ChatResponse response_;
  std::optional<Error> error_;
  bool done_ = false;
  std::size_t pieces_ = 0;
};

class Ollama final : public Provider {
 public:
  Ollama(ProviderConfig config, std::shared_ptr<integrations::HttpClient> http)
      : config_(std::move(config)), http_(config_, std::move(http)) {}

  const ProviderConfig& config() const override { return config_; }

  asio::awaitable<Result<ChatResponse>> chat(ChatRequest request) override {
    const CallFailure failure{config_, request.model};
    Call call = chat_call(request, false);
    auto answer = co_await http_.send(std::move(call));
    if (!answer) {
      co_return co_await explain_missing_model(*this, std::move(answer).error(), request.model);
    }
    auto object = parse_reply(failure, answer->body);
    if (!object) {
      co_return std::move(object).error();
    }
    ChatResponse response;
    response.text = std::string(apply(*object, response));
    co_return response;
  }

  asio::awaitable<Result<ChatResponse>> stream_chat(ChatRequest request,
                                                    TokenSink on_token) override {
    const CallFailure failure{config_, request.model};
    ChatStream stream(failure, on_token);
    // Arguments are named: GCC 12 destroys braced temporaries in a co_await twice.
    Call call = chat_call(request, true);
    BodyStream reader{[&] { stream.restart(); },
                      [&](std::string_view chunk) { return stream.feed(chunk); }};
    auto answer = co_await http_.stream(std::move(call), std::move(reader));
    if (!answer) {
      co_return co_await explain_missing_model(*this, std::move(answer).error(), request.model);
    }
    co_return stream.finish();
  }

  asio::awaitable<Result<EmbedResponse>> embed(EmbedRequest request) override {
    const CallFailure failure{config_, request.model};
    json::object body{{"model", request.model},
                      {"input", json::array(request.input.begin(), request.input.end())}};
    Call call{.path = "/api/embed", .body = to_json_string(body), .model = request.model};
    auto answer = co_await http_.send(std::move(call));
    if (!answer) {
      co_return co_await explain_missing_model(*this, std::move(answer).error(), request.model);
    }
    auto object = parse_reply(failure, answer->body);
    if (!object) {
      co_return std::move(object).error();
    }
    EmbedResponse response;
    response.model = string_at(*object, "model");
    response.usage.prompt_tokens = integer_at(*object, "prompt_eval_count");
    const auto* embeddings = object->if_contains("embeddings");
    if (embeddings == nullptr || !embeddings->is_array()) {
      co_return malformed_reply_error(failure, "no `embeddings` list in the answer");
    }
    for (const auto& item : embeddings->get_array()) {
      if (!read_vector(item, response.embeddings.emplace_back())) {
        co_return malformed_reply_error(failure, "an embedding is not a list of numbers");
      }
    }
    if (response.embeddings.size() != request.input.size()) {
      co_return malformed_reply_error(
          failure, std::to_string(response.embeddings.size()) + " embeddings for " +
                       std::to_string(request.input.size()) + " inputs");
    }
    co_return response;
  }

  asio::awaitable<Result<std::vector<ModelInfo>>> list_models() override {
    const CallFailure failure{config_, ""};
    Call call{.method = "GET", .path = "/api/tags", .timeout = kListTimeout};
    auto answer = co_await http_.send(std::move(call));
    if (!answer) {
      co_return std::move(answer).error();
    }
    auto object = parse_reply(failure, answer->body);
    if (!object) {
      co_return std::move(object).error();
    }
    std::vector<ModelInfo> models;
    const auto* list = object->if_contains("models");
    if (list == nullptr || !list->is_array()) {
      co_return models;
    }
    for (const auto& entry : list->get_array()) {
      const auto* model = entry.if_object();
      if (model == nullptr || string_at(*model, "name").empty()) {
        continue;
      }
      models.push_back({string_at(*model, "name"), *model});
    }
    co_return models;
  }

 private:
  static Call chat_call(const ChatRequest& request, bool stream) {
    return {.path = "/api/chat",
            .body = to_json_string(chat_body(request, stream)),
            .model = request.model,
            .accept = stream ? "application/x-ndjson" : "application/json",
            .on_retry = request.on_retry};
  }

  ProviderConfig config_;
  ProviderHttp http_;  // holds a reference to config_, so it comes after it
};

}  // namespace

std::shared_ptr<Provider> make_ollama(ProviderConfig config,
                                      std::shared_ptr<integrations::HttpClient> http) {
  return std::make_shared<Ollama>(std::move(config), std::move(http));
}

}  // namespace weft::llm
