// llm_classify: a model picks one of the configured labels; the block
// continues on that label's handle (or `other`), like a `switch`.
#include <algorithm>

#include "nodes/llm/llm_support.hpp"
#include "nodes/llm/llm_task.hpp"
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

namespace asio = boost::asio;

constexpr std::string_view kOther = "other";

constexpr const char* kSchema = R"({
  "type": "object", "additionalProperties": false, "required": ["model", "labels"],
  "properties": {
    "input": {"type": "string", "x-weft-widget": "template",
              "description": "The text to classify; default: the text of the block connected to this one"},
    "instructions": {"type": "string", "x-weft-widget": "template",
                     "description": "Extra guidance for the model"},
    "labels": {"type": "array", "minItems": 1, "maxItems": 64, "items": {
      "type": "object", "additionalProperties": false, "required": ["name"],
      "properties": {"name": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
                     "description": {"type": "string"}}}},
    "temperature": {"type": "number", "minimum": 0, "maximum": 2, "default": 0}
  }})";

struct Label {
  std::string name;
  std::string description;
};

struct LlmClassifyConfig final : pipeline::NodeConfig {
  LlmTask task;  ///< its prompt and schema built from the labels
  std::vector<Label> labels;
};

json::value classify_schema() {
  return with_llm_target(literal(kSchema));
}

std::string system_prompt(const std::vector<Label>& labels) {
  std::string text =
      "Classify the user's text into exactly one of these labels. Answer with a JSON object "
      "{\"label\": <label>, \"confidence\": <0 to 1>}.\nLabels:\n";
  for (const auto& label : labels) {
    text += "- " + label.name + (label.description.empty() ? "" : ": " + label.description) + "\n";
  }
  text += "- " + std::string(kOther) + ": none of the labels above fits\n";
  return text;
}

json::value reply_schema(const std::vector<Label>& labels) {
  json::array names;
  for (const auto& label : labels) {
    names.emplace_back(label.name);
  }
  names.emplace_back(kOther);
  return json::object{
      {"type", "object"},
      {"additionalProperties", false},
      {"required", json::array{"label", "confidence"}},
      {"properties",
       json::object{
           {"label", json::object{{"type", "string"}, {"enum", std::move(names)}}},
           {"confidence", json::object{{"type", "number"}, {"minimum", 0}, {"maximum", 1}}}}}};
}

// Built outside the coroutine: GCC 12 mishandles some temporaries in a
// co_return expression.
json::object classify_output(const StructuredReply& reply,
                             std::chrono::steady_clock::time_point start) {
  const auto& object = reply.value.as_object();
  const llm::ChatResponse& response = reply.response;
  return {{"label", object.at("label")},
          {"confidence", object.at("confidence")},
          {"model", response.model},
          {"usage", usage_json(response.usage)},
          {"latency_ms", elapsed_ms(start)}};
}

class LlmClassify final : public NodeType {
 public:
  LlmClassify()
      : NodeType({.type = "llm_classify",
                  .category = Category::llm,
                  .title = "LLM classify",
                  .description = "A language model sorts the text into one of your labels; "
                                 "the pipeline continues on that label's output (or `other`).",
                  .icon = "tags",
                  .config_schema = classify_schema(),
                  .output_example = literal(R"({
                    "label": "billing", "confidence": 0.92, "model": "llama3",
                    "usage": {"prompt_tokens": 88, "completion_tokens": 14}, "latency_ms": 640.2})"),
                  .output_handles = {{.each = "/labels", .name_at = "/name"},
                                     {.name = std::string(kOther)}},
                  .chosen_handle = "/label"}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<LlmClassifyConfig>();
    bool broken = !read_llm_task(reader, config->task);
    const auto& labels = reader.value("labels")->get_array();
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const auto& object = labels[i].get_object();
      Label label{std::string(object.at("name").get_string()), ""};
      if (const auto* d = object.if_contains("description")) {
        label.description = std::string(d->get_string());
      }
      const bool repeated = std::any_of(config->labels.begin(), config->labels.end(),
                                        [&](const Label& l) { return l.name == label.name; });
      if (label.name == kOther || repeated) {
        reader.problem("labels", "label " + std::to_string(i) + " repeats the handle name `" +
                                     label.name + "`" +
                                     (label.name == kOther ? " (`other` is always there)" : ""));
        broken = true;
      }
      config->labels.push_back(std::move(label));
    }
    if (broken) {
      return nullptr;
    }
    config->task.system = system_prompt(config->labels);
    // Built from validated names: cannot fail.
    auto schema = JsonSchema::compile(reply_schema(config->labels));
    config->task.reply_schema = std::move(schema).value();
    return config;
  }

  asio::awaitable<NodeResult> execute(NodeContext& context,
                                      const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const LlmClassifyConfig&>(raw);
    const auto start = std::chrono::steady_clock::now();
    auto reply = co_await ask_llm_task(context, config.task);
    if (!reply) {
      co_return std::move(reply).error();
    }
    json::object output = classify_output(*reply, start);
    std::string label(output.at("label").as_string());
    co_return NodeOutput{std::move(output), {std::move(label)}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_llm_classify() {
  return std::make_unique<LlmClassify>();
}

}  // namespace weft::nodes
