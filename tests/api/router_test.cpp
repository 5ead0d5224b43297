#include "api/http/router.hpp"

#include <gtest/gtest.h>

namespace weft::api {
namespace {

namespace net = boost::asio;

Handler answering(int status) {
  return [status](Request&) -> net::awaitable<Response> { co_return Response::text(status, ""); };
}

Router sample_router() {
  Router router;
  router.add("GET", "/api/pipelines", answering(200));
  router.add("post", "/api/pipelines", answering(201));
  router.add("GET", "/api/pipelines/{id}", answering(200));
  router.add("GET", "/api/pipelines/{id}/versions", answering(200));
  router.add("GET", "/api/pipelines/templates", answering(200));
  router.add("GET", "/", answering(200));
  return router;
}

TEST(Router, MatchesLiteralPath) {
  Router router = sample_router();
  std::unordered_map<std::string, std::string> params;
  auto match = router.match("POST", "/api/pipelines", params);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->method, "POST");  // added as "post", stored upper case
  EXPECT_TRUE(params.empty());
}

TEST(Router, CapturesOneSegmentPerParameter) {
  Router router = sample_router();
  std::unordered_map<std::string, std::string> params;
  auto match = router.match("GET", "/api/pipelines/p_123/versions", params);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/pipelines/{id}/versions");
  EXPECT_EQ(params.at("id"), "p_123");
}

TEST(Router, LiteralSegmentBeatsCapture) {
  Router router = sample_router();
  std::unordered_map<std::string, std::string> params;
  auto match = router.match("GET", "/api/pipelines/templates", params);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/api/pipelines/templates");
  EXPECT_TRUE(params.empty());
}

// `POST /api/pipelines/validate` once made `OPTIONS` there answer
// `Allow: DELETE, GET, HEAD, POST, PUT` and a GET read a pipeline named `validate`.
TEST(Router, LiteralSegmentShadowsCaptureForOtherMethods) {
  Router router = sample_router();
  router.add("POST", "/api/pipelines/validate", answering(200));
  std::unordered_map<std::string, std::string> params;
  auto match = router.match("GET", "/api/pipelines/validate", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_TRUE(params.empty());
  EXPECT_EQ(router.allowed_methods("/api/pipelines/validate"), (std::vector<std::string>{"POST"}));
  EXPECT_EQ(router.allowed_methods("/api/pipelines/p1"), (std::vector<std::string>{"GET", "HEAD"}));
}

TEST(Router, CaptureDoesNotSpanSegments) {
  Router router = sample_router();
  std::unordered_map<std::string, std::string> params;
  auto match = router.match("GET", "/api/pipelines/a/b", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_FALSE(match.path_known);
}

TEST(Router, MatchingIsCaseSensitive) {
  Router router = sample_router();
  std::unordered_map<std::string, std::string> params;
  EXPECT_EQ(router.match("GET", "/API/pipelines", params).route, nullptr);
  EXPECT_FALSE(router.match("GET", "/API/pipelines", params).path_known);
}

TEST(Router, KnownPathWithOtherMethodIsReported) {
  Router router = sample_router();
  std::unordered_map<std::string, std::string> params;
  auto match = router.match("DELETE", "/api/pipelines", params);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.path_known);
  EXPECT_EQ(router.allowed_methods("/api/pipelines"),
            (std::vector<std::string>{"GET", "HEAD", "POST"}));
}

TEST(Router, RootRoute) {
  Router router = sample_router();
  std::unordered_map<std::string, std::string> params;
  auto match = router.match("GET", "/", params);
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.route->pattern, "/");
}

TEST(Router, RoutesAreData) {
  Router router = sample_router();
  ASSERT_EQ(router.routes().size(), 6u);
  EXPECT_EQ(router.routes()[3].pattern, "/api/pipelines/{id}/versions");
}

}  // namespace
}  // namespace weft::api
