// Which pages count as the server's own: the WebSocket and the sign-in
// routes answer only those (and clients that are no browser page).

#include "api/http/origin.hpp"

#include <gtest/gtest.h>

namespace weft::api {
namespace {

Request with_headers(HeaderList headers) {
  Request request;
  request.headers = std::move(headers);
  return request;
}

TEST(OriginTest, TheSameHostAndPortMatchCaseAndDefaultPortsAside) {
  EXPECT_TRUE(origin_matches_host("http://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_TRUE(origin_matches_host("HTTP://Weft.Example.COM", "weft.example.com"));
  EXPECT_TRUE(origin_matches_host("http://weft.example.com", "weft.example.com:80"));
  EXPECT_TRUE(origin_matches_host("https://weft.example.com", "weft.example.com:443"));
  EXPECT_TRUE(origin_matches_host("https://[::1]:8080", "[::1]:8080"));
}

TEST(OriginTest, AnyOtherPageDoesNot) {
  EXPECT_FALSE(origin_matches_host("http://evil.example", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("http://127.0.0.1:3000", "127.0.0.1:8080"));  // same host
  EXPECT_FALSE(origin_matches_host("http://localhost:8080", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("https://weft.example.com", "weft.example.com:80"));
  EXPECT_FALSE(origin_matches_host("http://127.0.0.1:8080.evil.example", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("null", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("file://", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("ftp://127.0.0.1:8080", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("http://127.0.0.1:8080/", "127.0.0.1:8080"));
  EXPECT_FALSE(origin_matches_host("http://127.0.0.1:8080", ""));
}

TEST(OriginTest, ARequestWithoutOriginIsNoBrowserPage) {
  EXPECT_TRUE(from_own_origin(with_headers({{"host", "127.0.0.1:8080"}})));
  EXPECT_TRUE(from_own_origin(
      with_headers({{"host", "127.0.0.1:8080"}, {"origin", "http://127.0.0.1:8080"}})));
  EXPECT_FALSE(from_own_origin(
      with_headers({{"host", "127.0.0.1:8080"}, {"origin", "http://evil.example"}})));
  EXPECT_FALSE(from_own_origin(with_headers({{"host", "127.0.0.1:8080"}, {"origin", ""}})));
}

}  // namespace
}  // namespace weft::api
