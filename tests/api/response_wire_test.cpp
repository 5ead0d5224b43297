// The bytes of an answer: the security headers are on every one, chosen by
// the server, whatever a handler says.

#include "api/http/response_wire.hpp"

#include <gtest/gtest.h>

#include "api/http/security_headers.hpp"

namespace weft::api {
namespace {

std::string wire(const Response& response) {
  return serialize_response(response, {.request_id = "req_1"});
}

int count(const std::string& text, std::string_view needle) {
  int n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

TEST(ResponseWireSecurity, EveryAnswerForbidsSniffingFramingAndReferrers) {
  for (const Response& response : {Response::json(200, json::object{}), Response::text(204, ""),
                                   Response::error(401, "unauthenticated", "sign in"),
                                   Response::text(200, "x", "text/javascript; charset=utf-8")}) {
    const std::string out = wire(response);
    EXPECT_NE(out.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\r\nReferrer-Policy: no-referrer\r\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\r\nX-Frame-Options: DENY\r\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\r\nContent-Security-Policy: " + std::string(kResourcePolicy) + "\r\n"),
              std::string::npos)
        << out;
  }
}

TEST(ResponseWireSecurity, HtmlGetsTheEditorsPolicy) {
  const std::string out = wire(Response::text(200, "<!doctype html>", "text/html; charset=utf-8"));
  EXPECT_NE(out.find("\r\nContent-Security-Policy: " + std::string(kEditorPolicy) + "\r\n"),
            std::string::npos);
  EXPECT_NE(std::string(kEditorPolicy).find("script-src 'self' 'report-sample';"),
            std::string::npos);
  EXPECT_NE(std::string(kEditorPolicy).find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(std::string(kEditorPolicy).find("unsafe"), std::string::npos);
}

TEST(ResponseWireSecurity, AHandlerCannotWeakenThem) {
  Response response = Response::text(200, "<p>", "text/html");
  response.headers = {{"Content-Security-Policy", "script-src *"},
                      {"x-frame-options", "ALLOWALL"},
                      {"Referrer-Policy", "unsafe-url"},
                      {"X-Content-Type-Options", "sniff"},
                      {"Cache-Control", "no-cache"}};
  const std::string out = wire(response);
  EXPECT_EQ(count(out, "Content-Security-Policy:"), 1);
  EXPECT_EQ(out.find("script-src *"), std::string::npos);
  EXPECT_EQ(out.find("ALLOWALL"), std::string::npos);
  EXPECT_EQ(out.find("unsafe-url"), std::string::npos);
  EXPECT_EQ(out.find(": sniff"), std::string::npos);
  EXPECT_NE(out.find("\r\nCache-Control: no-cache\r\n"), std::string::npos);
}

}  // namespace
}  // namespace weft::api
