// llm_chat: one chat completion, streamed token by token (DESIGN §6).
#include "nodes/llm/llm_support.hpp"
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

namespace asio = boost::asio;

constexpr const char* kSchema = R"({
  "type": "object", "additionalProperties": false, "required": ["model"],
  "properties": {
    "system": {"type": "string", "x-weft-widget": "template",
               "description": "Instructions for the model"},
    "prompt": {"type": "string", "x-weft-widget": "template",
               "description": "The user message; default: the text of the block connected to this one"},
    "history": {"type": ["string", "array"], "maxItems": 1000,
                "description": "Earlier messages: a list of {role, content}, or a {{ }} expression giving one",
                "items": {"type": "object", "additionalProperties": false,
                          "required": ["role", "content"],
                          "properties": {"role": {"enum": ["system", "user", "assistant"]},
                                         "content": {"type": "string"}}}},
    "temperature": {"type": "number", "minimum": 0, "maximum": 2},
    "top_p": {"type": "number", "minimum": 0, "maximum": 1},
    "max_tokens": {"type": "integer", "minimum": 1, "maximum": 1000000},
    "stop": {"type": ["string", "array"], "items": {"type": "string", "minLength": 1},
             "maxItems": 16},
    "seed": {"type": "integer"},
    "json_schema": {"type": "object", "x-weft-widget": "code",
                    "description": "Ask for JSON matching this schema; the reply is checked and parsed into `json`"}
  }})";

struct LlmChatConfig final : pipeline::NodeConfig {
  LlmTarget target;
  std::optional<expr::Template> system;
  std::optional<expr::Template> prompt;
  std::optional<expr::JsonTemplate> history;
  std::optional<double> temperature;
  std::optional<double> top_p;
  std::optional<std::int64_t> max_tokens;
  std::optional<std::int64_t> seed;
  std::vector<std::string> stop;
  std::optional<JsonSchema> schema;
};

json::value chat_schema() {
  return with_llm_target(literal(kSchema));
}

// Built outside the coroutine: GCC 12 mishandles some temporaries in a
// co_return expression.
json::object chat_output(llm::ChatResponse response, json::value parsed,
                         std::chrono::steady_clock::time_point start) {
  return {{"text", std::move(response.text)},
          {"json", std::move(parsed)},
          {"model", std::move(response.model)},
          {"usage", usage_json(response.usage)},
          {"finish_reason", std::move(response.finish_reason)},
          {"latency_ms", elapsed_ms(start)}};
}

/// `history` rendered into messages; each must be {role, content}.
Status append_history(const json::value& history, std::vector<llm::Message>& messages) {
  if (history.is_null()) {
    return Ok{};
  }
  if (!history.is_array()) {
    return node_error(ErrorCode::invalid_config, "`history` must be a list of messages, not " +
                                                     std::string(kind_name(history)));
  }
  const auto& items = history.get_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto* item = items[i].if_object();
    const auto* role = item != nullptr ? item->if_contains("role") : nullptr;
    const auto* content = item != nullptr ? item->if_contains("content") : nullptr;
    const bool known_role = role != nullptr && role->is_string() &&
                            (role->get_string() == "system" || role->get_string() == "user" ||
                             role->get_string() == "assistant");
    if (!known_role || content == nullptr) {
      return node_error(ErrorCode::invalid_config,
                        "`history` item " + std::to_string(i) +
                            " must be {role, content} with role system, user or assistant");
    }
    messages.push_back({std::string(role->get_string()), text_of(*content)});
  }
  return Ok{};
}

class LlmChat final : public NodeType {
 public:
  LlmChat()
      : NodeType({.type = "llm_chat",
                  .category = Category::llm,
                  .title = "LLM chat",
                  .description = "Asks a language model (Ollama or an OpenAI-compatible server) "
                                 "and streams its answer. With a JSON Schema the answer is JSON, "
                                 "checked against the schema.",
                  .icon = "sparkles",
                  .config_schema = chat_schema(),
                  .output_example = literal(R"({
                    "text": "Paris is the capital of France.", "json": null, "model": "llama3",
                    "usage": {"prompt_tokens": 26, "completion_tokens": 9},
                    "finish_reason": "stop", "latency_ms": 812.4})")}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<LlmChatConfig>();
    auto target = read_llm_target(reader);
    config->system = reader.text_template("system");
    const bool prompt_ok =
        read_text_or_upstream(reader, "prompt", "Prompt", Fallback::one, config->prompt);
    config->history = reader.json_template("history");
    read_optional(reader, "temperature", config->temperature);
    read_optional(reader, "top_p", config->top_p);
    read_optional(reader, "max_tokens", config->max_tokens);
    read_optional(reader, "seed", config->seed);
    if (const auto* stop = reader.value("stop"); stop != nullptr && stop->is_string()) {
      config->stop.emplace_back(stop->get_string());
    } else if (stop != nullptr && stop->is_array()) {
      for (const auto& s : stop->get_array()) {
        config->stop.emplace_back(s.get_string());
      }
    }
    bool broken = !target || (reader.has("system") && !config->system) || !prompt_ok ||
                  (reader.has("history") && !config->history);
    if (const auto* schema = reader.value("json_schema")) {
      auto compiled = JsonSchema::compile(*schema);
      if (!compiled) {
        reader.problem("json_schema", compiled.error().message);
        broken = true;
      } else {
        config->schema = std::move(*compiled);
      }
    }
    if (broken) {
      return nullptr;
    }
    config->target = std::move(*target);
    return config;
  }

  asio::awaitable<NodeResult> execute(NodeContext& context,
                                      const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const LlmChatConfig&>(raw);
    const auto start = std::chrono::steady_clock::now();
    auto call = prepare_llm(context, config.target, [&] { return build_request(context, config); });
    if (!call) {
      co_return std::move(call).error();
    }
    json::value parsed;
    Result<llm::ChatResponse> response = Error::make(ErrorCode::internal, "");
    if (config.schema) {
      auto reply = co_await chat_structured(context, *call->provider, std::move(call->request),
                                            *config.schema, true);
      if (!reply) {
        co_return std::move(reply).error();
      }
      parsed = std::move(reply->value);
      response = std::move(reply->response);
    } else {
      response = co_await chat_once(context, *call->provider, call->request, true);
    }
    if (!response) {
      co_return std::move(response).error();
    }
    json::object output = chat_output(std::move(*response), std::move(parsed), start);
    co_return NodeOutput{std::move(output), {}};
  }

 private:
  static Result<llm::ChatRequest> build_request(const NodeContext& context,
                                                const LlmChatConfig& config) {
    llm::ChatRequest request;
    request.temperature = config.temperature;
    request.top_p = config.top_p;
    request.max_tokens = config.max_tokens;
    request.seed = config.seed;
    request.stop = config.stop;
    if (config.system) {
      auto system = config.system->render_text(context.scope());
      if (!system) {
        return std::move(system).error();
      }
      if (!system->empty()) {
        request.messages.push_back({"system", std::move(*system)});
      }
    }
    if (config.history) {
      auto history = config.history->render(context.scope());
      if (!history) {
        return std::move(history).error();
      }
      if (Status added = append_history(*history, request.messages); !added) {
        return std::move(added).error();
      }
    }
    auto prompt = text_or_upstream(context, config.prompt, "prompt");
    if (!prompt) {
      return std::move(prompt).error();
    }
    request.messages.push_back({"user", std::move(*prompt)});
    return request;
  }
};

}  // namespace

std::unique_ptr<NodeType> make_llm_chat() {
  return std::make_unique<LlmChat>();
}

}  // namespace weft::nodes
