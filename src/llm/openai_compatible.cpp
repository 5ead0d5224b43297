// The OpenAI API as llama.cpp server, vLLM, LM Studio, Ollama's /v1 and hosted
// services speak it: /chat/completions (SSE with `stream: true`),
// /embeddings, /models, under a base URL such as https://api.openai.com/v1.
#include <algorithm>

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
constexpr std::string_view kDone = "[DONE]";
constexpr std::string_view kSchemaName = "output";

json::object chat_body(const ChatRequest& request, bool stream) {
  json::object body{
      {"model", request.model}, {"messages", messages_json(request.messages)}, {"stream", stream}};
  if (stream) {
    body["stream_options"] = json::object{{"include_usage", true}};
  }
  if (request.temperature) {
    body["temperature"] = *request.temperature;
  }
  if (request.top_p) {
    body["top_p"] = *request.top_p;
  }
  if (request.max_tokens) {
    body["max_tokens"] = *request.max_tokens;
  }
  if (request.seed) {
    body["seed"] = *request.seed;
  }
  if (!request.stop.empty()) {
    body["stop"] = json::array(request.stop.begin(), request.stop.end());
  }
  if (request.json_schema) {
    body["response_format"] =
        json::object{{"type", "json_schema"},
                     {"json_schema", json::object{{"name", kSchemaName},
                                                  {"schema", *request.json_schema},
                                                  {"strict", request.strict_schema}}}};
  }
  return body;
}

void read_usage(const json::object& object, ChatResponse& response) {
  if (const auto* usage = object_at(object, "usage")) {
    response.usage.prompt_tokens = integer_at(*usage, "prompt_tokens");
    response.usage.completion_tokens = integer_at(*usage, "completion_tokens");
  }
}

/// The first choice of a reply or chunk, or nullptr (the usage chunk has none).
const json::object* first_choice(const json::object& object) {
  const auto* choices = object.if_contains("choices");
  if (choices == nullptr || !choices->is_array() || choices->get_array().empty()) {
    return nullptr;
  }
  return choices->get_array().front().if_object();
}

/// One streamed reply: SSE events in, tokens out.
class SseChatStream final : public ChatStream {
 public:
  SseChatStream(const CallFailure& failure, TokenSink& on_token)
      : ChatStream(failure, on_token), events_([this](const SseEvent& e) { return event(e); }) {}

 private:
  void reset_parser() override { events_.reset(); }
  Status parse(std::string_view chunk) override { return events_.feed(chunk); }
  Status end_parser() override { return events_.finish(); }
  bool parser_stopped() const override { return events_.stopped(); }

  bool event(const SseEvent& e) {
    if (e.data.empty()) {
      return true;
    }
    if (e.data == kDone) {
      complete();
      return false;
    }
    auto object = parse_reply(failure(), e.data);
    if (!object) {
      return fail(std::move(object).error());
    }
    if (object->contains("error") || e.event == "error") {
      return fail(stream_error(failure(), parse_error_body(e.data)));
    }
    if (auto model = string_at(*object, "model"); !model.empty()) {
      response().model = std::move(model);
    }
    read_usage(*object, response());
    const json::object* choice = first_choice(*object);
    if (choice == nullptr) {
      return true;
    }
    if (const auto* delta = object_at(*choice, "delta")) {
      if (const auto* content = delta->if_contains("content"); content && content->is_string()) {
        emit(content->get_string());
      }
    }
    if (auto reason = string_at(*choice, "finish_reason"); !reason.empty()) {
      // Complete; servers that skip `[DONE]` end here, the usage chunk may follow.
      response().finish_reason = std::move(reason);
      complete();
    }
    return true;
  }

  SseParser events_;
};

class OpenAiCompatible final : public Provider {
 public:
  OpenAiCompatible(ProviderConfig config, std::shared_ptr<integrations::HttpClient> http)
      : config_(std::move(config)), http_(config_, std::move(http)) {}

  const ProviderConfig& config() const override { return config_; }

  asio::awaitable<Result<ChatResponse>> chat(ChatRequest request) override {
    const CallFailure failure{config_, request.model};
    Call call = chat_call(request, false);
    auto object = co_await ask_model(*this, http_, std::move(call));
    if (!object) {
      co_return std::move(object).error();
    }
    ChatResponse response;
    response.model = string_at(*object, "model");
    read_usage(*object, response);
    const json::object* choice = first_choice(*object);
    if (choice == nullptr) {
      co_return malformed_reply_error(failure, "no `choices` in the answer");
    }
    response.finish_reason = string_at(*choice, "finish_reason");
    if (const auto* message = object_at(*choice, "message")) {
      response.text = string_at(*message, "content");
      if (response.text.empty()) {
        response.text = string_at(*message, "refusal");
      }
    }
    co_return response;
  }

  asio::awaitable<Result<ChatResponse>> stream_chat(ChatRequest request,
                                                    TokenSink on_token) override {
    const CallFailure failure{config_, request.model};
    SseChatStream stream(failure, on_token);
    Call call = chat_call(request, true);
    co_return co_await stream_model(*this, http_, std::move(call), stream);
  }

  asio::awaitable<Result<EmbedResponse>> embed(EmbedRequest request) override {
    const CallFailure failure{config_, request.model};
    Call call{
        .path = "/embeddings", .body = to_json_string(embed_body(request)), .model = request.model};
    auto object = co_await ask_model(*this, http_, std::move(call));
    if (!object) {
      co_return std::move(object).error();
    }
    co_return read_embeddings(failure, *object, request.input.size());
  }

  asio::awaitable<Result<std::vector<ModelInfo>>> list_models() override {
    Call call{.method = "GET", .path = "/models", .timeout = kListTimeout};
    auto object = co_await http_.send_object(std::move(call));
    if (!object) {
      co_return std::move(object).error();
    }
    std::vector<ModelInfo> models;
    const auto* list = object->if_contains("data");
    if (list == nullptr || !list->is_array()) {
      co_return models;
    }
    for (const auto& entry : list->get_array()) {
      const auto* model = entry.if_object();
      if (model != nullptr && !string_at(*model, "id").empty()) {
        models.push_back({string_at(*model, "id"), *model});
      }
    }
    co_return models;
  }

 private:
  Call chat_call(const ChatRequest& request, bool stream) const {
    return {.path = "/chat/completions",
            .body = to_json_string(chat_body(request, stream)),
            .model = request.model,
            .accept = stream ? "text/event-stream" : "application/json",
            .on_retry = request.on_retry};
  }

  /// `data[i].embedding`, put in input order by `data[i].index`.
  static Result<EmbedResponse> read_embeddings(const CallFailure& failure,
                                               const json::object& object, std::size_t inputs) {
    EmbedResponse response;
    response.model = string_at(object, "model");
    if (const auto* usage = object_at(object, "usage")) {
      response.usage.prompt_tokens = integer_at(*usage, "prompt_tokens");
    }
    const auto* data = object.if_contains("data");
    if (data == nullptr || !data->is_array() || data->get_array().size() != inputs) {
      return malformed_reply_error(
          failure, "expected `data` with one embedding per input (" + std::to_string(inputs) + ")");
    }
    response.embeddings.resize(inputs);
    std::size_t position = 0;
    for (const auto& entry : data->get_array()) {
      const auto* item = entry.if_object();
      const auto* vector = item != nullptr ? item->if_contains("embedding") : nullptr;
      const std::int64_t index = item != nullptr && item->contains("index")
                                     ? integer_at(*item, "index")
                                     : static_cast<std::int64_t>(position);
      ++position;
      if (vector == nullptr || index < 0 || static_cast<std::size_t>(index) >= inputs ||
          !read_vector(*vector, response.embeddings[static_cast<std::size_t>(index)])) {
        return malformed_reply_error(failure, "an entry of `data` is not an indexed embedding");
      }
    }
    return response;
  }

  ProviderConfig config_;
  ProviderHttp http_;  // holds a reference to config_, so it comes after it
};

}  // namespace

std::shared_ptr<Provider> make_openai_compatible(ProviderConfig config,
                                                 std::shared_ptr<integrations::HttpClient> http) {
  return std::make_shared<OpenAiCompatible>(std::move(config), std::move(http));
}

}  // namespace weft::llm
