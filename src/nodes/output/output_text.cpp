// output_text: one text of the run's outputs.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct OutputTextConfig final : pipeline::NodeConfig {
  std::string name;
  std::optional<expr::Template> text;  // absent: the upstream text
};

class OutputText final : public NodeType {
 public:
  OutputText()
      : NodeType({.type = "output_text",
                  .category = Category::output,
                  .title = "Text output",
                  .description = "Returns a text as one of the run's outputs.",
                  .icon = "file-text",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "minLength": 1,
                               "description": "Output key; defaults to the node id"},
                      "text": {"type": "string", "x-weft-widget": "template",
                               "description": "Defaults to the upstream block's text"}}})"),
                  .output_example = literal(R"({"value": "…"})")}) {}

  std::optional<std::string> output_name(const pipeline::NodeConfig& raw,
                                         std::string_view) const override {
    return static_cast<const OutputTextConfig&>(raw).name;
  }

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<OutputTextConfig>();
    config->name = reader.string("name").value_or(reader.node_id());
    if (!read_text_or_upstream(reader, "text", "Text", Fallback::any, config->text)) {
      return nullptr;
    }
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const OutputTextConfig&>(raw);
    if (!config.text) {
      co_return NodeOutput{json::object{{"value", text_of(upstream_value(context))}}, {}};
    }
    auto text = config.text->render_text(context.scope());
    if (!text) {
      co_return std::move(text).error();
    }
    co_return NodeOutput{json::object{{"value", std::move(*text)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_output_text() {
  return std::make_unique<OutputText>();
}

}  // namespace weft::nodes
