// http_request: calls an HTTP API through the shared, guarded client.
#include <algorithm>
#include <boost/algorithm/string/predicate.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "integrations/http_client.hpp"
#include "nodes/node_support.hpp"

namespace weft::nodes {
namespace {

constexpr std::size_t kErrorBodyExcerpt = 300;

enum class BodyType { json, text, form };

struct HttpRequestConfig final : pipeline::NodeConfig {
  std::string method = "GET";
  expr::Template url;
  std::optional<expr::JsonTemplate> headers;
  std::optional<expr::JsonTemplate> query;
  std::optional<expr::JsonTemplate> body;
  BodyType body_type = BodyType::json;
  std::chrono::milliseconds timeout{30'000};
  std::string credential;  ///< id of a credential that signs the request; "" for none
};

std::string scalar_text(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : v.is_null() ? "" : to_json_string(v);
}

// 408, 425, 429 and 5xx are worth another attempt; other statuses are not.
bool retryable_status(int status) {
  return status == 408 || status == 425 || status == 429 || status >= 500;
}

json::value response_body(const integrations::HttpResponse& response) {
  if (response.header("content-type").find("json") != std::string_view::npos) {
    // parse_json refuses a number out of range (1e999), which could not be stored.
    auto parsed = parse_json(response.body, {.max_bytes = response.body.size()});
    if (parsed) {
      return std::move(*parsed);
    }
  }
  return json::string(response.body);
}

class HttpRequestNode final : public NodeType {
 public:
  HttpRequestNode()
      : NodeType(
            {.type = "http_request",
             .category = Category::integration,
             .title = "HTTP request",
             .description = "Calls a web API. Private and local addresses are refused "
                            "unless WEFT_ALLOW_NETWORKS admits them.",
             .icon = "globe",
             .config_schema = literal(R"({
                    "type": "object", "additionalProperties": false, "required": ["url"],
                    "properties": {
                      "method": {"enum": ["GET", "POST", "PUT", "PATCH", "DELETE"], "default": "GET"},
                      "url": {"type": "string", "minLength": 1, "x-weft-widget": "template"},
                      "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                      "query": {"type": "object",
                                "additionalProperties": {"type": ["string", "number", "boolean"]}},
                      "body": {"x-weft-widget": "code"},
                      "body_type": {"enum": ["json", "text", "form"], "default": "json"},
                      "timeout_ms": {"type": "integer", "minimum": 1, "maximum": 600000,
                                     "default": 30000},
                      "credential": {"type": "string", "x-weft-widget": "credential",
                                     "description": "Signs the request: an API key, bearer token, basic auth, OAuth2 token or custom headers"}
                    }})"),
             .output_example = literal(
                 R"({"status": 200, "headers": {"content-type": "application/json"}, "body": {}})")}) {
  }

  std::unique_ptr<const pipeline::NodeConfig> compile_config(
      pipeline::ConfigReader& reader) const override {
    auto config = std::make_unique<HttpRequestConfig>();
    config->method = reader.string("method").value_or("GET");
    auto url = reader.text_template("url");
    config->headers = reader.json_template("headers");
    config->query = reader.json_template("query");
    config->body = reader.json_template("body");
    const std::string body_type = reader.string("body_type").value_or("json");
    config->body_type = body_type == "text"   ? BodyType::text
                        : body_type == "form" ? BodyType::form
                                              : BodyType::json;
    config->timeout = std::chrono::milliseconds(reader.integer("timeout_ms").value_or(30'000));
    config->credential = reader.string("credential").value_or("");
    const bool broken = (reader.has("headers") && !config->headers) ||
                        (reader.has("query") && !config->query) ||
                        (reader.has("body") && !config->body);
    if (!url || broken) {
      return nullptr;
    }
    config->url = std::move(*url);
    return config;
  }

  boost::asio::awaitable<NodeResult> execute(NodeContext& context,
                                             const pipeline::NodeConfig& raw) const override {
    const auto& config = static_cast<const HttpRequestConfig&>(raw);
    auto request = build_request(config, context.scope());
    if (!request) {
      co_return std::move(request).error();
    }
    if (auto signed_request = sign(context, config.credential, *request); !signed_request) {
      co_return std::move(signed_request).error();
    }
    // The same for a run resumed after a crash: a server that honours the key
    // does not act twice (DESIGN §5). One the user set wins.
    const bool keyed = std::any_of(request->headers.begin(), request->headers.end(), [](auto& h) {
      return boost::algorithm::iequals(h.first, "idempotency-key");
    });
    if (!keyed) {
      request->headers.emplace_back("Idempotency-Key", context.idempotency_key());
    }
    context.log(LogLevel::info, request->method + " " + request->url);
    auto response = co_await context.http().send(std::move(*request));
    if (!response) {
      co_return std::move(response).error();
    }
    if (response->status >= 400) {
      co_return node_error(ErrorCode::http_status,
                           config.method + " " + response->url + " answered " +
                               std::to_string(response->status) + ": " +
                               response->body.substr(0, kErrorBodyExcerpt),
                           retryable_status(response->status));
    }
    json::object headers;
    for (const auto& [name, value] : response->headers) {
      headers[name] = value;
    }
    co_return NodeOutput{json::object{{"status", response->status},
                                      {"headers", std::move(headers)},
                                      {"body", response_body(*response)}},
                         {}};
  }

 private:
  static Result<integrations::HttpRequest> build_request(const HttpRequestConfig& config,
                                                         const expr::Scope& scope) {
    integrations::HttpRequest request;
    request.method = config.method;
    request.timeout = config.timeout;
    auto url_text = config.url.render_text(scope);
    if (!url_text) {
      return std::move(url_text).error();
    }
    auto parsed = boost::urls::parse_uri(*url_text);
    if (!parsed) {
      return node_error(ErrorCode::invalid_config,
                        "`" + *url_text + "` is not a valid URL: " + parsed.error().message());
    }
    boost::urls::url url(*parsed);
    if (auto status = add_query(config, scope, url); !status) {
      return std::move(status).error();
    }
    request.url = std::string(url.buffer());
    if (config.headers) {
      auto headers = config.headers->render(scope);
      if (!headers) {
        return std::move(headers).error();
      }
      for (const auto& [name, value] : headers->as_object()) {
        request.headers.emplace_back(name, scalar_text(value));
      }
    }
    if (auto status = add_body(config, scope, request); !status) {
      return std::move(status).error();
    }
    return request;
  }

  /// Adds the credential's headers, replacing any of the same name.
  static Status sign(NodeContext& context, const std::string& credential_id,
                     integrations::HttpRequest& request) {
    if (credential_id.empty()) {
      return Ok{};
    }
    auto credential = context.credential(credential_id);
    if (!credential) {
      return std::move(credential).error();
    }
    auto headers = credential_headers(*credential);
    if (!headers) {
      return std::move(headers).error();
    }
    for (auto& header : *headers) {
      std::erase_if(request.headers, [&header](const auto& h) {
        return boost::algorithm::iequals(h.first, header.first);
      });
      request.headers.push_back(std::move(header));
    }
    return Ok{};
  }

  static Status add_query(const HttpRequestConfig& config, const expr::Scope& scope,
                          boost::urls::url& url) {
    if (!config.query) {
      return Ok{};
    }
    auto query = config.query->render(scope);
    if (!query) {
      return std::move(query).error();
    }
    for (const auto& [name, value] : query->as_object()) {
      url.params().append({name, scalar_text(value)});
    }
    return Ok{};
  }

  static Status add_body(const HttpRequestConfig& config, const expr::Scope& scope,
                         integrations::HttpRequest& request) {
    if (!config.body) {
      return Ok{};
    }
    auto body = config.body->render(scope);
    if (!body) {
      return std::move(body).error();
    }
    std::string content_type;
    switch (config.body_type) {
      case BodyType::json:
        request.body = to_json_string(*body);
        content_type = "application/json";
        break;
      case BodyType::text:
        request.body = scalar_text(*body);
        content_type = "text/plain; charset=utf-8";
        break;
      case BodyType::form: {
        if (!body->is_object()) {
          return node_error(ErrorCode::invalid_config, "a form body must be an object of fields");
        }
        boost::urls::url form;
        for (const auto& [name, value] : body->get_object()) {
          form.params().append({name, scalar_text(value)});
        }
        request.body = std::string(form.encoded_query());
        content_type = "application/x-www-form-urlencoded";
        break;
      }
    }
    const bool has_type = std::any_of(request.headers.begin(), request.headers.end(), [](auto& h) {
      return boost::algorithm::iequals(h.first, "content-type");
    });
    if (!has_type) {
      request.headers.emplace_back("Content-Type", content_type);
    }
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<NodeType> make_http_request() {
  return std::make_unique<HttpRequestNode>();
}

}  // namespace weft::nodes
