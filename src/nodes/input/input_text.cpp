// input_text: one text field of the run's inputs.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct InputTextConfig final : pipeline::NodeConfig {
  RunInput input;
  std::optional<std::string> default_value;
};

class InputText final : public NodeType {
 public:
  InputText()
      : NodeType({.type = "input_text",
                  .category = Category::input,
                  .title = "Text input",
                  .description = "A text the caller provides when the pipeline runs.",
                  .icon = "type",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$",
                               "description": "Input field name; defaults to the node id"},
                      "label": {"type": "string"},
                      "description": {"type": "string"},
                      "required": {"type": "boolean", "default": true},
                      "default": {"type": "string"},
                      "multiline": {"type": "boolean", "default": false}
                    }})"),
                  .output_example = literal(R"({"text": "Hello"})"),
                  .inputs = {},
                  .run_inputs = {{.type = "string",
                                  .name_at = "/name",
                                  .label_at = "/label",
                                  .description_at = "/description",
                                  .required_at = "/required",
                                  .default_at = "/default",
                                  .multiline_at = "/multiline"}}}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<InputTextConfig>();
    config->input = run_inputs(reader.raw(), reader.node_id()).front();
    if (const auto& d = config->input.default_value; d && d->is_string()) {
      config->default_value = std::string(d->get_string());
    }
    return config;
  }

  Problems check_input(const pipeline::NodeConfig& raw, const json::object& inputs) const override {
    const auto& config = static_cast<const InputTextConfig&>(raw);
    const RunInput& input = config.input;
    const json::value* given = inputs.if_contains(input.name);
    if (given == nullptr || given->is_null()) {
      if (input.required && !config.default_value) {
        return {{"/" + pointer_token(input.name),
                 "`" + input.name + "` (" + input.label + ") is required"}};
      }
      return {};
    }
    if (!given->is_string()) {
      return {{"/" + pointer_token(input.name),
               "`" + input.name + "` must be text, not " + std::string(kind_name(*given))}};
    }
    return {};
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const InputTextConfig&>(raw);
    if (auto problems = check_input(raw, context.run_inputs()); !problems.empty()) {
      co_return node_error(ErrorCode::invalid_input, problems.front().message);
    }
    const json::value* given = context.run_inputs().if_contains(config.input.name);
    std::string text = given != nullptr && given->is_string() ? std::string(given->get_string())
                                                              : config.default_value.value_or("");
    co_return NodeOutput{json::object{{"text", std::move(text)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_input_text() {
  return std::make_unique<InputText>();
}

}  // namespace weft::nodes
