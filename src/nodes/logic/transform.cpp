// transform: builds a JSON value whose strings are templates.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct TransformConfig final : pipeline::NodeConfig {
  expr::JsonTemplate value;
};

class Transform final : public NodeType {
 public:
  Transform()
      : NodeType({.type = "transform",
                  .category = Category::logic,
                  .title = "Transform",
                  .description = "Builds JSON from upstream outputs; every string is a template.",
                  .icon = "shuffle",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["value"],
                    "properties": {"value": {"x-weft-widget": "code"}}})"),
                  .output_example = literal(R"({"json": {"name": "Ada"}})")}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto value = reader.json_template("value");
    if (!value) {
      return nullptr;
    }
    auto config = std::make_unique<TransformConfig>();
    config->value = std::move(*value);
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    auto value = static_cast<const TransformConfig&>(raw).value.render(context.scope());
    if (!value) {
      co_return std::move(value).error();
    }
    co_return NodeOutput{json::object{{"json", std::move(*value)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_transform() {
  return std::make_unique<Transform>();
}

}  // namespace weft::nodes
