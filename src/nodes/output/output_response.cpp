// output_response: shapes the HTTP answer of `POST /api/pipelines/{id}/run`
// (wait=true) and of webhooks that answer when the run finishes: status,
// headers and body from templates. It is also one of the run's outputs.
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

struct OutputResponseConfig final : pipeline::NodeConfig {
  std::string name;
  std::optional<expr::Template> status;  // absent: 200
  std::optional<expr::JsonTemplate> headers;
  std::optional<expr::JsonTemplate> body;  // absent: the upstream output
  bool text = false;                       // body_type "text"
};

class OutputResponse final : public NodeType {
 public:
  OutputResponse()
      : NodeType(
            {.type = "output_response",
             .category = Category::output,
             .title = "API response",
             .description = "Shapes the answer of the pipeline's API call or webhook: "
                            "status, headers and body.",
             .icon = "reply",
             .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false,
                    "properties": {
                      "name": {"type": "string", "minLength": 1,
                               "description": "Output key; defaults to the node id"},
                      "status": {"type": "string", "x-weft-widget": "template", "default": "200",
                                 "description": "HTTP status, 200–599; a template"},
                      "headers": {"type": "object", "additionalProperties": {"type": "string"},
                                  "description": "Response headers; each value a template"},
                      "body_type": {"enum": ["json", "text"], "default": "json"},
                      "body": {"x-weft-widget": "code",
                               "description": "Defaults to the upstream block's output"}}})"),
             .output_example = literal(
                 R"({"value": {"status": 200, "headers": {}, "content_type": "application/json", "body": {}}})"),
             .shapes_response = true}) {}

  std::optional<std::string> output_name(const pipeline::NodeConfig& raw,
                                         std::string_view) const override {
    return static_cast<const OutputResponseConfig&>(raw).name;
  }

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<OutputResponseConfig>();
    config->name = reader.string("name").value_or(reader.node_id());
    config->text = reader.string("body_type").value_or("json") == "text";
    if (reader.has("status")) {
      config->status = reader.text_template("status");
    }
    if (reader.has("headers")) {
      config->headers = reader.json_template("headers");
    }
    if (reader.has("body")) {
      config->body = reader.json_template("body");
    } else if (reader.connected() == 0) {
      reader.problem("body",
                     "Body is empty and no block is connected into this one to give it; write "
                     "it, or connect the block whose output it should be");
      return nullptr;
    }
    const bool broken = (reader.has("status") && !config->status) ||
                        (reader.has("headers") && !config->headers) ||
                        (reader.has("body") && !config->body);
    return broken ? nullptr : std::move(config);
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const OutputResponseConfig&>(raw);
    std::int64_t status = 200;
    if (config.status) {
      auto text = config.status->render_text(context.scope());
      if (!text) {
        co_return std::move(text).error();
      }
      char* end = nullptr;
      status = std::strtoll(text->c_str(), &end, 10);
      if (text->empty() || *end != '\0' || status < 200 || status > 599) {
        co_return node_error(ErrorCode::invalid_config,
                             "Status must be an HTTP status from 200 to 599, not `" + *text + "`");
      }
    }
    json::object headers;
    if (config.headers) {
      auto rendered = config.headers->render(context.scope());
      if (!rendered) {
        co_return std::move(rendered).error();
      }
      for (const auto& [name, value] : rendered->as_object()) {
        headers[name] = text_of(value);
      }
    }
    json::value body = upstream_value(context);
    if (config.body) {
      auto rendered = config.body->render(context.scope());
      if (!rendered) {
        co_return std::move(rendered).error();
      }
      body = std::move(*rendered);
    }
    if (config.text) {
      body = text_of(body);
    }
    co_return NodeOutput{
        json::object{
            {"value", json::object{{"status", status},
                                   {"headers", std::move(headers)},
                                   {"content_type",
                                    config.text ? "text/plain; charset=utf-8" : "application/json"},
                                   {"body", std::move(body)}}}},
        {}};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_output_response() {
  return std::make_unique<OutputResponse>();
}

}  // namespace weft::nodes
