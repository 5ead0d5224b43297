// delay: waits, without holding a thread; cancellation ends the wait at once.
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct DelayConfig final : pipeline::NodeConfig {
  std::chrono::milliseconds ms{0};
};

class Delay final : public NodeType {
 public:
  Delay()
      : NodeType({.type = "delay",
                  .category = Category::logic,
                  .title = "Delay",
                  .description = "Waits for a number of milliseconds.",
                  .icon = "clock",
                  .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["ms"],
                    "properties": {"ms": {"type": "integer", "minimum": 0, "maximum": 86400000}}})"),
                  .output_example = literal(R"({})")}) {}

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<DelayConfig>();
    config->ms = std::chrono::milliseconds(reader.integer("ms").value_or(0));
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext&,
                                             const pipeline::NodeConfig& raw) const override {
    boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor);
    timer.expires_after(static_cast<const DelayConfig&>(raw).ms);
    boost::system::error_code ec;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    if (ec) {
      co_return node_error(ErrorCode::cancelled, "the wait was cancelled");
    }
    co_return NodeOutput{json::object{}, {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_delay() {
  return std::make_unique<Delay>();
}

}  // namespace weft::nodes
