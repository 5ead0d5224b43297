// The OpenAPI document lists exactly the routes the server serves, and says
// what each route takes and answers as precisely as the server checks it
// (scripts/schemathesis holds the server to it from the outside).
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <map>
#include <set>

#include "api/api.hpp"
#include "api/auth_gate.hpp"
#include "integrations/http_client.hpp"
#include "nodes/registry.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::api {
namespace {

std::string lower(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string upper(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

const json::object& document() {
  static const json::value doc = openapi_document();
  return doc.as_object();
}

const json::object& operation(std::string_view method, std::string_view path) {
  return document().at("paths").at(path).at(method).as_object();
}

/// The parameter `name` of an operation (in path, query or header).
const json::object* parameter(const json::object& op, std::string_view name) {
  if (!op.contains("parameters")) {
    return nullptr;
  }
  for (const auto& p : op.at("parameters").as_array()) {
    if (p.at("name").as_string() == name) {
      return &p.as_object();
    }
  }
  return nullptr;
}

/// Calls `f(method, path, operation)` for every documented operation.
template <class F>
void each_operation(F f) {
  for (const auto& [path, item] : document().at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      f(std::string(method), std::string(path), op.as_object());
    }
  }
}

TEST(OpenApi, PathsEqualTheRoutersRoutes) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("weft-openapi-" + std::to_string(::getpid()));
  auto store = store::open_sqlite_store(dir.string());
  ASSERT_TRUE(store.ok()) << store.error().message;
  const nodes::Registry registry = nodes::make_core_registry();
  auto http = integrations::make_http_client(integrations::AddressGuard{});
  const engine::Engine engine({.http = http.get()});
  boost::asio::io_context context;
  Metrics metrics;
  runs::PipelineCache cache(registry);
  runs::RunManager runs(context, engine, **store, metrics);
  ApiContext api{**store, runs, cache, registry, metrics, ServerLimits{}};
  Router router;
  add_routes(router, api);

  std::set<std::string> served;
  for (const auto& route : router.routes()) {
    served.insert(lower(route.method) + " " + route.pattern);
  }
  std::set<std::string> documented;
  each_operation([&](const std::string& method, const std::string& path, const json::object&) {
    documented.insert(method + " " + path);
  });
  EXPECT_EQ(served, documented);
  EXPECT_EQ(document().at("openapi"), "3.1.0");
  // The longest wait a run request may ask for is the server's.
  const auto& timeout = parameter(operation("post", "/api/pipelines/{id}/run"), "timeout_ms");
  ASSERT_NE(timeout, nullptr);
  EXPECT_EQ(timeout->at("schema").at("maximum"), api.max_wait.count());
  std::filesystem::remove_all(dir);
}

// A `default` answer would let any status pass as documented.
TEST(OpenApi, EveryStatusIsListedAndEveryErrorIsAnError) {
  each_operation([](const std::string& method, const std::string& path, const json::object& op) {
    const auto& responses = op.at("responses").as_object();
    EXPECT_FALSE(responses.contains("default")) << method << " " << path;
    for (const auto& [status, response] : responses) {
      if (status.front() == '4' || status.front() == '5') {
        EXPECT_EQ(response.at("content").at("application/json").at("schema").at("$ref"),
                  "#/components/schemas/Error")
            << method << " " << path << " " << status;
      }
    }
    if (!is_public_route(upper(method), path)) {
      for (const char* status : {"401", "403", "429", "503"}) {
        EXPECT_TRUE(responses.contains(status)) << method << " " << path << " " << status;
      }
    }
    if (op.contains("requestBody")) {
      EXPECT_TRUE(responses.contains("400") && responses.contains("413")) << method << " " << path;
    }
    if (path.find('{') != std::string::npos) {
      EXPECT_TRUE(responses.contains("404")) << method << " " << path;
    }
    if (responses.contains("429")) {
      EXPECT_EQ(responses.at("429").at("headers").at("Retry-After").at("required"), true);
    }
  });
}

TEST(OpenApi, BodiesAreRequiredWhereTheServerRequiresThem) {
  const std::set<std::string> optional = {"post /api/pipelines/{id}/validate",
                                          "post /api/pipelines/{id}/run",
                                          "post /api/pipelines/{id}/test-run",
                                          "post /hooks/{token}",
                                          "put /hooks/{token}",
                                          "patch /hooks/{token}"};
  each_operation([&](const std::string& method, const std::string& path, const json::object& op) {
    if (op.contains("requestBody")) {
      EXPECT_EQ(op.at("requestBody").at("required"), !optional.contains(method + " " + path))
          << method << " " << path;
    }
  });
  EXPECT_EQ(operation("post", "/api/pipelines/validate").at("requestBody").at("required"), true);
}

TEST(OpenApi, SaysWhatTheServerChecks) {
  const auto& schemas = document().at("components").at("schemas").as_object();
  const json::array roles{"owner", "admin", "editor", "viewer"};
  EXPECT_EQ(schemas.at("Role").at("enum"), roles);
  EXPECT_EQ(schemas.at("ApiKeyScope").at("enum"), (json::array{"run", "full"}));
  EXPECT_EQ(schemas.at("RunStatus").at("enum").as_array().size(), 6U);
  EXPECT_EQ(schemas.at("TestRun").at("additionalProperties"), false);
  EXPECT_EQ(schemas.at("PipelineId").at("pattern"), "^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$");
  // One alternative per credential kind, each with the kind's own data schema.
  EXPECT_EQ(schemas.at("NewCredential").at("oneOf").as_array().size(), 7U);

  const auto& list = operation("get", "/api/executions");
  EXPECT_EQ(parameter(list, "status")->at("schema").at("$ref"), "#/components/schemas/RunStatus");
  EXPECT_EQ(parameter(list, "limit")->at("schema").at("minimum"), 1);
  EXPECT_EQ(parameter(list, "limit")->at("schema").at("maximum"), 200);
  const auto& timeout = parameter(operation("post", "/api/pipelines/{id}/run"), "timeout_ms");
  EXPECT_EQ(timeout->at("schema").at("minimum"), 1);
  EXPECT_EQ(timeout->at("schema").at("maximum"), 30'000);

  const auto* if_match = parameter(operation("put", "/api/pipelines/{id}"), "If-Match");
  ASSERT_NE(if_match, nullptr);
  EXPECT_EQ(if_match->at("in"), "header");
  EXPECT_TRUE(operation("get", "/api/ws").at("responses").as_object().contains("426"));
  EXPECT_TRUE(
      operation("post", "/api/pipelines/{id}/run").at("responses").as_object().contains("422"));
  EXPECT_TRUE(operation("get", "/api/settings/providers/{name}/models")
                  .at("responses")
                  .as_object()
                  .contains("504"));
}

/// Every key of `item` is a property of `schema`, and every required one is there.
void expect_described(const json::object& item, const json::object& schema,
                      const std::string& where) {
  const auto& properties = schema.at("properties").as_object();
  for (const auto& [key, value] : item) {
    EXPECT_TRUE(properties.contains(key)) << where << ": `" << key << "` is not documented";
  }
  if (const auto* required = schema.if_contains("required")) {
    for (const auto& key : required->as_array()) {
      EXPECT_TRUE(item.contains(key.as_string())) << where << ": no `" << key.as_string() << "`";
    }
  }
}

TEST(OpenApi, DescribesEveryFieldOfTheNodeTypeCatalogue) {
  const auto& schemas = document().at("components").at("schemas").as_object();
  for (const auto& item : nodes::make_core_registry().catalogue()) {
    const auto& type = item.as_object();
    const std::string name(type.at("type").as_string());
    expect_described(type, schemas.at("NodeType").as_object(), name);
    for (const auto& rule : type.at("output_handles").as_array()) {
      expect_described(rule.as_object(), schemas.at("HandleRule").as_object(), name);
    }
    for (const auto& rule : type.at("run_inputs").as_array()) {
      expect_described(rule.as_object(), schemas.at("RunInputRule").as_object(), name);
    }
  }
}

void collect_refs(const json::value& value, std::set<std::string>& out) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.as_object()) {
      if (key == "$ref") {
        out.insert(std::string(item.as_string()));
      }
      collect_refs(item, out);
    }
  } else if (value.is_array()) {
    for (const auto& item : value.as_array()) {
      collect_refs(item, out);
    }
  }
}

TEST(OpenApi, EveryReferenceAndLinkLeadsSomewhere) {
  std::set<std::string> refs;
  collect_refs(document(), refs);
  const auto& schemas = document().at("components").at("schemas").as_object();
  for (const auto& ref : refs) {
    constexpr std::string_view kPrefix = "#/components/schemas/";
    ASSERT_TRUE(std::string_view(ref).starts_with(kPrefix)) << ref;
    EXPECT_TRUE(schemas.contains(ref.substr(kPrefix.size()))) << ref;
  }
  std::map<std::string, const json::object*> by_id;
  each_operation([&](const std::string&, const std::string&, const json::object& op) {
    by_id[std::string(op.at("operationId").as_string())] = &op;
  });
  std::size_t links = 0;
  each_operation([&](const std::string& method, const std::string& path, const json::object& op) {
    for (const auto& [status, response] : op.at("responses").as_object()) {
      if (!response.as_object().contains("links")) {
        continue;
      }
      for (const auto& [name, link] : response.at("links").as_object()) {
        ++links;
        const auto target = by_id.find(std::string(link.at("operationId").as_string()));
        ASSERT_NE(target, by_id.end()) << method << " " << path << " " << name;
        for (const auto& [param, expression] : link.at("parameters").as_object()) {
          // "header.If-Match" names a parameter by where it goes and its name.
          const std::string_view qualified = param;
          const auto dot = qualified.find('.');
          const auto* found = parameter(*target->second, qualified.substr(dot + 1));
          ASSERT_NE(found, nullptr) << name << " " << param;
          if (dot != std::string_view::npos) {
            EXPECT_EQ(found->at("in").as_string(), qualified.substr(0, dot))
                << name << " " << param;
          }
          EXPECT_NE(expression.as_string().find("$re"), json::string::npos) << name << " " << param;
        }
      }
    }
  });
  EXPECT_GT(links, 25U);  // create → read/update/delete for each resource
}

}  // namespace
}  // namespace weft::api
