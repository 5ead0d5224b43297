// condition: takes the `true` or the `false` handle.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct ConditionConfig final : pipeline::NodeConfig {
  expr::Expression test;
};

class Condition final : public NodeType {
 public:
  Condition()
      : NodeType({.type = "condition",
                  .category = Category::logic,
                  .title = "Condition",
                  .description = "Continues on `true` or `false` depending on an expression.",
                  .icon = "git-branch",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["if"],
                    "properties": {"if": {"type": "string", "minLength": 1,
                                          "x-weft-widget": "template"}}})"),
                  .output_example = literal(R"({"value": true})"),
                  .output_handles = {{.name = "true"}, {.name = "false"}},
                  .chosen_handle = "/value"}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto test = reader.expression("if");
    if (!test) {
      return nullptr;
    }
    auto config = std::make_unique<ConditionConfig>();
    config->test = std::move(*test);
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    auto value = static_cast<const ConditionConfig&>(raw).test.evaluate(context.scope());
    if (!value) {
      co_return std::move(value).error();
    }
    const bool taken = expr::truthy(*value);
    co_return NodeOutput{json::object{{"value", taken}}, {taken ? "true" : "false"}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_condition() {
  return std::make_unique<Condition>();
}

}  // namespace weft::nodes
