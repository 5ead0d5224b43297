// The auth gate over the router's own route table: every route outside the
// public list answers 401 without a token, in every spelling of its path.
#include "api/auth_gate.hpp"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <regex>
#include <thread>

#include "api/api.hpp"
#include "api/static_files.hpp"
#include "common/ids.hpp"
#include "engine/engine.hpp"
#include "integrations/http_client.hpp"
#include "server_harness.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace weft::api {
namespace {

/// Everything `add_routes` needs, real, on a temporary data directory.
struct Backend {
  Backend() {
    auth::AuthOptions options;
    options.password_cost = auth::PasswordCost::minimum();
    auth = std::move(
        auth::Auth::create(*store, auth::KeyRing{auth::MasterKey::generate()}, std::move(options))
            .value());
    context.auth = auth.get();
  }
  ~Backend() {
    keep_running.reset();
    io.stop();
    io_thread.join();
    auth.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir = std::filesystem::temp_directory_path() / new_id("gatetest");
  std::unique_ptr<store::Store> store = std::move(store::open_sqlite_store(dir.string()).value());
  nodes::Registry registry = nodes::make_core_registry();
  std::unique_ptr<integrations::HttpClient> http =
      integrations::make_http_client(integrations::AddressGuard{});
  engine::Engine engine{{.http = http.get()}};
  boost::asio::io_context io;
  Metrics metrics;
  runs::PipelineCache cache{registry};
  runs::RunManager runs{io, engine, *store, metrics};
  ApiContext context{*store, runs, cache, registry, metrics, ServerLimits{}};
  std::unique_ptr<auth::Auth> auth;
  // Runs finish on `io`; a run request would otherwise wait for its answer forever.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> keep_running =
      boost::asio::make_work_guard(io);
  std::thread io_thread{[this] { io.run(); }};
};

/// A concrete path for a route pattern ({id} -> x).
std::string concrete(const std::string& pattern) {
  return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), "x");
}

testing::RawResponse answer_of(unsigned short port, const std::string& method,
                               const std::string& path, const std::string& token = "") {
  testing::RawClient client(port);
  const std::string authorization = token.empty() ? "" : "Authorization: Bearer " + token + "\r\n";
  client.send(method + " " + path + " HTTP/1.1\r\nHost: t\r\n" + authorization +
              "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: "
              "close\r\n\r\n{}");
  return client.read_response(method == "HEAD");
}

int status_of(unsigned short port, const std::string& method, const std::string& path) {
  return answer_of(port, method, path).status;
}

class AuthGateTest : public ::testing::Test {
 protected:
  Backend backend;
  std::vector<Route> routes;  // before `server`, whose constructor fills it
  testing::ServerHarness server{{}, [this](Router& router) {
                                  add_routes(router, backend.context);
                                  add_static_files(router, backend.dir / "no-web");
                                  routes = router.routes();
                                }};
  void SetUp() override { server.server().set_middleware(make_auth_gate(*backend.auth)); }
};

TEST_F(AuthGateTest, EveryRouteOutsideThePublicListIs401WithoutAToken) {
  ASSERT_GT(routes.size(), 40u);
  int checked = 0;
  for (const auto& route : routes) {
    if (is_public_route(route.method, route.pattern)) {
      continue;
    }
    const std::string path = concrete(route.pattern);
    EXPECT_EQ(status_of(server.port(), route.method, path), 401) << route.method << " " << path;
    if (path.starts_with("/api/")) {
      const std::string rest = path.substr(4);
      for (const std::string& spelling :
           {"/API" + rest, "/Api" + rest, "//api" + rest, "/api/%2e" + rest, "/%2e%2e/api" + rest,
            "/api/./" + rest.substr(1), "/x/../api" + rest}) {
        EXPECT_EQ(status_of(server.port(), route.method, spelling), 401)
            << route.method << " " << spelling;
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 35);
}

TEST_F(AuthGateTest, ABadTokenIs401AndSaysWhy) {
  testing::RawClient client(server.port());
  client.send("GET /api/pipelines HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer nonsense\r\n\r\n");
  const auto response = client.read_response();
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.header("www-authenticate"), "Bearer realm=\"weft\"");
}

TEST_F(AuthGateTest, PublicRoutesAndTheEditorFilesNeedNoToken) {
  EXPECT_EQ(status_of(server.port(), "GET", "/healthz"), 200);
  EXPECT_EQ(status_of(server.port(), "GET", "/api/auth/setup"), 200);
  EXPECT_EQ(status_of(server.port(), "GET", "/api/openapi.json"), 200);
  // The editor's files and its own routes (here: the page saying it is not built).
  EXPECT_EQ(status_of(server.port(), "GET", "/pipelines/abc"), 404);
  EXPECT_EQ(status_of(server.port(), "GET", "/"), 404);
  EXPECT_EQ(status_of(server.port(), "GET", "/assets/app-1.js"), 404);
  EXPECT_EQ(status_of(server.port(), "GET", "/API/pipelines"), 401);
}

/// An owner, a pipeline `hello`, and run keys: one limited to `hello`, one not.
class RunKeyTest : public AuthGateTest {
 protected:
  void SetUp() override {
    AuthGateTest::SetUp();
    auto session = backend.auth->accounts().setup_owner({"o@example.com", "long password", ""}, "");
    ASSERT_TRUE(session.ok());
    auto owner = backend.auth->accounts().authenticate_bearer(session->access_token);
    ASSERT_TRUE(owner.ok());
    store::PipelineRecord pipeline;
    pipeline.id = "hello";
    pipeline.name = "Hello";
    pipeline.definition =
        json::object{{"id", "hello"}, {"nodes", json::array{}}, {"edges", json::array{}}};
    ASSERT_TRUE(backend.store->create_pipeline(owner->workspace_id, pipeline).ok());
    auto limited = backend.auth->api_keys().create(*owner, "hook", auth::ApiKeyScope::run, "hello");
    auto any = backend.auth->api_keys().create(*owner, "any", auth::ApiKeyScope::run);
    ASSERT_TRUE(limited.ok() && any.ok());
    limited_key = limited->key;
    any_key = any->key;
  }

  /// What a run key may reach; 403 for the rest.
  static bool reachable(const Route& route) {
    return (route.method == "POST" && route.pattern == "/api/pipelines/{id}/run") ||
           (route.method == "GET" && route.pattern.starts_with("/api/executions")) ||
           (route.method == "GET" && route.pattern == "/api/files/{id}");
  }

  std::string limited_key;
  std::string any_key;
};

TEST_F(RunKeyTest, ARunKeyRunsAndReadsExecutionsAndIsRefusedEverywhereElse) {
  int refused = 0;
  for (const auto& route : routes) {
    if (is_public_route(route.method, route.pattern) || !route.pattern.starts_with("/api/")) {
      continue;
    }
    // Its own pipeline where a route names one.
    const std::string path = std::regex_replace(
        concrete(route.pattern), std::regex("^/api/pipelines/x"), "/api/pipelines/hello");
    for (const std::string& key : {limited_key, any_key}) {
      const auto answer = answer_of(server.port(), route.method, path, key);
      if (reachable(route)) {
        EXPECT_NE(answer.status, 0) << route.method << " " << path << ": no answer";
        EXPECT_NE(answer.status, 403) << route.method << " " << path << " " << answer.body;
        EXPECT_NE(answer.status, 401) << route.method << " " << path << " " << answer.body;
      } else {
        EXPECT_EQ(answer.status, 403) << route.method << " " << path << " " << answer.body;
        ++refused;
      }
    }
  }
  EXPECT_GT(refused, 70);
  // test-run is a run, but not what a run key is for.
  EXPECT_EQ(answer_of(server.port(), "POST", "/api/pipelines/hello/test-run", limited_key).status,
            403);
  // The limited key runs its pipeline only, and lists that pipeline's executions only.
  EXPECT_EQ(answer_of(server.port(), "POST", "/api/pipelines/other/run", limited_key).status, 403);
  EXPECT_EQ(
      answer_of(server.port(), "GET", "/api/executions?pipeline_id=other", limited_key).status,
      403);
  EXPECT_EQ(
      answer_of(server.port(), "GET", "/api/executions?pipeline_id=hello", limited_key).status,
      200);
  EXPECT_EQ(answer_of(server.port(), "GET", "/api/executions?pipeline_id=other", any_key).status,
            200);
}

TEST_F(RunKeyTest, GuessingKeysFromOneAddressIsLimitedWithRetryAfter) {
  std::string wrong = limited_key;
  wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(answer_of(server.port(), "GET", "/api/executions", wrong).status, 401) << i;
  }
  const auto limited = answer_of(server.port(), "GET", "/api/executions", any_key);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_FALSE(limited.header("retry-after").empty());
  EXPECT_LE(std::stoi(limited.header("retry-after")), 60);
}

TEST_F(AuthGateTest, OnlyApiAndPathsUnderItAreTheApi) {
  // Pages of the editor whose path merely starts with /api (a reload of /api-keys).
  EXPECT_EQ(status_of(server.port(), "GET", "/api-keys"), 404);  // the "not built" page
  EXPECT_EQ(status_of(server.port(), "GET", "/apis/x"), 404);
  EXPECT_EQ(status_of(server.port(), "GET", "/api"), 401);
  EXPECT_EQ(status_of(server.port(), "GET", "/api/"), 401);
  EXPECT_EQ(status_of(server.port(), "GET", "/Api/nothing"), 401);
}

}  // namespace
}  // namespace weft::api
