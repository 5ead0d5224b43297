// Reading the refresh cookie from a request and writing its Set-Cookie.

#include "api/http/cookie.hpp"

#include <gtest/gtest.h>

namespace weft::api {
namespace {

Request with_cookies(std::vector<std::string> values) {
  Request request;
  for (auto& value : values) {
    request.headers.emplace_back("cookie", std::move(value));
  }
  return request;
}

TEST(CookieTest, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(cookie_value(with_cookies({"a=1; weft_refresh=abc-_9; b=2"}), "weft_refresh"),
            "abc-_9");
  EXPECT_EQ(cookie_value(with_cookies({"weft_refresh=\"quoted\""}), "weft_refresh"), "quoted");
  EXPECT_EQ(cookie_value(with_cookies({"a=1", "weft_refresh=second"}), "weft_refresh"), "second");
  EXPECT_EQ(cookie_value(with_cookies({"xweft_refresh=no; weft_refreshx=no"}), "weft_refresh"),
            std::nullopt);
  EXPECT_EQ(cookie_value(with_cookies({"weft_refresh="}), "weft_refresh"), std::nullopt);
  EXPECT_EQ(cookie_value(with_cookies({}), "weft_refresh"), std::nullopt);
}

TEST(CookieTest, WritesEveryAttribute) {
  CookieAttributes attributes;
  attributes.path = "/api/auth";
  attributes.max_age = std::chrono::seconds(60);
  attributes.secure = true;
  EXPECT_EQ(set_cookie("weft_refresh", "v", attributes),
            "weft_refresh=v; Path=/api/auth; Max-Age=60; HttpOnly; Secure; SameSite=Strict");
  attributes.secure = false;
  attributes.max_age = std::chrono::seconds(-5);
  EXPECT_EQ(set_cookie("weft_refresh", "", attributes),
            "weft_refresh=; Path=/api/auth; Max-Age=0; HttpOnly; SameSite=Strict");
}

}  // namespace
}  // namespace weft::api
