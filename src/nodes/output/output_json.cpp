// output_json: one JSON value of the run's outputs.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct OutputJsonConfig final : pipeline::NodeConfig {
  std::string name;
  std::optional<expr::JsonTemplate> value;  // absent: the upstream output
};

class OutputJson final : public NodeType {
 public:
  OutputJson()
      : NodeType({.type = "output_json",
                  .category = Category::output,
                  .title = "JSON output",
                  .description = "Returns a JSON value as one of the run's outputs.",
                  .icon = "log-out",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "minLength": 1,
                               "description": "Output key; defaults to the node id"},
                      "value": {"x-weft-widget": "code",
                                "description": "Defaults to the upstream block's output"}}})"),
                  .output_example = literal(R"({"value": {}})")}) {}

  std::optional<std::string> output_name(const pipeline::NodeConfig& raw,
                                         std::string_view) const override {
    return static_cast<const OutputJsonConfig&>(raw).name;
  }

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<OutputJsonConfig>();
    config->name = reader.string("name").value_or(reader.node_id());
    if (reader.has("value")) {
      config->value = reader.json_template("value");
      if (!config->value) {
        return nullptr;
      }
    } else if (reader.connected() == 0) {
      // Nothing to return: the run would end with this output null.
      reader.problem("value",
                     "Value is empty and no block is connected into this one to give it; write "
                     "it, or connect the block whose output it should be");
      return nullptr;
    }
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const OutputJsonConfig&>(raw);
    if (!config.value) {
      co_return NodeOutput{json::object{{"value", upstream_value(context)}}, {}};
    }
    auto value = config.value->render(context.scope());
    if (!value) {
      co_return std::move(value).error();
    }
    co_return NodeOutput{json::object{{"value", std::move(*value)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_output_json() {
  return std::make_unique<OutputJson>();
}

}  // namespace weft::nodes
