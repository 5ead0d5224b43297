// The OpenAPI document lists exactly the routes the server serves.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <set>

#include "api/api.hpp"
#include "integrations/http_client.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::api {
namespace {

std::string lower(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

TEST(OpenApi, PathsEqualTheRoutersRoutes) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("weft-openapi-" + std::to_string(::getpid()));
  auto store = store::open_sqlite_store(dir.string());
  ASSERT_TRUE(store.ok()) << store.error().message;
  const nodes::Registry registry = nodes::make_core_registry();
  auto http = integrations::make_http_client(integrations::AddressGuard{});
  const engine::Engine engine(*http);
  boost::asio::io_context context;
  Metrics metrics;
  PipelineCache cache(registry);
  RunManager runs(context, engine, **store, metrics);
  ApiContext api{**store, runs, cache, registry, metrics, ServerLimits{}};
  Router router;
  add_routes(router, api);

  std::set<std::string> served;
  for (const auto& route : router.routes()) {
    served.insert(lower(route.method) + " " + route.pattern);
  }
  std::set<std::string> documented;
  const auto document = openapi_document();
  for (const auto& [path, item] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      documented.insert(std::string(method) + " " + std::string(path));
    }
  }
  EXPECT_EQ(served, documented);
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace weft::api
