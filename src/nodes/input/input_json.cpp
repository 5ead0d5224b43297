// input_json: one JSON value of the run's inputs, optionally checked by a schema.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct InputJsonConfig final : pipeline::NodeConfig {
  RunInput input;
  std::optional<JsonSchema> schema;
};

class InputJson final : public NodeType {
 public:
  InputJson()
      : NodeType({.type = "input_json",
                  .category = Category::input,
                  .title = "JSON input",
                  .description = "A JSON value the caller provides, checked against a schema.",
                  .icon = "braces",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                      "label": {"type": "string"},
                      "description": {"type": "string"},
                      "schema": {"type": "object", "x-weft-widget": "code"},
                      "required": {"type": "boolean", "default": true},
                      "default": {"x-weft-widget": "code"}
                    }})"),
                  .output_example = literal(R"({"json": {}})"),
                  .inputs = {},
                  .run_inputs = {{.name_at = "/name",
                                  .label_at = "/label",
                                  .description_at = "/description",
                                  .required_at = "/required",
                                  .default_at = "/default",
                                  .schema_at = "/schema"}}}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<InputJsonConfig>();
    config->input = run_inputs(reader.raw(), reader.node_id()).front();
    if (const auto& s = config->input.schema) {
      auto schema = JsonSchema::compile(*s);
      if (!schema) {
        reader.problem("schema", schema.error().message);
        return nullptr;
      }
      config->schema = std::move(schema).value();
    }
    return config;
  }

  Problems check_input(const pipeline::NodeConfig& raw, const json::object& inputs) const override {
    const auto& config = static_cast<const InputJsonConfig&>(raw);
    const RunInput& input = config.input;
    const std::string pointer = "/" + pointer_token(input.name);
    const json::value* given = inputs.if_contains(input.name);
    if (given == nullptr) {
      if (input.required && !input.default_value) {
        return {{pointer, "`" + input.name + "` is required"}};
      }
      return {};
    }
    return config.schema ? config.schema->validate(*given, pointer) : Problems{};
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const InputJsonConfig&>(raw);
    if (auto problems = check_input(raw, context.run_inputs()); !problems.empty()) {
      co_return node_error(ErrorCode::invalid_input,
                           problems.front().pointer + ": " + problems.front().message);
    }
    const json::value* given = context.run_inputs().if_contains(config.input.name);
    json::value value = given != nullptr ? *given : config.input.default_value.value_or(nullptr);
    co_return NodeOutput{json::object{{"json", std::move(value)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_input_json() {
  return std::make_unique<InputJson>();
}

}  // namespace weft::nodes
