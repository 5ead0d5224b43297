// llm_extract: named, typed, described fields pulled out of a text by a model,
// as a JSON object checked against the schema the fields make.
#include <algorithm>

#include "nodes/llm/llm_support.hpp"
#include "nodes/llm/llm_task.hpp"
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

namespace asio = boost::asio;

constexpr const char* kSchema = R"({
  "type": "object", "additionalProperties": false, "required": ["model", "fields"],
  "properties": {
    "input": {"type": "string", "x-weft-widget": "template",
              "description": "The text to read; default: the text of the block connected to this one"},
    "instructions": {"type": "string", "x-weft-widget": "template",
                     "description": "Extra guidance for the model"},
    "fields": {"type": "array", "minItems": 1, "maxItems": 100, "items": {
      "type": "object", "additionalProperties": false, "required": ["name", "type"],
      "properties": {
        "name": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,63}$"},
        "type": {"enum": ["string", "number", "integer", "boolean", "array", "object"]},
        "description": {"type": "string"},
        "required": {"type": "boolean", "default": true}}}},
    "temperature": {"type": "number", "minimum": 0, "maximum": 2, "default": 0}
  }})";

struct Field {
  std::string name;
  std::string type;
  std::string description;
  bool required = true;
};

struct LlmExtractConfig final : pipeline::NodeConfig {
  LlmTask task;  ///< its prompt and schema built from the fields
  std::vector<Field> fields;
};

json::value extract_schema() {
  return with_llm_target(literal(kSchema));
}

/// Every field is a required key, so the reply always has the same shape;
/// an optional field may be null (OpenAI's strict mode wants it this way).
json::value reply_schema(const std::vector<Field>& fields) {
  json::object properties;
  json::array required;
  for (const auto& field : fields) {
    json::object property;
    property["type"] = field.required ? json::value(field.type)
                                      : json::value(json::array{json::string(field.type), "null"});
    if (!field.description.empty()) {
      property["description"] = field.description;
    }
    properties[field.name] = std::move(property);
    required.emplace_back(field.name);
  }
  return json::object{{"type", "object"},
                      {"additionalProperties", false},
                      {"required", std::move(required)},
                      {"properties", std::move(properties)}};
}

std::string system_prompt(const std::vector<Field>& fields) {
  std::string text =
      "Extract these fields from the user's text and answer with one JSON object that has "
      "exactly these keys:\n";
  for (const auto& field : fields) {
    text += "- " + field.name + " (" + field.type + (field.required ? "" : ", or null") + ")" +
            (field.description.empty() ? "" : ": " + field.description) + "\n";
  }
  text += "Use null for a field the text does not give. Do not invent values.";
  return text;
}

// Built outside the coroutine: GCC 12 mishandles some temporaries in a
// co_return expression.
json::object extract_output(StructuredReply reply, std::chrono::steady_clock::time_point start) {
  const llm::ChatResponse& response = reply.response;
  return {{"json", std::move(reply.value)},
          {"model", response.model},
          {"usage", usage_json(response.usage)},
          {"latency_ms", elapsed_ms(start)}};
}

class LlmExtract final : public NodeType {
 public:
  LlmExtract()
      : NodeType({.type = "llm_extract",
                  .category = Category::llm,
                  .title = "LLM extract",
                  .description = "A language model reads the text and fills in the fields you "
                                 "name, with their types; the result is `json`.",
                  .icon = "table",
                  .config_schema = extract_schema(),
                  .output_example = literal(R"({
                    "json": {"name": "Ada Lovelace", "email": "ada@example.org", "seats": 3},
                    "model": "llama3", "usage": {"prompt_tokens": 120, "completion_tokens": 31},
                    "latency_ms": 905.7})")}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<LlmExtractConfig>();
    bool broken = !read_llm_task(reader, config->task);
    const auto& fields = reader.value("fields")->get_array();
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const auto& object = fields[i].get_object();
      Field field{std::string(object.at("name").get_string()),
                  std::string(object.at("type").get_string())};
      if (const auto* d = object.if_contains("description")) {
        field.description = std::string(d->get_string());
      }
      if (const auto* r = object.if_contains("required")) {
        field.required = r->get_bool();
      }
      if (std::any_of(config->fields.begin(), config->fields.end(),
                      [&](const Field& f) { return f.name == field.name; })) {
        reader.problem("fields",
                       "field " + std::to_string(i) + " repeats the name `" + field.name + "`");
        broken = true;
      }
      // OpenAI's strict mode needs every object's keys spelled out; free-form
      // arrays and objects fall back to best-effort JSON mode.
      config->task.strict = config->task.strict && field.type != "array" && field.type != "object";
      config->fields.push_back(std::move(field));
    }
    if (broken) {
      return nullptr;
    }
    config->task.system = system_prompt(config->fields);
    // Built from validated fields: cannot fail.
    auto schema = JsonSchema::compile(reply_schema(config->fields));
    config->task.reply_schema = std::move(schema).value();
    return config;
  }

  asio::awaitable<NodeResult> execute(NodeContext& context,
                                      const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const LlmExtractConfig&>(raw);
    const auto start = std::chrono::steady_clock::now();
    auto reply = co_await ask_llm_task(context, config.task);
    if (!reply) {
      co_return std::move(reply).error();
    }
    json::object output = extract_output(std::move(*reply), start);
    co_return NodeOutput{std::move(output), {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_llm_extract() {
  return std::make_unique<LlmExtract>();
}

}  // namespace weft::nodes
