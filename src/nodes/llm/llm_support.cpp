#include "nodes/llm/llm_support.hpp"

#include "llm/provider_registry.hpp"
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

namespace asio = boost::asio;

constexpr std::size_t kReplyExcerpt = 200;

std::string excerpt(std::string_view text) {
  return text.size() <= kReplyExcerpt ? std::string(text)
                                      : std::string(text.substr(0, kReplyExcerpt)) + "…";
}

/// Models asked for JSON still wrap it in a Markdown fence now and then.
std::string_view strip_fence(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  text = text.substr(first, last - first + 1);
  if (!text.starts_with("```") || !text.ends_with("```") || text.size() < 6) {
    return text;
  }
  text = text.substr(3, text.size() - 6);
  const auto newline = text.find('\n');
  return newline == std::string_view::npos ? text : text.substr(newline + 1);
}

/// What is wrong with `reply` for `schema`, or nullopt when it fits.
std::optional<std::string> violation(std::string_view reply, const JsonSchema& schema,
                                     json::value& parsed) {
  auto value = parse_json(strip_fence(reply));
  if (!value) {
    return "the reply is not JSON (" + value.error().message + ")";
  }
  Problems problems = schema.validate(*value);
  if (problems.empty()) {
    parsed = std::move(*value);
    return std::nullopt;
  }
  const Problem& first = problems.front();
  std::string text =
      "at `" + (first.pointer.empty() ? std::string("/") : first.pointer) + "`: " + first.message;
  if (problems.size() > 1) {
    text += " (and " + std::to_string(problems.size() - 1) + " more)";
  }
  return text;
}

void add(llm::Usage& total, const llm::Usage& more) {
  total.prompt_tokens += more.prompt_tokens;
  total.completion_tokens += more.completion_tokens;
}

}  // namespace

json::value with_llm_target(json::value schema) {
  json::object properties = literal(R"({
    "provider": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$", "default": "ollama",
                 "x-weft-widget": "provider",
                 "description": "Which configured LLM provider to call"},
    "model": {"type": "string", "minLength": 1, "x-weft-widget": "model",
              "description": "Model name as the provider knows it, e.g. llama3"}})")
                                .as_object();
  for (auto& [key, value] : schema.as_object()["properties"].as_object()) {
    properties[key] = std::move(value);
  }
  schema.as_object()["properties"] = std::move(properties);
  return schema;
}

std::optional<LlmTarget> read_llm_target(pipeline::ConfigReader& reader) {
  auto model = reader.text_template("model");
  if (!model) {
    return std::nullopt;
  }
  return LlmTarget{reader.string("provider").value_or(std::string(llm::kDefaultProvider)),
                   std::move(*model)};
}

void read_optional(const pipeline::ConfigReader& reader, std::string_view key,
                   std::optional<double>& out) {
  out = reader.number(key);
}

void read_optional(const pipeline::ConfigReader& reader, std::string_view key,
                   std::optional<std::int64_t>& out) {
  out = reader.integer(key);
}

Result<LlmCall> prepare_llm(const NodeContext& context, const LlmTarget& target,
                            const std::function<Result<llm::ChatRequest>()>& build) {
  std::shared_ptr<llm::Provider> provider = context.llm_provider(target.provider);
  if (provider == nullptr) {
    std::string known;
    for (const auto& name : context.llm_provider_names()) {
      known += (known.empty() ? "" : ", ") + name;
    }
    return node_error(
        ErrorCode::invalid_config,
        "no LLM provider is named `" + target.provider + "`; " +
            (known.empty() ? "none is configured" : "the configured ones are: " + known));
  }
  auto model = target.model.render_text(context.scope());
  if (!model) {
    return std::move(model).error();
  }
  if (model->empty()) {
    return node_error(ErrorCode::invalid_config, "the model name is empty");
  }
  auto request = build();
  if (!request) {
    return std::move(request).error();
  }
  request->model = std::move(*model);
  return LlmCall{std::move(provider), std::move(*request)};
}

Result<std::string> text_or_upstream(const NodeContext& context,
                                     const std::optional<expr::Template>& text,
                                     std::string_view field) {
  if (text) {
    return text->render_text(context.scope());
  }
  const auto& upstream = context.upstream();
  if (upstream.size() != 1) {
    return node_error(ErrorCode::invalid_config,
                      "`" + std::string(field) + "` is not set, so it would be the text of the " +
                          "single block connected to this one, but " +
                          std::to_string(upstream.size()) + " are connected; set `" +
                          std::string(field) + "`");
  }
  return text_of(*upstream.front().output);
}

json::object usage_json(const llm::Usage& usage) {
  return {{"prompt_tokens", usage.prompt_tokens}, {"completion_tokens", usage.completion_tokens}};
}

double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

asio::awaitable<Result<llm::ChatResponse>> chat_once(NodeContext& context, llm::Provider& provider,
                                                     const llm::ChatRequest& request, bool stream) {
  llm::ChatRequest call = request;
  call.on_retry = [&context](const std::string& notice) { context.log(LogLevel::warn, notice); };
  // No temporaries or `?:` around a co_await: GCC 12 destroys some twice.
  Result<llm::ChatResponse> response = Error::make(ErrorCode::internal, "");
  if (stream) {
    // The HTTP client calls the sink on a strand made from this coroutine's
    // executor (the run's strand, or its one thread), so each token event is
    // emitted in turn with the rest of the run's events.
    llm::TokenSink to_context = [&context](std::string_view piece) { context.token(piece); };
    response = co_await provider.stream_chat(std::move(call), std::move(to_context));
  } else {
    response = co_await provider.chat(std::move(call));
  }
  if (response) {
    context.add_usage(response->usage.prompt_tokens, response->usage.completion_tokens);
    if (response->model.empty()) {
      response->model = request.model;
    }
  }
  co_return response;
}

asio::awaitable<Result<StructuredReply>> chat_structured(NodeContext& context,
                                                         llm::Provider& provider,
                                                         llm::ChatRequest request,
                                                         const JsonSchema& schema, bool stream) {
  request.json_schema = schema.source();
  llm::Usage total;
  for (int round = 1;; ++round) {
    auto response = co_await chat_once(context, provider, request, stream);
    if (!response) {
      co_return std::move(response).error();
    }
    add(total, response->usage);
    json::value value;
    auto wrong = violation(response->text, schema, value);
    if (!wrong) {
      response->usage = total;
      co_return StructuredReply{std::move(value), std::move(*response)};
    }
    if (round == 2) {
      Error error = node_error(ErrorCode::invalid_output,
                               "the model's reply does not match the JSON Schema, even after "
                               "one request to repair it: " +
                                   *wrong + ". The reply was: " + excerpt(response->text),
                               true);
      co_return error;
    }
    context.log(LogLevel::warn, "the reply does not match the JSON Schema (" + *wrong +
                                    "); asking the model to repair it");
    request.messages.push_back({"assistant", response->text});
    request.messages.push_back(
        {"user", "Your reply does not match the required JSON Schema: " + *wrong +
                     ". Reply again with only the corrected JSON, nothing else."});
  }
}

}  // namespace weft::nodes
