#include "api/http/request_target.hpp"

#include <gtest/gtest.h>

namespace weft::api {
namespace {

std::string path_of(std::string_view target) {
  auto parsed = parse_request_target(target);
  return parsed ? parsed->path : "error: " + parsed.error().message;
}

TEST(RequestTarget, CollapsesEmptySegmentsAndResolvesDots) {
  EXPECT_EQ(path_of("//api//x"), "/api/x");
  EXPECT_EQ(path_of("/api/./x"), "/api/x");
  EXPECT_EQ(path_of("/api/y/../x"), "/api/x");
  EXPECT_EQ(path_of("/api/x/"), "/api/x");
  EXPECT_EQ(path_of("/"), "/");
  EXPECT_EQ(path_of("/.."), "/");
}

TEST(RequestTarget, DotDotNeverClimbsAboveRoot) {
  EXPECT_EQ(path_of("/../../etc/passwd"), "/etc/passwd");
  EXPECT_EQ(path_of("/api/../../../x"), "/x");
}

TEST(RequestTarget, EncodedDotsAreDotSegments) {
  EXPECT_EQ(path_of("/api/%2e%2e/x"), "/x");
  EXPECT_EQ(path_of("/api/%2E/x"), "/api/x");
  EXPECT_EQ(path_of("/api/a%2eb"), "/api/a.b");
}

TEST(RequestTarget, DecodesSegments) {
  EXPECT_EQ(path_of("/files/a%20b"), "/files/a b");
  EXPECT_EQ(path_of("/files/caf%C3%A9"), "/files/caf\xC3\xA9");
  EXPECT_EQ(path_of("/files/a+b"), "/files/a+b");  // '+' is only a space in the query
}

TEST(RequestTarget, RefusesEncodedSlash) {
  auto parsed = parse_request_target("/api/pipelines/a%2Fb");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, ErrorCode::invalid_argument);
  EXPECT_NE(parsed.error().message.find("%2F"), std::string::npos);
  EXPECT_FALSE(parse_request_target("/api/%2f..%2fx").ok());
}

TEST(RequestTarget, RefusesControlBytesAndBadEscapes) {
  EXPECT_FALSE(parse_request_target("/api/a%00b").ok());
  EXPECT_FALSE(parse_request_target("/api/a%0Ab").ok());
  EXPECT_FALSE(parse_request_target("/api/a%7Fb").ok());
  EXPECT_FALSE(parse_request_target("/api/a%zz").ok());
  EXPECT_FALSE(parse_request_target("/api/a%2").ok());
  EXPECT_FALSE(parse_request_target("/api/%FF").ok());        // not UTF-8
  EXPECT_FALSE(parse_request_target("/api/%C0%AF").ok());     // overlong '/'
  EXPECT_FALSE(parse_request_target("/api/%ED%A0%80").ok());  // surrogate
}

TEST(RequestTarget, RefusesTargetsThatAreNotPaths) {
  EXPECT_FALSE(parse_request_target("").ok());
  EXPECT_FALSE(parse_request_target("*").ok());
  EXPECT_FALSE(parse_request_target("api/x").ok());
}

TEST(RequestTarget, AcceptsAbsoluteForm) {
  EXPECT_EQ(path_of("http://example.com/api/x?y=1"), "/api/x");
  EXPECT_EQ(path_of("HTTP://example.com"), "/");
}

TEST(RequestTarget, ParsesQuery) {
  auto parsed = parse_request_target("/s?q=a+b%21&empty=&flag&x=1&x=2&&=v&sl=%2F");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->path, "/s");
  EXPECT_EQ(parsed->query.at("q"), "a b!");
  EXPECT_EQ(parsed->query.at("empty"), "");
  EXPECT_EQ(parsed->query.at("flag"), "");
  EXPECT_EQ(parsed->query.at("x"), "2");  // the last value wins
  EXPECT_EQ(parsed->query.at("sl"), "/");
  EXPECT_EQ(parsed->query.count(""), 0u);
  EXPECT_FALSE(parse_request_target("/s?q=%zz").ok());
}

TEST(RequestTarget, PrintablePathEscapesEverythingElse) {
  EXPECT_EQ(printable_path("/a b\n\xC3\xA9"), "/a%20b%0A%C3%A9");
  EXPECT_EQ(printable_path("/api/x"), "/api/x");
}

}  // namespace
}  // namespace weft::api
