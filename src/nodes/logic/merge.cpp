// merge: combines the outputs of every branch that ran into it.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

enum class MergeMode { all, append, first };

struct MergeConfig final : pipeline::NodeConfig {
  MergeMode mode = MergeMode::all;
};

class Merge final : public NodeType {
 public:
  Merge()
      : NodeType(
            {.type = "merge",
             .category = Category::logic,
             .title = "Merge",
             .description = "Waits for every incoming branch and combines their outputs.",
             .icon = "merge",
             .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {"mode": {"enum": ["all", "append", "first"], "default": "all"}}})"),
             .output_example = literal(R"({"json": {"a": {"text": "…"}, "b": {"text": "…"}}})")}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<MergeConfig>();
    const std::string mode = reader.string("mode").value_or("all");
    config->mode = mode == "append"  ? MergeMode::append
                   : mode == "first" ? MergeMode::first
                                     : MergeMode::all;
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& upstream = context.upstream();
    json::value merged;
    switch (static_cast<const MergeConfig&>(raw).mode) {
      case MergeMode::all: {
        json::object all;
        for (const auto& u : upstream) {
          all[u.node_id] = *u.output;
        }
        merged = std::move(all);
        break;
      }
      case MergeMode::append: {
        json::array list;
        for (const auto& u : upstream) {
          list.push_back(*u.output);
        }
        merged = std::move(list);
        break;
      }
      case MergeMode::first:
        merged = upstream.empty() ? json::value(nullptr) : *upstream.front().output;
        break;
    }
    co_return NodeOutput{json::object{{"json", std::move(merged)}}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_merge() {
  return std::make_unique<Merge>();
}

}  // namespace weft::nodes
