// input_variables: several typed, named inputs in one block.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct InputVariablesConfig final : pipeline::NodeConfig {
  std::vector<RunInput> variables;  ///< types: string, number, integer, boolean, object, array
};

bool has_type(const json::value& v, std::string_view type) {
  if (type == "string")
    return v.is_string();
  if (type == "number")
    return v.is_number();
  if (type == "integer")
    return v.is_int64() || v.is_uint64();
  if (type == "boolean")
    return v.is_bool();
  if (type == "object")
    return v.is_object();
  if (type == "array")
    return v.is_array();
  return true;
}

class InputVariables final : public NodeType {
 public:
  InputVariables()
      : NodeType({.type = "input_variables",
                  .category = Category::input,
                  .title = "Variables",
                  .description = "Several named, typed inputs with defaults.",
                  .icon = "list",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["variables"],
                    "properties": {"variables": {"type": "array", "maxItems": 100, "items": {
                      "type": "object", "additionalProperties": false, "required": ["name"],
                      "properties": {
                        "name": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"},
                        "type": {"enum": ["string", "number", "integer", "boolean", "object", "array"],
                                 "default": "string"},
                        "default": {},
                        "required": {"type": "boolean", "default": true},
                        "description": {"type": "string"}
                      }}}}})"),
                  .output_example = literal(R"({"topic": "cats", "count": 3})"),
                  .inputs = {},
                  .run_inputs = {{.each = "/variables",
                                  .type = "string",
                                  .name_at = "/name",
                                  .description_at = "/description",
                                  .type_at = "/type",
                                  .required_at = "/required",
                                  .default_at = "/default"}}}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<InputVariablesConfig>();
    config->variables = run_inputs(reader.raw(), reader.node_id());
    return config;
  }

  Problems check_input(const pipeline::NodeConfig& raw, const json::object& inputs) const override {
    Problems problems;
    for (const auto& v : static_cast<const InputVariablesConfig&>(raw).variables) {
      const json::value* given = inputs.if_contains(v.name);
      const std::string pointer = "/" + pointer_token(v.name);
      if (given == nullptr) {
        if (v.required && !v.default_value) {
          problems.push_back({pointer, "`" + v.name + "` is required"});
        }
      } else if (!has_type(*given, v.type)) {
        problems.push_back({pointer, "`" + v.name + "` must be of type " + v.type + ", not " +
                                         std::string(kind_name(*given))});
      }
    }
    return problems;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    if (auto problems = check_input(raw, context.run_inputs()); !problems.empty()) {
      co_return node_error(ErrorCode::invalid_input, problems.front().message);
    }
    json::object out;
    for (const auto& v : static_cast<const InputVariablesConfig&>(raw).variables) {
      const json::value* given = context.run_inputs().if_contains(v.name);
      out[v.name] = given != nullptr ? *given : v.default_value.value_or(nullptr);
    }
    co_return NodeOutput{std::move(out), {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_input_variables() {
  return std::make_unique<InputVariables>();
}

}  // namespace weft::nodes
