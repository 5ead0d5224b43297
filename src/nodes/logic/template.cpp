// template: renders a text template.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct TemplateConfig final : pipeline::NodeConfig {
  expr::Template text;
};

class TemplateNode final : public NodeType {
 public:
  TemplateNode()
      : NodeType({.type = "template",
                  .category = Category::logic,
                  .title = "Template",
                  .description = "Builds a text from upstream outputs with {{ }} holes.",
                  .icon = "text",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["template"],
                    "properties": {"template": {"type": "string", "x-weft-widget": "template"}}})"),
                  .output_example = literal(R"({"text": "Dear Ada, …"})")}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto text = reader.text_template("template");
    if (!text) {
      return nullptr;
    }
    auto config = std::make_unique<TemplateConfig>();
    config->text = std::move(*text);
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    auto text = static_cast<const TemplateConfig&>(raw).text.render_text(context.scope());
    if (!text) {
      co_return std::move(text).error();
    }
    co_return NodeOutput{json::object{{"text", std::move(*text)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_template() {
  return std::make_unique<TemplateNode>();
}

}  // namespace weft::nodes
