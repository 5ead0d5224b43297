// Ollama's native API: /api/chat (NDJSON stream or one object), /api/embed,
// /api/tags. https://github.com/ollama/ollama/blob/main/docs/api.md
#include <boost/asio/this_coro.hpp>

#include "llm/chat_stream.hpp"
#include "llm/model_call.hpp"
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

/// One streamed reply: NDJSON lines in, tokens out.
class NdjsonChatStream final : public ChatStream {
 public:
  NdjsonChatStream(const CallFailure& failure, TokenSink& on_token)
      : ChatStream(failure, on_token), lines_([this](std::string_view l) { return line(l); }) {}

 private:
  void reset_parser() override { lines_.reset(); }
  Status parse(std::string_view chunk) override { return lines_.feed(chunk); }
  Status end_parser() override { return lines_.finish(); }
  bool parser_stopped() const override { return lines_.stopped(); }

  bool line(std::string_view text) {
    auto object = parse_reply(failure(), text);
    if (!object) {
      return fail(std::move(object).error());
    }
    if (object->contains("error")) {
      return fail(stream_error(failure(), parse_error_body(text)));
    }
    emit(apply(*object, response()));
    if (is_done(*object)) {
      complete();
    }
    return true;
  }

  NdjsonParser lines_;
};

class Ollama final : public Provider {
 public:
  Ollama(ProviderConfig config, std::shared_ptr<integrations::HttpClient> http)
      : config_(std::move(config)), http_(config_, std::move(http)) {}

  const ProviderConfig& config() const override { return config_; }

  asio::awaitable<Result<ChatResponse>> chat(ChatRequest request) override {
    Call call = chat_call(request, false);
    auto object = co_await ask_model(*this, http_, std::move(call));
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
    NdjsonChatStream stream(failure, on_token);
    Call call = chat_call(request, true);
    co_return co_await stream_model(*this, http_, std::move(call), stream);
  }

  asio::awaitable<Result<EmbedResponse>> embed(EmbedRequest request) override {
    const CallFailure failure{config_, request.model};
    Call call{
        .path = "/api/embed", .body = to_json_string(embed_body(request)), .model = request.model};
    auto object = co_await ask_model(*this, http_, std::move(call));
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
    Call call{.method = "GET", .path = "/api/tags", .timeout = kListTimeout};
    auto object = co_await http_.send_object(std::move(call));
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
