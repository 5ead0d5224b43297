// switch: takes the handle of the first case equal to a value, else `default`.
#include <algorithm>

#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct Case {
  std::string name;
  json::value equals;
};

struct SwitchConfig final : pipeline::NodeConfig {
  expr::Expression value;
  std::vector<Case> cases;
};

// Equality as users expect it: 1 equals 1.0.
bool same(const json::value& a, const json::value& b) {
  if (a.is_number() && b.is_number()) {
    return a.to_number<double>() == b.to_number<double>();
  }
  return a == b;
}

class Switch final : public NodeType {
 public:
  Switch()
      : NodeType({.type = "switch",
                  .category = Category::logic,
                  .title = "Switch",
                  .description = "Routes to the case whose value matches, or to `default`.",
                  .icon = "split",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["value", "cases"],
                    "properties": {
                      "value": {"type": "string", "minLength": 1, "x-weft-widget": "template"},
                      "cases": {"type": "array", "maxItems": 64, "items": {
                        "type": "object", "additionalProperties": false, "required": ["name", "equals"],
                        "properties": {"name": {"type": "string", "pattern": "^[A-Za-z0-9_-]+$"},
                                       "equals": {}}}}}})"),
                  .output_example = literal(R"({"case": "billing"})"),
                  .output_handles = {{.each = "/cases", .name_at = "/name"}, {.name = "default"}},
                  .chosen_handle = "/case"}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto value = reader.expression("value");
    auto config = std::make_unique<SwitchConfig>();
    const auto& cases = reader.value("cases")->get_array();
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const auto& object = cases[i].get_object();
      Case c{std::string(object.at("name").get_string()), object.at("equals")};
      if (c.name == "default" || std::any_of(config->cases.begin(), config->cases.end(),
                                             [&](const Case& o) { return o.name == c.name; })) {
        reader.problem("cases",
                       "case " + std::to_string(i) + " repeats the handle name `" + c.name + "`");
      }
      config->cases.push_back(std::move(c));
    }
    if (!value) {
      return nullptr;
    }
    config->value = std::move(*value);
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const SwitchConfig&>(raw);
    auto value = config.value.evaluate(context.scope());
    if (!value) {
      co_return std::move(value).error();
    }
    std::string chosen = "default";
    for (const auto& c : config.cases) {
      if (same(*value, c.equals)) {
        chosen = c.name;
        break;
      }
    }
    co_return NodeOutput{json::object{{"case", chosen}}, {chosen}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_switch() {
  return std::make_unique<Switch>();
}

}  // namespace weft::nodes
