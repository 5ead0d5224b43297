// loop: runs an inline body once per item, a few at a time, results in order.
#include <algorithm>

#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

constexpr int kMaxConcurrency = 64;
constexpr std::size_t kMaxItems = 100'000;

struct LoopConfig final : pipeline::NodeConfig {
  expr::Expression items;
  int concurrency = 4;
  std::shared_ptr<const pipeline::CompiledGraph> body;
};

class Loop final : public NodeType {
 public:
  Loop()
      : NodeType({.type = "loop",
                  .category = Category::logic,
                  .title = "Loop",
                  .description = "Runs its inner blocks once per item of a list; "
                                 "`item` and `index` name the current one.",
                  .icon = "repeat",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["items", "body"],
                    "properties": {
                      "items": {"type": "string", "minLength": 1, "x-weft-widget": "template"},
                      "concurrency": {"type": "integer", "minimum": 1, "maximum": 64, "default": 4},
                      "body": {"type": "object", "required": ["nodes", "edges"],
                               "properties": {"nodes": {"type": "array"}, "edges": {"type": "array"}}}
                    }})"),
                  .output_example = literal(R"({"results": [{"out": {"text": "…"}}]})")}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<LoopConfig>();
    auto items = reader.expression("items");
    config->concurrency = static_cast<int>(reader.integer("concurrency").value_or(4));
    config->body = reader.subgraph("body");
    if (!items || !config->body) {
      return nullptr;
    }
    config->items = std::move(*items);
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const LoopConfig&>(raw);
    auto items = config.items.evaluate(context.scope());
    if (!items) {
      co_return std::move(items).error();
    }
    if (!items->is_array()) {
      co_return node_error(ErrorCode::invalid_config, "`items` must give a list, but `" +
                                                          config.items.source() + "` gave " +
                                                          std::string(kind_name(*items)));
    }
    if (items->get_array().size() > kMaxItems) {
      co_return node_error(ErrorCode::limit_exceeded,
                           "a loop takes at most " + std::to_string(kMaxItems) + " items; got " +
                               std::to_string(items->get_array().size()));
    }
    context.log(LogLevel::info, "looping over " + std::to_string(items->get_array().size()) +
                                    " items, " + std::to_string(config.concurrency) + " at a time");
    auto results = co_await context.run_each(*config.body, items->get_array(),
                                             std::clamp(config.concurrency, 1, kMaxConcurrency));
    if (!results) {
      co_return std::move(results).error();
    }
    co_return NodeOutput{json::object{{"results", std::move(*results)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_loop() {
  return std::make_unique<Loop>();
}

}  // namespace weft::nodes
