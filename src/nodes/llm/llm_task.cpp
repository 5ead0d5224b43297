#include "nodes/llm/llm_task.hpp"

#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

namespace asio = boost::asio;

/// The system prompt with the rendered instructions after it, then the input.
Result<llm::ChatRequest> task_request(const NodeContext& context, const LlmTask& task) {
  llm::ChatRequest request;
  request.temperature = task.temperature;
  request.strict_schema = task.strict;
  std::string system = task.system;
  if (task.instructions) {
    auto extra = task.instructions->render_text(context.scope());
    if (!extra) {
      return std::move(extra).error();
    }
    system += "\n" + *extra;
  }
  auto input = text_or_upstream(context, task.input, "input");
  if (!input) {
    return std::move(input).error();
  }
  request.messages.push_back({"system", std::move(system)});
  request.messages.push_back({"user", std::move(*input)});
  return request;
}

}  // namespace

bool read_llm_task(pipeline::ConfigReader& reader, LlmTask& task) {
  auto target = read_llm_target(reader);
  const bool input_ok = read_text_or_upstream(reader, "input", "Input", Fallback::one, task.input);
  task.instructions = reader.text_template("instructions");
  task.temperature = reader.number("temperature").value_or(0);
  if (!target || !input_ok || (reader.has("instructions") && !task.instructions)) {
    return false;
  }
  task.target = std::move(*target);
  return true;
}

asio::awaitable<Result<StructuredReply>> ask_llm_task(NodeContext& context, const LlmTask& task) {
  auto call = prepare_llm(context, task.target, [&] { return task_request(context, task); });
  if (!call) {
    co_return std::move(call).error();
  }
  co_return co_await chat_structured(context, *call->provider, std::move(call->request),
                                     *task.reply_schema, false);
}

}  // namespace weft::nodes
